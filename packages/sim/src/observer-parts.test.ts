import { describe, expect, it } from 'vitest';
import { createScenario } from './scenario/build.js';
import { FlowGenerator, stampFlow, type Flow } from './index.js';
import { ScenarioFeed } from './feed.js';
import { FlowRing } from './observer/ring.js';
import { FlowStore } from './observer/store.js';
import { applyFieldMask, compileFieldMask, FieldMaskError } from './observer/field-mask.js';
import { buildHealthz, goDuration } from './agent/payloads.js';

const entry = (seq: number) => ({ seq, timeNs: BigInt(seq), nodeName: 'n', flow: {} as Flow });

describe('FlowRing', () => {
  it('keeps the newest flows up to its capacity, oldest first', () => {
    const ring = new FlowRing(3);
    for (let i = 0; i < 5; i++) ring.push(entry(i));
    expect(ring.toArray().map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(ring.size).toBe(3);
    expect(ring.seen).toBe(5);
    expect(() => new FlowRing(0)).toThrow(/positive integer/);
  });
});

describe('FlowStore', () => {
  it('keeps a ring per node, merges them in arrival order and lists namespaces', () => {
    const sc = createScenario(2);
    const store = new FlowStore(sc.nodes.map((n) => n.fullName), 100);
    const gen = new FlowGenerator(sc);
    const seen: string[] = [];
    const off = store.subscribe((e) => seen.push(e.flow.uuid ?? ''));
    const flows = gen.take(1000).map((f, i) => stampFlow(f, BigInt(i) * 1000n));
    for (const f of flows) store.add(f);
    off();
    store.add(stampFlow(gen.next(), 5n));
    expect(seen).toHaveLength(1000);
    expect(store.maxFlows).toBe(400);
    expect(store.numFlows).toBeLessThanOrEqual(400);
    expect(store.seenFlows).toBe(1001);
    const history = store.history();
    expect(history.map((e) => e.seq)).toEqual([...history.map((e) => e.seq)].sort((a, b) => a - b));
    for (const n of store.nodes()) expect(n.numFlows).toBeLessThanOrEqual(100);
    const namespaces = store.namespaces('kind-kind');
    expect(namespaces.every((n) => n.cluster === 'kind-kind')).toBe(true);
    expect(namespaces.map((n) => n.namespace)).toEqual(expect.arrayContaining(['shop', 'cilium-test']));
  });
});

describe('ScenarioFeed', () => {
  it('delivers the configured rate with monotonic real-time stamps, backfills, pauses without catching up', () => {
    let now = 1_800_000_000_000_000_000n;
    const got: Flow[] = [];
    const feed = new ScenarioFeed(new FlowGenerator(createScenario(1)), { flowsPerSecond: 50, backfillSeconds: 2, tickMs: 3_600_000, nowNs: () => now });
    feed.start((f) => got.push(f));
    expect(got).toHaveLength(100);
    const ns = (f: Flow) => BigInt(String(f.time?.seconds)) * 1_000_000_000n + BigInt(f.time?.nanos ?? 0);
    expect(ns(got[0]!) > now - 2_000_000_000n).toBe(true);
    expect(ns(got[99]!)).toBe(now);
    now += 1_000_000_000n;
    feed.tick();
    expect(got).toHaveLength(150);
    now += 10_000_000n; // 0.5 flow due: carried over, not lost
    feed.tick();
    now += 10_000_000n;
    feed.tick();
    expect(got).toHaveLength(151);
    const times = got.map(ns);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    feed.pause();
    now += 5_000_000_000n;
    feed.tick();
    expect(got).toHaveLength(151);
    feed.resume();
    now += 200_000_000n;
    feed.tick();
    expect(got).toHaveLength(161);
    feed.stop();
    now += 1_000_000_000n;
    feed.tick();
    expect(got).toHaveLength(161);
    expect(() => new ScenarioFeed(new FlowGenerator(createScenario(1)), { flowsPerSecond: -1 })).toThrow(/non-negative/);
  });
});

describe('field mask', () => {
  it('keeps only the listed paths and rejects unknown fields', () => {
    const f: Flow = { verdict: 1, source: { namespace: 'a', pod_name: 'p', labels: ['x'] }, l4: { TCP: { source_port: 1 } }, Summary: 's' };
    expect(applyFieldMask(f, compileFieldMask(['verdict', 'source.namespace', 'l4']))).toEqual({ verdict: 1, source: { namespace: 'a' }, l4: { TCP: { source_port: 1 } } });
    expect(applyFieldMask(f, compileFieldMask([]))).toBe(f);
    expect(() => compileFieldMask(['nope.x'])).toThrow(FieldMaskError);
    expect(() => compileFieldMask(['source..namespace'])).toThrow(/invalid field_mask path/);
  });
});

describe('agent payload helpers', () => {
  it('formats durations like Go', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(45.2e9)).toBe('45.2s');
    expect(goDuration(3723.5e9)).toBe('1h2m3.5s');
  });

  it('reports Hubble numbers given to it', () => {
    const h = buildHealthz(createScenario(1), { hubble: { currentFlows: 4095, maxFlows: 4095, seenFlows: 9000, uptimeNs: 61e9, flowsRate: 20.18 } }) as { hubble: { msg: string; observer: Record<string, unknown> } };
    expect(h.hubble.msg).toBe('Current/Max Flows: 4095/4095 (100.00%), Flows/s: 20.18');
    expect(h.hubble.observer).toEqual({ 'current-flows': 4095, 'max-flows': 4095, 'seen-flows': 9000, uptime: '1m1s' });
  });
});
