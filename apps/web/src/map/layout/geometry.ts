/**
 * Placement rules that keep the map stable: a new card goes next to a neighbour it talks to,
 * islands grow around their cards without moving them on screen, and islands that grow into
 * each other are pushed apart. No layout engine here; this runs on the main thread too (for
 * drags) and must stay cheap.
 */
import type { EdgeRoute, LayoutResult, Point, Rect } from './types';

/** Room inside an island around its cards; the top holds the island's title bar. */
export const ISLAND_PADDING = { top: 44, left: 18, right: 18, bottom: 18 } as const;
/** Space between islands. */
export const ISLAND_GAP = 40;
/** Narrowest island: room for its title, count and "peers only". */
export const ISLAND_MIN_WIDTH = 264;
/** Up to this many islands, new ones may go into any hole between them (quadratic in islands). */
const DENSE_PACKING_MAX = 60;
/** Weight of "stay near the islands you talk to" against "keep the map the canvas's shape". */
const ISLAND_PULL = 0.1;
/** Horizontal space between a card and a neighbour placed beside it: room for an edge label. */
export const NEIGHBOUR_GAP_X = 176;
/** Vertical space between stacked cards. */
export const NEIGHBOUR_GAP_Y = 18;
/** Cards closer than this count as overlapping. */
const CARD_MARGIN = 10;
/** How far (in card heights, both ways) a free spot inside the island may be from the neighbour to be preferred over growing. */
const NEAR_STEPS = 9;

export function overlaps(a: Rect, b: Rect, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

function collides(r: Rect, placed: readonly Rect[], margin: number): boolean {
  for (const p of placed) if (overlaps(r, p, margin)) return true;
  return false;
}

export interface NeighbourHint {
  /** The placed card to sit next to. */
  anchor: Rect;
  /** Which side of the anchor: right for a card the anchor sends to, left for one that sends to it. */
  side: 'right' | 'left';
  /** x of a column the anchor's other neighbours on that side already form, if any. */
  columnX: number | null;
}

/**
 * Where a new card goes among `placed` cards (all in one island's coordinates): beside its
 * neighbour, at the nearest free height, preferring a spot inside the island's current box
 * (`inside`) if there is one close to the neighbour, so the island need not grow and push its
 * neighbours; without a neighbour, in a free spot of an existing column, else below everything.
 */
export function placeCard(
  placed: readonly Rect[],
  size: { width: number; height: number },
  hint: NeighbourHint | null,
  inside: (card: Rect) => boolean = () => false,
): Point {
  const step = size.height + NEIGHBOUR_GAP_Y;
  if (hint) {
    const { anchor, side, columnX } = hint;
    const x = columnX ?? (side === 'right' ? anchor.x + anchor.width + NEIGHBOUR_GAP_X : anchor.x - NEIGHBOUR_GAP_X - size.width);
    const y0 = anchor.y + (anchor.height - size.height) / 2;
    // 0, +1, -1, +2, -2 … steps away from the anchor's height
    const candidateAt = (k: number) => ({ x, y: y0 + (k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2)) * step, ...size });
    for (let k = 0; k < NEAR_STEPS; k++) {
      const c = candidateAt(k);
      if (inside(c) && !collides(c, placed, CARD_MARGIN)) return { x: c.x, y: c.y };
    }
    for (let k = 0; k < 400; k++) {
      const c = candidateAt(k);
      if (!collides(c, placed, CARD_MARGIN)) return { x: c.x, y: c.y };
    }
  }
  if (placed.length === 0) return { x: ISLAND_PADDING.left, y: ISLAND_PADDING.top };
  let minY = Infinity;
  let maxY = -Infinity;
  const columns = new Set<number>();
  for (const p of placed) {
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y + p.height);
    columns.add(p.x);
  }
  const xs = [...columns].sort((a, b) => a - b);
  // A free spot in a column, top to bottom (never in the gaps between columns, where the edges run).
  for (let y = minY; y + size.height <= maxY; y += step) {
    for (const x of xs) {
      const c = { x, y, ...size };
      if (inside(c) && !collides(c, placed, CARD_MARGIN)) return { x, y };
    }
  }
  for (let row = 0; row < 1_000; row++) {
    const y = maxY + NEIGHBOUR_GAP_Y + row * step;
    for (const x of xs) if (!collides({ x, y, ...size }, placed, CARD_MARGIN)) return { x, y };
  }
  return { x: xs[0] ?? ISLAND_PADDING.left, y: maxY + NEIGHBOUR_GAP_Y };
}

