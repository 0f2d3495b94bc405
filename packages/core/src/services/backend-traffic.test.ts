import { describe, expect, it } from 'vitest';
import type { Flow } from '../flows/types.js';
import { BackendTraffic, backendKey } from './backend-traffic.js';

function flowTo(ip: string, port: number, ts: number, patch: Partial<Flow> = {}): Flow {
  return {
    ts,
    verdict: 'FORWARDED',
    isReply: false,
    protocol: 'TCP',
    destination: { ip, port },
    ...patch,
  } as Flow;
}

describe('BackendTraffic', () => {
  const a = backendKey('10.244.1.5', 8080, 'TCP');
  const b = backendKey('2001:db8:1::10', 53, 'UDP');

  it('counts flows and drops towards registered backends only, not replies or translation events', () => {
    const t = new BackendTraffic({ windowMs: 60_000, bucketMs: 10_000 });
    t.setBackends([a, b]);
    const now = 1_000_000;
    t.observe(flowTo('10.244.1.5', 8080, now - 5_000));
    t.observe(flowTo('10.244.1.5', 8080, now - 4_000, { verdict: 'DROPPED' }));
    t.observe(flowTo('10.244.1.5', 8080, now - 3_000, { isReply: true }));
    t.observe(flowTo('10.244.1.5', 8080, now - 3_000, { verdict: 'TRANSLATED' }));
    t.observe(flowTo('10.244.1.5', 9999, now - 3_000));
    t.observe(flowTo('10.244.1.5', 8080, now - 2_000, { protocol: 'UDP' }));
    t.observe(flowTo('2001:db8:1::10', 53, now - 1_000, { protocol: 'UDP' }));
    expect(t.counts(a, now)).toEqual({ flows: 2, drops: 1, lastSeen: now - 4_000 });
    expect(t.counts(b, now)).toEqual({ flows: 1, drops: 0, lastSeen: now - 1_000 });
    expect(t.counts(backendKey('10.0.0.1', 1, 'TCP'), now)).toEqual({ flows: 0, drops: 0, lastSeen: null });
  });

  it('forgets flows older than the window', () => {
    const t = new BackendTraffic({ windowMs: 60_000, bucketMs: 10_000 });
    t.setBackends([a]);
    t.observe(flowTo('10.244.1.5', 8080, 100_000));
    t.observe(flowTo('10.244.1.5', 8080, 150_000));
    expect(t.counts(a, 155_000).flows).toBe(2);
    expect(t.counts(a, 165_000).flows).toBe(1);
    expect(t.counts(a, 215_000)).toEqual({ flows: 0, drops: 0, lastSeen: null });
    // A slot reused by a newer bucket starts from zero.
    t.observe(flowTo('10.244.1.5', 8080, 160_000 + 60_000));
    expect(t.counts(a, 221_000).flows).toBe(1);
  });

  it('drops counters of backends that left the service table', () => {
    const t = new BackendTraffic();
    t.setBackends([a, b]);
    t.setBackends([b]);
    expect(t.trackedBackends).toBe(1);
    t.observe(flowTo('10.244.1.5', 8080, 1));
    expect(t.counts(a, 1).flows).toBe(0);
  });

  it('matches a backend registered without a protocol', () => {
    const t = new BackendTraffic();
    const any = backendKey('10.244.2.2', 80, null);
    t.setBackends([any]);
    t.observe(flowTo('10.244.2.2', 80, 1_000));
    expect(t.counts(any, 1_000).flows).toBe(1);
  });
});
