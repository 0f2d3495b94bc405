import { describe, expect, it } from 'vitest';
import { dropsEmptyText, readDropsOpen, windowText, writeDropsOpen } from './dropsText';

describe('drops panel text and URL', () => {
  it('keeps the open panel in the URL next to other parameters', () => {
    expect(writeDropsOpen('?namespace=shop', true)).toBe('?namespace=shop&drops=open');
    expect(readDropsOpen('?namespace=shop&drops=open')).toBe(true);
    expect(readDropsOpen('?drops=1')).toBe(false);
    expect(writeDropsOpen('?drops=open', false)).toBe('');
  });

  it('writes windows the way people say them', () => {
    expect(windowText(300_000)).toBe('5 min');
    expect(windowText(3_600_000)).toBe('1 h');
    expect(windowText(90_000)).toBe('90 s');
  });

  it('says what was looked at when there are no drops', () => {
    expect(dropsEmptyText(300_000, { namespaces: [], filtered: false }).title).toBe('No drops in the last 5 min');
    expect(dropsEmptyText(300_000, { namespaces: ['shop'], filtered: true }).title).toBe('No drops in the last 5 min in namespace shop for this filter');
    expect(dropsEmptyText(60_000, { namespaces: ['a', 'b'], filtered: false }).title).toBe('No drops in the last 1 min in namespaces a and b');
  });
});
