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
  /** Other places on the line the label may go if `label` is taken, best first. */
  spots: Point[];
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

/** Middles of the segments, longest segment first. */
function segmentMiddles(points: readonly Point[]): Point[] {
  const segments: { mid: Point; length: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    segments.push({ mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, length: Math.hypot(b.x - a.x, b.y - a.y) });
  }
  return segments.sort((p, q) => q.length - p.length).map((s) => s.mid);
}

export function routedPath(points: readonly Point[], label: Point | null): EdgePath {
  const middles = segmentMiddles(points);
  return { d: polylinePath(points), label: label ?? middles[0] ?? { x: 0, y: 0 }, spots: middles };
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

/** Cards stacked closer than this are joined by a bracket on their right, not a curve through the gap. */
const BRACKET_GAP = 70;
const BRACKET_REACH = 26;

/**
 * A curve between the facing sides of two cards: left/right when they stand side by side, else
 * top/bottom; cards stacked close together get a bracket on their right side, with the label
 * beside it (a label in the narrow gap between them would sit on both cards).
 */
export function floatingPath(source: Rect, target: Rect, labelWidth = 0): EdgePath {
  if (source === target || (source.x === target.x && source.y === target.y && source.width === target.width)) return selfLoopPath(source);
  const overlapX = target.x < source.x + source.width && source.x < target.x + target.width;
  const gapY = Math.max(target.y - (source.y + source.height), source.y - (target.y + target.height));
  if (overlapX && gapY < BRACKET_GAP) {
    const s = anchor(source, 'right');
    const t = anchor(target, 'right');
    const x = Math.max(s.x, t.x) + BRACKET_REACH;
    const lx = x + 4 + labelWidth / 2;
    return {
      d: polylinePath([s, { x, y: s.y }, { x, y: t.y }, t]),
      label: { x: lx, y: (s.y + t.y) / 2 },
      spots: [{ x: lx, y: s.y }, { x: lx, y: t.y }],
    };
  }
  let sides: [Side, Side];
  if (target.x >= source.x + source.width) sides = ['right', 'left'];
  else if (target.x + target.width <= source.x) sides = ['left', 'right'];
  else sides = target.y >= source.y ? ['bottom', 'top'] : ['top', 'bottom'];
  const s = anchor(source, sides[0]);
  const t = anchor(target, sides[1]);
  const reach = Math.max(30, Math.min(180, Math.hypot(t.x - s.x, t.y - s.y) / 2.5));
  const c1 = { x: s.x + NORMAL[sides[0]].x * reach, y: s.y + NORMAL[sides[0]].y * reach };
  const c2 = { x: t.x + NORMAL[sides[1]].x * reach, y: t.y + NORMAL[sides[1]].y * reach };
  const at = (u: number): Point => {
    const v = 1 - u;
    return {
      x: v * v * v * s.x + 3 * v * v * u * c1.x + 3 * v * u * u * c2.x + u * u * u * t.x,
      y: v * v * v * s.y + 3 * v * v * u * c1.y + 3 * v * u * u * c2.y + u * u * u * t.y,
    };
  };
  return {
    d: `M${round(s.x)},${round(s.y)} C${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(t.x)},${round(t.y)}`,
    label: at(0.5),
    spots: [0.38, 0.62, 0.28, 0.72, 0.2, 0.8].map(at),
  };
}

/** A loop off a card's right side, for traffic a node sends to itself (the catch-all 'more' node). */
export function selfLoopPath(r: Rect): EdgePath {
  const x = r.x + r.width;
  const y1 = r.y + r.height * 0.3;
  const y2 = r.y + r.height * 0.7;
  return {
    d: `M${round(x)},${round(y1)} C${round(x + 60)},${round(y1 - 30)} ${round(x + 60)},${round(y2 + 30)} ${round(x)},${round(y2)}`,
    label: { x: x + 48, y: r.y + r.height / 2 },
    spots: [],
  };
}

export function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

export interface AbsoluteRoute {
  points: Point[];
  label: Point | null;
  /** Top-left corners of the two cards the route was made for. */
  sourceAt: Point;
  targetAt: Point;
}

/** Whether both cards still stand where the route expects them. */
export function routeFits(route: AbsoluteRoute | null | undefined, source: Point, target: Point): route is AbsoluteRoute {
  return !!route && near(route.sourceAt, source) && near(route.targetAt, target);
}

/** The route when both cards still stand where it expects them, else a fresh curve. */
export function edgePath(source: Rect, target: Rect, route: AbsoluteRoute | null | undefined, labelWidth = 0): EdgePath {
  if (routeFits(route, source, target)) return routedPath(route.points, route.label);
  return floatingPath(source, target, labelWidth);
}
