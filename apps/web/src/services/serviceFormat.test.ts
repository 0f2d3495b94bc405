import { describe, expect, it } from 'vitest';
import {
  backendCountText,
  backendStateTone,
  lastSeenText,
  noTrafficNote,
  serviceName,
  sourceLine,
  staleLine,
  trafficPolicyText,
} from './serviceFormat';
import { realServices, responseWith } from './serviceFixture';
import { clockTime } from './timeAgo';

const services = realServices({ '10.0.0.220:53/UDP': 7 });
const dnsUdp = services.find((s) => s.id === 7)!;
const hubblePeer = services.find((s) => s.id === 14)!;

describe('service row texts', () => {
  it('prints namespace/name, or says the frontend has no Kubernetes service', () => {
    expect(serviceName(dnsUdp)).toBe('kube-system/kube-dns');
    expect(serviceName({ ...dnsUdp, name: null, namespace: null })).toBe('(no Kubernetes service)');
  });

  it('shows external then internal traffic policy', () => {
    expect(trafficPolicyText(hubblePeer).text).toBe('Cluster / Local');
    expect(trafficPolicyText({ ...hubblePeer, intTrafficPolicy: null }).text).toBe('Cluster / —');
    expect(trafficPolicyText({ ...hubblePeer, intTrafficPolicy: null }).title).toContain('internalTrafficPolicy: not reported');
  });

  it('counts active of all backends', () => {
    expect(backendCountText(dnsUdp)).toEqual({ text: '2/2', title: '2 of 2 backends active' });
    const oneTerminating = {
      ...dnsUdp,
      backends: dnsUdp.backends.map((b, i) => (i === 0 ? { ...b, state: 'terminating' } : b)),
      activeBackends: 1,
    };
    expect(backendCountText(oneTerminating).text).toBe('1/2');
    expect(backendCountText({ ...dnsUdp, backends: [], activeBackends: 0 }).title).toMatch(/No backends/);
  });
});

describe('backend texts', () => {
  it('marks a backend with no traffic in the window, in words', () => {
    const [busy, idle] = dnsUdp.backends;
    expect(busy!.address).toBe('10.0.0.220:53/UDP');
    expect(noTrafficNote(busy!, 300_000)).toBeNull();
    expect(noTrafficNote(idle!, 300_000)).toBe('no traffic in the last 5 min');
    // Drops are traffic too: a backend that only drops is not idle.
    expect(noTrafficNote({ ...idle!, drops: 2 }, 300_000)).toBeNull();
  });

  it('says when a backend was last seen', () => {
    const now = Date.parse('2026-01-10T12:00:10.000Z');
    expect(lastSeenText({ ...dnsUdp.backends[0]!, lastSeen: '2026-01-10T12:00:00.000Z' }, 300_000, now)).toBe('10 s ago');
    expect(lastSeenText(dnsUdp.backends[1]!, 60_000, now)).toBe('not in the last 1 min');
  });

  it('gives every backend state a tone, unknown states a neutral one', () => {
    expect(['active', 'terminating', 'quarantined', 'maintenance', 'draining'].map(backendStateTone)).toEqual([
      'ok',
      'pending',
      'bad',
      'neutral',
      'neutral',
    ]);
  });
});

describe('where the table came from', () => {
  const now = Date.parse('2026-01-10T12:01:06.000Z');

  it('names endpoint, agent and age', () => {
    expect(sourceLine(responseWith(services), now)).toBe('from GET /v1/service on unix:/var/run/cilium/cilium.sock, updated 3 s ago');
    expect(sourceLine(responseWith([], { source: null }), now)).toBeNull();
  });

  it('says a table is stale when the agent stopped answering', () => {
    const stale = responseWith(services, { error: 'connect ENOENT /var/run/cilium/cilium.sock' });
    expect(staleLine(stale)).toBe(
      `agent unreachable: connect ENOENT /var/run/cilium/cilium.sock; showing the table from ${clockTime('2026-01-10T12:01:03.000Z')}`,
    );
    expect(staleLine(responseWith(services))).toBeNull();
  });
});
