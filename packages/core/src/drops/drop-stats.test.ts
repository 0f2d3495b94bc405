import { describe, expect, it } from 'vitest';
import type { Flow, FlowEndpoint } from '../flows/types.js';
import { DropStats, OTHER_KEY } from './drop-stats.js';

const ep = (namespace: string, workload: string): FlowEndpoint => ({ namespace, workload }) as FlowEndpoint;

function drop(ts: number, reason: number, src = ep('shop', 'cart'), dst = ep('shop', 'payments'), node = 'kind-worker', verdict = 'DROPPED'): Flow {
  return { ts, verdict, dropReason: verdict === 'DROPPED' ? reason : 0, source: src, destination: dst, nodeName: node } as Flow;
}

describe('DropStats', () => {
  it('counts dropped flows by reason, namespace, source, destination and node, and ignores the rest', () => {
    const stats = new DropStats({ windowMs: 60_000, bucketMs: 10_000 });
    const t = 1_000_000;
    stats.observe(drop(t, 133));
    stats.observe(drop(t + 1, 133, ep('cilium-test', 'pod-to-a-l3-denied-cnp'), ep('cilium-test', 'echo-a'), 'kind-worker2'));
    stats.observe(drop(t + 2, 181, ep('', 'world'), ep('shop', 'frontend')));
    stats.observe(drop(t + 3, 0, ep('shop', 'cart'), ep('shop', 'payments'), 'kind-worker', 'FORWARDED'));
    const s = stats.summary(t + 5);
    expect(s.total).toBe(3);
    expect(s.byReason.map((r) => [r.code, r.name, r.count])).toEqual([
      [133, 'POLICY_DENIED', 2],
      [181, 'POLICY_DENY', 1],
    ]);
    expect(s.byReason[0]!.text).toBe('Policy denied');
    expect(s.byReason[0]!.category).toBe('policy');
    expect(s.byNamespace).toEqual([
      { key: 'shop', count: 2 },
      { key: 'cilium-test', count: 1 },
    ]);
    expect(s.bySource.map((x) => x.key)).toEqual(['cilium-test/pod-to-a-l3-denied-cnp', 'shop/cart', 'world']);
    expect(s.byDestination[0]).toEqual({ key: 'cilium-test/echo-a', count: 1 });
    expect(s.byNode).toEqual([
      { key: 'kind-worker', count: 2 },
      { key: 'kind-worker2', count: 1 },
    ]);
  });

  it('keeps a per-reason time series over the window and forgets what left it', () => {
    const stats = new DropStats({ windowMs: 30_000, bucketMs: 10_000 });
    stats.observe(drop(0, 133));
    stats.observe(drop(10_000, 133));
    stats.observe(drop(10_001, 133));
    stats.observe(drop(25_000, 133));
    expect(stats.summary(29_999).byReason[0]!.series).toEqual([1, 2, 1]);
    expect(stats.summary(35_000).byReason[0]!.series).toEqual([2, 1, 0]);
    expect(stats.summary(35_000).total).toBe(3);
    expect(stats.summary(100_000).total).toBe(0);
  });

  it('shows an unknown reason number as such instead of failing', () => {
    const stats = new DropStats();
    stats.observe(drop(1, 250));
    expect(stats.summary(2).byReason[0]).toMatchObject({ code: 250, text: 'unknown drop reason 250' });
  });

  it('bounds the keys it keeps per bucket and counts the rest under (other)', () => {
    const stats = new DropStats({ maxKeysPerBucket: 10 });
    for (let i = 0; i < 1_000; i++) stats.observe(drop(5, 133, ep('ns', `w${i}`)));
    const s = stats.summary(10);
    expect(s.bySource).toHaveLength(11);
    expect(s.bySource.find((x) => x.key === OTHER_KEY)?.count).toBe(990);
    expect(s.total).toBe(1_000);
  });
});
