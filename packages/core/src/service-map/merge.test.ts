import { describe, expect, it } from 'vitest';
import type { Flow } from '../flows/types.js';
import { ServiceMapAggregator } from './aggregator.js';
import { mergeSnapshots } from './merge.js';
import { randomFlows, seededRandom } from './test-support.js';
import type { ServiceMapOptions } from './types.js';

// Caps high enough that no bounded list overflows: overflow keeps whichever entries came first.
const OPTIONS: ServiceMapOptions = { windowMs: 3_600_000, bucketMs: 10_000, rateWindowMs: 30_000, maxPortsPerNode: 1_000, maxPortsPerEdge: 1_000 };

/**
 * Flows whose folding does not depend on what else the same aggregator saw before: the
 * direction is given (is_reply set) and pod placement is not needed to tell cross-node traffic
 * (one k8s node, overlay flows marked as such). Those history-dependent guesses are per worker.
 */
function orderIndependent(flows: Flow[]): Flow[] {
  return flows.map((f) => ({ ...f, isReply: f.isReply ?? false, nodeName: 'node-a' }));
}

describe('merging partial maps', () => {
  it('merging maps of two disjoint flow sets equals the map of their union', () => {
    for (const seed of [21, 22, 23]) {
      // stay inside the window so no flow is late for one worker and not for another
      const flows = orderIndependent(randomFlows(seed, 2_000, { pauseChance: 0 })).filter((f) => f.ts - 1_700_000_000_000 < 3_000_000);
      const random = seededRandom(seed);
      const left = new ServiceMapAggregator(OPTIONS);
      const right = new ServiceMapAggregator(OPTIONS);
      const all = new ServiceMapAggregator(OPTIONS);
      for (const flow of flows) {
        (random() < 0.5 ? left : right).fold(flow);
        all.fold(flow);
      }
      const now = Math.max(...flows.map((f) => f.ts)) + 15_000;
      for (const map of [left, right, all]) map.advance(now);
      const merged = mergeSnapshots(left.snapshot(), right.snapshot());
      const expected = all.snapshot();
      expect(flows.length).toBeGreaterThan(200);
      expect(merged.edges.length).toBeGreaterThan(10);
      expect(merged).toEqual(expected);
    }
  });

  it('refuses to merge maps with different windows', () => {
    const a = new ServiceMapAggregator({ windowMs: 60_000 }).snapshot();
    const b = new ServiceMapAggregator({ windowMs: 120_000 }).snapshot();
    expect(() => mergeSnapshots(a, b)).toThrow(/different windows/);
  });
});
