/**
 * CLI-style filters over real Hubble captures (/work/shared/real-data, read in place). Each
 * expectation is computed from the raw proto-JSON by an independent rule, so the test checks
 * the flag → FlowFilter translation and the matcher together, not a number.
 */
import { describe, expect, it } from 'vitest';
import { loadRealFlows } from '../../test-support/real-data.js';
import { compileFlowFilters } from '../compile.js';
import type { FilterableFlow } from '../types.js';
import { filterFlagsToFlowFilters } from './build.js';
import { parseHubbleFilterArgs } from './parse.js';
import { compileLocalFilter, filterStateFromText } from './state.js';


interface RawEndpoint {
  identity?: number;
  namespace?: string;
  pod_name?: string;
  labels?: string[];
}
interface RawFlow {
  verdict?: string;
  drop_reason_desc?: string;
  source?: RawEndpoint;
  destination?: RawEndpoint;
  IP?: { source?: string; destination?: string };
  l4?: { TCP?: { source_port?: number; destination_port?: number; flags?: Record<string, boolean> } };
  l7?: { http?: { code?: number; method?: string } };
  event_type?: { type?: number; sub_type?: number };
  traffic_direction?: string;
}
interface Sample {
  raw: RawFlow;
  flow: FilterableFlow;
}

const load = (relative: string): Sample[] => loadRealFlows<RawFlow>(relative);

const tcp = load('hubble-flows/basic-sample-400-tcp-flows.jsonl');
const dropped = load('hubble-flows-modern/cilium-docs-dropped-ipv6-and-policy.jsonl');

const ns = (ep?: RawEndpoint) => ep?.namespace ?? '';
const dport = (r: RawFlow) => r.l4?.TCP?.destination_port;
const sport = (r: RawFlow) => r.l4?.TCP?.source_port;
const hasLabel = (ep: RawEndpoint | undefined, label: string) => ep?.labels?.includes(label) ?? false;

/** Parses the text, runs its filters over the samples and compares with the rule; returns the count. */
function selects(samples: Sample[], text: string, rule: (raw: RawFlow) => boolean, { allowEmpty = false } = {}): number {
  const { whitelist, blacklist } = parseHubbleFilterArgs(text);
  const match = compileFlowFilters(whitelist, blacklist);
  const got = samples.filter((s) => match(s.flow)).length;
  const want = samples.filter((s) => rule(s.raw)).length;
  expect(got, text).toBe(want);
  if (!allowEmpty) expect(want, `${text} should select something`).toBeGreaterThan(0);
  expect(want, `${text} should not select everything`).toBeLessThan(samples.length);
  return got;
}

describe('hubble-CLI filters over real flows', () => {
  it('the issue example, on the Cilium docs drops and on the bookinfo capture', () => {
    const rule = (namespace: string, port: number) => (r: RawFlow) =>
      r.verdict === 'DROPPED' && dport(r) === port && (ns(r.source) === namespace || ns(r.destination) === namespace);
    expect(selects(dropped, '--namespace default --verdict DROPPED --to-port 80', rule('default', 80))).toBe(1);
    expect(selects(tcp, '--namespace shop --verdict DROPPED --to-port 443', rule('shop', 443), { allowEmpty: true })).toBe(0);
  });

  it('--namespace with --verdict and --to-port on the bookinfo capture', () => {
    selects(tcp, '--namespace jaeger --verdict FORWARDED --to-port 14269', (r) =>
      r.verdict === 'FORWARDED' && dport(r) === 14269 && (ns(r.source) === 'jaeger' || ns(r.destination) === 'jaeger'),
    );
  });

  it('--not --verdict', () => {
    selects(tcp, '--not --verdict FORWARDED', (r) => r.verdict !== 'FORWARDED');
  });

  it('--from-namespace a --to-namespace b selects flows from a to b only', () => {
    selects(tcp, '--from-namespace kube-system --to-namespace jaeger', (r) => ns(r.source) === 'kube-system' && ns(r.destination) === 'jaeger');
    selects(tcp, '--from-namespace jaeger', (r) => ns(r.source) === 'jaeger');
  });

  it('--label either side, minus a destination port', () => {
    selects(tcp, '--label k8s:app=reviews --not --to-port 9080', (r) =>
      (hasLabel(r.source, 'k8s:app=reviews') || hasLabel(r.destination, 'k8s:app=reviews')) && dport(r) !== 9080,
    );
  });

  it('--port matches either port; a negated --from-namespace removes flows from that namespace', () => {
    selects(tcp, '--port 9080 --not --from-namespace bookinfo', (r) => (sport(r) === 9080 || dport(r) === 9080) && ns(r.source) !== 'bookinfo');
  });

  it('--pod takes a namespace/prefix on either side', () => {
    const pod = (ep?: RawEndpoint) => ns(ep) === 'bookinfo' && (ep?.pod_name ?? '').startsWith('reviews');
    selects(tcp, '--pod bookinfo/reviews', (r) => pod(r.source) || pod(r.destination));
  });

  it('reserved identities by name', () => {
    selects(tcp, '--to-identity host', (r) => r.destination?.identity === 1);
  });

  it('event types with sub-types', () => {
    selects(tcp, '-t trace:to-proxy', (r) => r.event_type?.type === 4 && r.event_type.sub_type === 1);
    selects(tcp, '--type l7 --type policy-verdict', (r) => r.event_type?.type === 129 || r.event_type?.type === 5);
  });

  it('TCP flags and traffic direction', () => {
    selects(tcp, '--tcp-flags syn --traffic-direction ingress', (r) => r.l4?.TCP?.flags?.SYN === true && r.traffic_direction === 'INGRESS');
    selects(tcp, '--tcp-flags SYN,ACK', (r) => r.l4?.TCP?.flags?.SYN === true && r.l4.TCP.flags.ACK === true);
  });

  it('CIDRs on each side', () => {
    selects(tcp, '--from-ip 10.244.0.0/24 --not --to-ip 10.244.0.0/24', (r) =>
      (r.IP?.source ?? '').startsWith('10.244.0.') && !(r.IP?.destination ?? '').startsWith('10.244.0.'),
    );
  });

  it('HTTP fields', () => {
    selects(tcp, '--http-status 200 --http-method get', (r) => r.l7?.http?.code === 200 && r.l7.http.method?.toLowerCase() === 'get');
    selects(tcp, '--protocol http --not --http-status 2+', (r) => r.l7?.http !== undefined && !((r.l7.http.code ?? 0) >= 200 && (r.l7.http.code ?? 0) < 300));
  });

  it('a structured state: relay filters plus local free text', () => {
    const state = filterStateFromText('--namespace bookinfo --verdict REDIRECTED ratings');
    const { whitelist, blacklist } = filterFlagsToFlowFilters(
      parseHubbleFilterArgs('--namespace bookinfo --verdict REDIRECTED').flags,
    );
    const relay = compileFlowFilters(whitelist, blacklist);
    const local = compileLocalFilter(state);
    const got = tcp.filter((s) => relay(s.flow) && local(s.flow)).length;
    const pods = (r: RawFlow) => `${r.source?.pod_name ?? ''} ${r.destination?.pod_name ?? ''} ${(r.source?.labels ?? []).join(' ')} ${(r.destination?.labels ?? []).join(' ')}`;
    const want = tcp.filter(
      ({ raw: r }) => r.verdict === 'REDIRECTED' && (ns(r.source) === 'bookinfo' || ns(r.destination) === 'bookinfo') && pods(r).includes('ratings'),
    ).length;
    expect(got).toBe(want);
    expect(want).toBeGreaterThan(0);
  });
});
