import { describe, expect, it } from 'vitest';
import { ServiceMapAggregator } from './aggregator.js';
import { applyDelta, diffSnapshots, isEmptyDelta, ServiceMapSequenceError } from './apply-delta.js';
import { randomFlows, seededRandom } from './test-support.js';
import type { ServiceMapOptions, ServiceMapSnapshot } from './types.js';

function replay(seed: number, options: ServiceMapOptions): void {
  const random = seededRandom(seed * 31 + 1);
  const flows = randomFlows(seed, 3_000);
  const map = new ServiceMapAggregator(options);
  let copy: ServiceMapSnapshot = map.snapshot();
  let i = 0;
  let steps = 0;
  while (i < flows.length) {
    const n = Math.floor(random() * 40);
    for (const flow of flows.slice(i, i + n)) map.fold(flow);
    i += n;
    if (random() < 0.2) map.advance(map.snapshot().now + Math.floor(random() * 30_000));
    copy = applyDelta(copy, map.drainDelta());
    expect(copy, `seed ${seed}, step ${steps}`).toEqual(map.snapshot());
    steps++;
  }
  // run the clock past the window: everything goes, and the deltas say so
  map.advance(map.snapshot().now + (options.windowMs ?? 300_000) + 20_000);
  copy = applyDelta(copy, map.drainDelta());
  expect(copy).toEqual(map.snapshot());
  expect(copy.nodes).toEqual([]);
  expect(copy.edges).toEqual([]);
}

describe('snapshot and deltas', () => {
  it('snapshot₀ plus every delta equals the current snapshot at each step (random flows)', () => {
    for (const seed of [1, 2, 3]) replay(seed, { windowMs: 60_000, bucketMs: 5_000, rateWindowMs: 15_000 });
  });

  it('stays consistent while caps fold nodes and edges into "more"', () => {
    for (const seed of [4, 5]) replay(seed, { windowMs: 60_000, bucketMs: 5_000, maxNodes: 12, maxEdges: 16, maxPodsPerNode: 2, maxPortsPerEdge: 2 });
  });

  it('lets a client that joins between drains start from a snapshot and apply the next delta', () => {
    const flows = randomFlows(9, 600);
    const map = new ServiceMapAggregator({ windowMs: 60_000, bucketMs: 5_000 });
    map.foldAll(flows.slice(0, 200));
    map.drainDelta();
    map.foldAll(flows.slice(200, 300));
    const joined = map.snapshot(); // mid-period: already holds some of the next delta's changes
    map.foldAll(flows.slice(300, 400));
    const next = applyDelta(joined, map.drainDelta());
    expect(next).toEqual(map.snapshot());
  });

  it('is JSON-serializable without loss', () => {
    const map = new ServiceMapAggregator();
    map.foldAll(randomFlows(11, 500));
    const snap = map.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const delta = map.drainDelta();
    expect(JSON.parse(JSON.stringify(delta))).toEqual(delta);
  });

  it('reports an empty delta when nothing changed, and refuses a delta that skips one', () => {
    const map = new ServiceMapAggregator();
    map.foldAll(randomFlows(12, 50));
    const snap = map.snapshot();
    expect(isEmptyDelta(map.drainDelta())).toBe(false);
    expect(isEmptyDelta(map.drainDelta())).toBe(true);
    expect(() => applyDelta(snap, map.drainDelta())).toThrow(ServiceMapSequenceError);
  });

  it('diffSnapshots yields the delta between two snapshots', () => {
    const map = new ServiceMapAggregator({ windowMs: 60_000, bucketMs: 5_000 });
    const flows = randomFlows(13, 800);
    map.foldAll(flows.slice(0, 400));
    const before = map.snapshot();
    map.foldAll(flows.slice(400));
    const after = map.snapshot();
    const delta = diffSnapshots(before, after);
    expect(applyDelta(before, delta)).toEqual({ ...after, seq: before.seq + 1 });
    expect(delta.nodes.length + delta.edges.length).toBeLessThan(after.nodes.length + after.edges.length + 1);
  });
});
