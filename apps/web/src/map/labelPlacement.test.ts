import { describe, expect, it } from 'vitest';
import { placeLabels } from './labelPlacement';

describe('label placement', () => {
  it('keeps the first spot when it is free', () => {
    const at = placeLabels([{ id: 'a', spots: [{ x: 50, y: 50 }, { x: 500, y: 500 }], width: 40, height: 20 }], []);
    expect(at.get('a')).toEqual({ x: 50, y: 50 });
  });

  it('moves a label off a card and off a label placed before it', () => {
    const card = { x: 0, y: 0, width: 100, height: 60 };
    const at = placeLabels(
      [
        { id: 'first', spots: [{ x: 200, y: 30 }], width: 60, height: 30 },
        { id: 'second', spots: [{ x: 50, y: 30 }, { x: 210, y: 40 }, { x: 200, y: 100 }], width: 60, height: 30 },
      ],
      [card],
    );
    expect(at.get('first')).toEqual({ x: 200, y: 30 });
    // 50,30 is on the card, 210,40 on the first label.
    expect(at.get('second')).toEqual({ x: 200, y: 100 });
  });

  it('falls back to the first spot when every spot is taken', () => {
    const at = placeLabels([{ id: 'a', spots: [{ x: 10, y: 10 }, { x: 20, y: 20 }], width: 10, height: 10 }], [{ x: 0, y: 0, width: 100, height: 100 }]);
    expect(at.get('a')).toEqual({ x: 10, y: 10 });
  });

  it('finds collisions across the grid buckets a large label spans', () => {
    const wide = { id: 'wide', spots: [{ x: 300, y: 100 }], width: 400, height: 20 };
    const small = { id: 'small', spots: [{ x: 460, y: 100 }, { x: 460, y: 200 }], width: 30, height: 20 };
    expect(placeLabels([wide, small], []).get('small')).toEqual({ x: 460, y: 200 });
  });
});
