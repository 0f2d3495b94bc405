/**
 * The shape of an edge: the layered layout's orthogonal route while both cards stand where
 * that layout put them, else a curve from the facing sides of the two cards. Shared by the
 * canvas and the SVG export so both draw the same lines.
 */
import type { Point, Rect } from './layout/types';

export interface EdgePath {
  /** SVG path data. */
  d: string;
  /** Where the label sits (its centre). */
  label: Point;
}

const CORNER = 8;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A polyline with rounded corners. */
export function polylinePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const first = points[0]!;
  let d = `M${round(first.x)},${round(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i]!;
    const next = points[i + 1];
    if (!next) {
      d += ` L${round(p.x)},${round(p.y)}`;
      break;
    }
    const prev = points[i - 1]!;
    const inLen = Math.hypot(p.x - prev.x, p.y - prev.y);
    const outLen = Math.hypot(next.x - p.x, next.y - p.y);
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    if (r <= 0.5) {
      d += ` L${round(p.x)},${round(p.y)}`;
      continue;
    }
    const a = { x: p.x - ((p.x - prev.x) / inLen) * r, y: p.y - ((p.y - prev.y) / inLen) * r };
    const b = { x: p.x + ((next.x - p.x) / outLen) * r, y: p.y + ((next.y - p.y) / outLen) * r };
    d += ` L${round(a.x)},${round(a.y)} Q${round(p.x)},${round(p.y)} ${round(b.x)},${round(b.y)}`;
  }
  return d;
}

function longestSegmentMiddle(points: readonly Point[]): Point {
  let best = { x: points[0]?.x ?? 0, y: points[0]?.y ?? 0 };
  let bestLen = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len > bestLen) {
      bestLen = len;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

export function routedPath(points: readonly Point[], label: Point | null): EdgePath {
  return { d: polylinePath(points), label: label ?? longestSegmentMiddle(points) };
}

type Side = 'left' | 'right' | 'top' | 'bottom';

function anchor(r: Rect, side: Side): Point {
  switch (side) {
    case 'left':
      return { x: r.x, y: r.y + r.height / 2 };
    case 'right':
      return { x: r.x + r.width, y: r.y + r.height / 2 };
    case 'top':
      return { x: r.x + r.width / 2, y: r.y };
    default:
      return { x: r.x + r.width / 2, y: r.y + r.height };
  }
}

const NORMAL: Record<Side, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 } };

/** A curve between the facing sides of two cards: left/right when they stand side by side, else top/bottom. */
export function floatingPath(source: Rect, target: Rect): EdgePath {
  if (source === target || (source.x === target.x && source.y === target.y && source.width === target.width)) return selfLoopPath(source);
  let sides: [Side, Side];
  if (target.x >= source.x + source.width) sides = ['right', 'left'];
  else if (target.x + target.width <= source.x) sides = ['left', 'right'];
  else sides = target.y >= source.y ? ['bottom', 'top'] : ['top', 'bottom'];
  const s = anchor(source, sides[0]);
  const t = anchor(target, sides[1]);
  const reach = Math.max(30, Math.min(180, Math.hypot(t.x - s.x, t.y - s.y) / 2.5));
  const c1 = { x: s.x + NORMAL[sides[0]].x * reach, y: s.y + NORMAL[sides[0]].y * reach };
  const c2 = { x: t.x + NORMAL[sides[1]].x * reach, y: t.y + NORMAL[sides[1]].y * reach };
  // The curve's point at t = 0.5.
  const label = { x: (s.x + 3 * c1.x + 3 * c2.x + t.x) / 8, y: (s.y + 3 * c1.y + 3 * c2.y + t.y) / 8 };
  return {
    d: `M${round(s.x)},${round(s.y)} C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(t.x)},${round(t.y)}`,
    label,
  };
}

/** A loop off a card's right side, for traffic a node sends to itself (the catch-all 'more' node). */
export function selfLoopPath(r: Rect): EdgePath {
  const x = r.x + r.width;
  const y1 = r.y + r.height * 0.3;
  const y2 = r.y + r.height * 0.7;
  return { d: `M${round(x)},${round(y1)} C${round(x + 60)},${round(y1 - 30)} ${round(x + 60)},${round(y2 + 30)} ${round(x)},${round(y2)}`, label: { x: x + 48, y: r.y + r.height / 2 } };
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

export interface AbsoluteRoute {
  points: Point[];
  label: Point | null;
  /** Top-left corners of the two cards the route was made for. */
  sourceAt: Point;
  targetAt: Point;
}

/** The route when both cards still stand where it expects them, else a fresh curve. */
export function edgePath(source: Rect, target: Rect, route: AbsoluteRoute | null | undefined): EdgePath {
  if (route && near(route.sourceAt, source) && near(route.targetAt, target)) return routedPath(route.points, route.label);
  return floatingPath(source, target);
}