function shiftRoute(route: EdgeRoute, dx: number, dy: number): EdgeRoute {
  const move = (p: Point) => ({ x: p.x + dx, y: p.y + dy });
  return { ...route, points: route.points.map(move), label: route.label && move(route.label), sourceAt: move(route.sourceAt), targetAt: move(route.targetAt) };
}

/**
 * Fits an island's box to its cards. Where the box must grow left or up (or may shrink from
 * there), the island moves and its cards move the other way inside it, so nothing moves on
 * screen. Mutates `result`.
 */
export function fitIsland(result: LayoutResult, island: string, sizes: ReadonlyMap<string, { width: number; height: number }>): void {
  const box = result.islands[island];
  if (!box) return;
  const members = Object.keys(result.nodes).filter((id) => result.nodes[id]!.island === island);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const id of members) {
    const p = result.nodes[id];
    const s = sizes.get(id);
    if (!p || !s) continue;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + s.width);
    maxY = Math.max(maxY, p.y + s.height);
  }
  if (minX === Infinity) return;
  const dx = ISLAND_PADDING.left - minX;
  const dy = ISLAND_PADDING.top - minY;
  if (dx !== 0 || dy !== 0) {
    for (const id of members) {
      const p = result.nodes[id];
      if (p) result.nodes[id] = { x: p.x + dx, y: p.y + dy, island };
    }
    for (const [edgeId, route] of Object.entries(result.routes)) {
      if (route.island === island) result.routes[edgeId] = shiftRoute(route, dx, dy);
    }
  }
  result.islands[island] = {
    x: box.x - dx,
    y: box.y - dy,
    width: Math.max(ISLAND_MIN_WIDTH, maxX + dx + ISLAND_PADDING.right),
    height: maxY + dy + ISLAND_PADDING.bottom,
  };
}

/**
 * Pushes islands apart until none overlap. `settled` islands (ones that just grew or that the
 * user placed) stay put where possible; the others move the shortest way out, away from the
 * island they hit. Mutates `islands`.
 */
export function separateIslands(islands: Record<string, Rect>, settled: Iterable<string> = []): void {
  const fixed = new Set(settled);
  const ids = Object.keys(islands).sort();
  for (let round = 0; round < 500; round++) {
    let moved = false;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const ai = ids[i]!;
        const bi = ids[j]!;
        const a0 = islands[ai]!;
        const b0 = islands[bi]!;
        if (!overlaps(a0, b0, ISLAND_GAP - 1)) continue;
        // Move the unsettled one; between equals, the one further down and right.
        const aFixed = fixed.has(ai);
        const bFixed = fixed.has(bi);
        const moveB = aFixed !== bFixed ? aFixed : a0.y + a0.x <= b0.y + b0.x;
        const [stayId, goId] = moveB ? [ai, bi] : [bi, ai];
        const stay = islands[stayId]!;
        const go = islands[goId]!;
        const goRight = go.x + go.width / 2 >= stay.x + stay.width / 2;
        const goDown = go.y + go.height / 2 >= stay.y + stay.height / 2;
        const dx = goRight ? stay.x + stay.width + ISLAND_GAP - go.x : stay.x - ISLAND_GAP - go.width - go.x;
        const dy = goDown ? stay.y + stay.height + ISLAND_GAP - go.y : stay.y - ISLAND_GAP - go.height - go.y;
        islands[goId] = Math.abs(dx) <= Math.abs(dy) ? { ...go, x: go.x + dx } : { ...go, y: go.y + dy };
        fixed.add(goId);
        moved = true;
      }
    }
    if (!moved) return;
  }
}

