/**
 * Where edge labels go so that none sits on a card or on another label: each label takes the
 * first of its candidate spots that is free, in the order given (so labels placed by the
 * layered layout, which are already clear, keep their places). A label with no free spot keeps
 * its first one. A grid of buckets keeps the lookups local.
 */
import { overlaps } from './layout/geometry';
import type { Point, Rect } from './layout/types';

export interface LabelRequest {
  id: string;
  /** Candidate centres, best first. */
  spots: readonly Point[];
  width: number;
  height: number;
}

const CELL = 120;
const GAP = 3;

class BoxGrid {
  private readonly cells = new Map<string, Rect[]>();

  private keys(r: Rect): string[] {
    const out: string[] = [];
    for (let i = Math.floor(r.x / CELL); i <= Math.floor((r.x + r.width) / CELL); i++) {
      for (let j = Math.floor(r.y / CELL); j <= Math.floor((r.y + r.height) / CELL); j++) out.push(`${i}:${j}`);
    }
    return out;
  }

  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const list = this.cells.get(key);
      if (list) list.push(r);
      else this.cells.set(key, [r]);
    }
  }

  hits(r: Rect): boolean {
    for (const key of this.keys(r)) {
      for (const other of this.cells.get(key) ?? []) if (overlaps(r, other, GAP)) return true;
    }
    return false;
  }
}

/** Label centres by id. `obstacles`: cards. */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Rect[]): Map<string, Point> {
  const grid = new BoxGrid();
  for (const o of obstacles) grid.add(o);
  const placed = new Map<string, Point>();
  for (const req of requests) {
    const box = (p: Point): Rect => ({ x: p.x - req.width / 2, y: p.y - req.height / 2, width: req.width, height: req.height });
    const chosen = req.spots.find((p) => !grid.hits(box(p))) ?? req.spots[0];
    if (!chosen) continue;
    placed.set(req.id, chosen);
    grid.add(box(chosen));
  }
  return placed;
}
