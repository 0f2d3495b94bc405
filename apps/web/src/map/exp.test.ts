import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { buildMapGraph, cardSize } from './mapGraph';
import { edgeLabel, edgeLabelWidth } from './edgeStyle';
import { layoutIsland } from './layout/elkIsland';
import { placeIsland } from './layout/geometry';

it('exp', async () => {
  const snap = JSON.parse(readFileSync('/tmp/maph/map2.json', 'utf8'));
  const graph = buildMapGraph(snap, [], []);
  const aspect = 1230 / 670;
  const nodes = graph.nodes.map((n) => ({ id: n.id, island: graph.islandOf.get(n.id)!, ...cardSize(n.kind) }));
  const edges = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.destination, labelWidth: edgeLabelWidth(edgeLabel(e)), labelHeight: 18, flows: e.flows }));
  const elk = new ELK();
  for (const variant of ['RIGHT', 'DOWN', 'BEST']) {
    const boxes: { id: string; width: number; height: number; dir: string }[] = [];
    for (const island of graph.islands) {
      const ns = nodes.filter((n) => n.island === island.id);
      const ids = new Set(ns.map((n) => n.id));
      const es = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      const r = await layoutIsland(elk, island.id, ns, es, aspect, 'RIGHT');
      const d = await layoutIsland(elk, island.id, ns, es, aspect, 'DOWN');
      const score = (x: { width: number; height: number }) => Math.max(x.width / aspect, x.height);
      const pick = variant === 'RIGHT' ? r : variant === 'DOWN' ? d : score(d) < score(r) * 0.9 ? d : r;
      boxes.push({ id: island.id, width: pick.width, height: pick.height, dir: pick === d ? 'D' : 'R' });
    }
    boxes.sort((a, b) => b.width * b.height - a.width * a.height);
    const placed: any[] = [];
    for (const b of boxes) placed.push({ ...placeIsland(placed, b, aspect), width: b.width, height: b.height });
    const W = Math.max(...placed.map((p) => p.x + p.width)) - Math.min(...placed.map((p) => p.x));
    const H = Math.max(...placed.map((p) => p.y + p.height)) - Math.min(...placed.map((p) => p.y));
    console.log('RESULT', variant, Math.round(W), Math.round(H), 'zoom', Math.min(1230 / W, 670 / H).toFixed(2), boxes.map((b) => `${b.id}:${b.dir}:${Math.round(b.width)}x${Math.round(b.height)}`).join(' '));
  }
});