/**
 * Where a new island of `size` goes: beside or below one already placed, wherever the whole
 * map stays closest to the canvas's shape (`aspect` = width / height).
 */
export function placeIsland(
  existing: readonly Rect[],
  size: { width: number; height: number },
  aspect: number,
  /** How strongly the new island is tied to each existing one (same order; edge counts). */
  ties: readonly number[] = [],
): Point {
  if (existing.length === 0) return { x: 0, y: 0 };
  const tieTotal = ties.reduce((a, b) => a + b, 0);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of existing) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  const candidates: Point[] = [];
  if (existing.length <= DENSE_PACKING_MAX) {
    // Every corner formed by the left or right edge of one island and the top or bottom of
    // another: enough to find the holes a row-by-row packer leaves.
    const xs = new Set([minX, ...existing.map((r) => r.x + r.width + ISLAND_GAP), ...existing.map((r) => r.x)]);
    const ys = new Set([minY, ...existing.map((r) => r.y + r.height + ISLAND_GAP), ...existing.map((r) => r.y)]);
    for (const x of xs) for (const y of ys) candidates.push({ x, y });
  } else {
    for (const r of existing) {
      candidates.push({ x: r.x + r.width + ISLAND_GAP, y: r.y });
      candidates.push({ x: r.x, y: r.y + r.height + ISLAND_GAP });
    }
  }
  candidates.push({ x: minX, y: maxY + ISLAND_GAP }, { x: maxX + ISLAND_GAP, y: minY });
  let best: Point | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const rect = { ...c, ...size };
    if (collides(rect, existing, ISLAND_GAP - 1)) continue;
    const w = Math.max(maxX, c.x + size.width) - Math.min(minX, c.x);
    const h = Math.max(maxY, c.y + size.height) - Math.min(minY, c.y);
    // The zoom the whole map would need is set by its longer side relative to the canvas;
    // islands that talk a lot should also sit close, so their edges stay short.
    let pull = 0;
    if (tieTotal > 0) {
      const cx = c.x + size.width / 2;
      const cy = c.y + size.height / 2;
      existing.forEach((r, i) => {
        const t = ties[i] ?? 0;
        if (t > 0) pull += (t / tieTotal) * Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
      });
    }
    const score = Math.max(w / aspect, h) + ISLAND_PULL * pull + (c.y - minY + c.x - minX) * 1e-3;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best ?? { x: minX, y: maxY + ISLAND_GAP };
}

function cloneResult(result: LayoutResult): LayoutResult {
  return { islands: { ...result.islands }, nodes: { ...result.nodes }, routes: { ...result.routes } };
}

/** The layout after the user dropped a card at `position` (relative to its island). */
export function moveCard(result: LayoutResult, id: string, position: Point, sizes: ReadonlyMap<string, { width: number; height: number }>): LayoutResult {
  const island = result.nodes[id]?.island;
  if (island === undefined) return result;
  const next = cloneResult(result);
  next.nodes[id] = { x: position.x, y: position.y, island };
  fitIsland(next, island, sizes);
  separateIslands(next.islands, [island]);
  return next;
}

/** The layout after the user dropped an island at `position`. */
export function moveIsland(result: LayoutResult, island: string, position: Point): LayoutResult {
  const box = result.islands[island];
  if (!box) return result;
  const next = cloneResult(result);
  next.islands[island] = { ...box, x: position.x, y: position.y };
  separateIslands(next.islands, [island]);
  return next;
}

/** The bounding box of all islands. */
export function layoutBounds(result: LayoutResult): Rect | null {
  const boxes = Object.values(result.islands);
  if (boxes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of boxes) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
