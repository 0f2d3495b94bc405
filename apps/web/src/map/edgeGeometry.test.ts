import { describe, expect, it } from 'vitest';
import { edgePath, floatingPath, polylinePath } from './edgeGeometry';

const card = (x: number, y: number) => ({ x, y, width: 200, height: 60 });

describe('edge geometry', () => {
  it('rounds the corners of an orthogonal route', () => {
    expect(polylinePath([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 50 }])).toBe('M0,0 L92,0 Q100,0 100,8 L100,50');
  });

  it('joins cards standing side by side from the right side of the source to the left side of the target', () => {
    const p = floatingPath(card(0, 0), card(400, 100));
    expect(p.d.startsWith('M200,30 ')).toBe(true);
    expect(p.d.endsWith(' 400,130')).toBe(true);
    expect(p.label.x).toBeCloseTo(300, 0);
    expect(p.label.y).toBeCloseTo(80, 0);
    // Fallback spots lie along the curve, between the two cards.
    expect(p.spots.length).toBeGreaterThan(3);
    for (const spot of p.spots) expect(spot.x > 200 && spot.x < 400 && spot.y > 30 && spot.y < 130).toBe(true);
  });

  it('joins cards stacked close together with a bracket on their right, its label beside it', () => {
    const p = floatingPath(card(0, 0), card(0, 80), 60);
    expect(p.d).toBe('M200,30 L218,30 Q226,30 226,38 L226,102 Q226,110 218,110 L200,110');
    expect(p.label).toEqual({ x: 260, y: 70 });
  });

  it('goes leftwards when the target stands to the left, and vertically when the cards are stacked far apart', () => {
    expect(floatingPath(card(400, 0), card(0, 0)).d.startsWith('M400,30 ')).toBe(true);
    const down = floatingPath(card(0, 0), card(50, 300));
    expect(down.d.startsWith('M100,60 ')).toBe(true);
    expect(down.d.endsWith(' 150,300')).toBe(true);
  });

  it('follows the layout route only while both cards stand where the route expects them', () => {
    const route = { points: [{ x: 200, y: 30 }, { x: 400, y: 30 }], label: { x: 300, y: 20 }, sourceAt: { x: 0, y: 0 }, targetAt: { x: 400, y: 0 } };
    expect(edgePath(card(0, 0), card(400, 0), route)).toMatchObject({ d: 'M200,30 L400,30', label: { x: 300, y: 20 } });
    const moved = edgePath(card(0, 0), card(400, 200), route);
    expect(moved.d.startsWith('M200,30 C')).toBe(true);
  });

  it('draws traffic a node sends to itself as a loop', () => {
    const box = card(0, 0);
    expect(floatingPath(box, box).d).toMatch(/^M200,18 C260,-12 260,72 200,42$/);
  });
});
