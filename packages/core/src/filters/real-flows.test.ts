/**
 * Filters over real Hubble captures (/work/shared/real-data, read in place). Each expectation is
 * computed independently from the raw proto-JSON, so the test checks the filter, not a number.
 */
import { describe, expect, it } from 'vitest';
import { loadRealFlows } from '../test-support/real-data.js';
import { compileFlowFilters } from './compile.js';
import { namespaceFilters } from './namespace.js';
import type { FilterableFlow, FlowFilterInput } from './types.js';


// The raw proto-JSON shape, only as far as the independent checks below read it.
interface RawEndpoint {
  namespace?: string;
  labels?: string[];
  workloads?: { name?: string; kind?: string }[];
}
interface RawFlow {
  verdict?: string;
  drop_reason_desc?: string;
  source?: RawEndpoint;
  destination?: RawEndpoint;
  l4?: { TCP?: { destination_port?: number }; UDP?: { destination_port?: number } };
  l7?: { dns?: { query?: string }; http?: { code?: number; url?: string } };
  node_name?: string;
  node_labels?: string[];
  is_reply?: boolean;
  IP?: { source?: string };
}

interface Sample {
  raw: RawFlow;
  flow: FilterableFlow;
}

const load = (relative: string): Sample[] => loadRealFlows<RawFlow>(relative);

const tcp = load('hubble-flows/basic-sample-400-tcp-flows.jsonl');
const udp = load('hubble-flows/basic-sample-400-udp-flows.jsonl');
const dns = load('hubble-flows/basic-sample-330-dns-flows.jsonl');
const http = load('hubble-flows/basic-sample-348-http-flows.jsonl');
const ten = load('hubble-flows/basic-sample-10-flows.jsonl');
const tke = load('hubble-flows-modern/tke-cilium-1.19.1-exporter.jsonl');
const dropped = load('hubble-flows-modern/cilium-docs-dropped-ipv6-and-policy.jsonl');
const everything = [...tcp, ...udp, ...dns, ...http, ...ten, ...tke, ...dropped];

/** Runs the filters and the independent rule over the samples; both must agree, and the set must be non-trivial. */
function expectSelection(
  samples: Sample[],
  whitelist: FlowFilterInput[],
  blacklist: FlowFilterInput[],
  rule: (raw: RawFlow) => boolean,
): number {
  const match = compileFlowFilters(whitelist, blacklist);
  const got = samples.filter((s) => match(s.flow)).length;
  const want = samples.filter((s) => rule(s.raw)).length;
  expect(got).toBe(want);
  expect(want).toBeGreaterThan(0);
  expect(want).toBeLessThan(samples.length);
  return got;
}

describe('filters over real Hubble flows', () => {
  it('--namespace bookinfo keeps exactly the flows from or to bookinfo', () => {
    expectSelection(everything, namespaceFilters(['bookinfo']).whitelist, [], (r) =>
      r.source?.namespace === 'bookinfo' || r.destination?.namespace === 'bookinfo',
    );
  });

  it('--namespace kube-system --namespace istio-system ORs the namespaces', () => {
    const ns = new Set(['kube-system', 'istio-system']);
    expectSelection(everything, namespaceFilters([...ns]).whitelist, [], (r) =>
      ns.has(r.source?.namespace ?? '') || ns.has(r.destination?.namespace ?? ''),
    );
  });

  it('verdict REDIRECTED', () => {
    expectSelection(tcp, [{ verdict: [5] }], [], (r) => r.verdict === 'REDIRECTED');
  });

  it('protocol udp and destination port 53', () => {
    expectSelection(udp, [{ protocol: ['UDP'], destination_port: ['53'] }], [], (r) => r.l4?.UDP?.destination_port === 53);
  });

  it('source label k8s:app=reviews', () => {
    expectSelection(everything, [{ source_label: ['k8s:app=reviews'] }], [], (r) => r.source?.labels?.includes('k8s:app=reviews') ?? false);
  });

  it('destination label reserved:world, blacklisting DNS', () => {
    expectSelection(
      everything,
      [{ destination_label: ['reserved:world'] }],
      [{ protocol: ['dns'] }],
      (r) => (r.destination?.labels?.includes('reserved:world') ?? false) && r.l7?.dns === undefined,
    );
  });

  it('dns_query regex', () => {
    const re = /\.svc\.cluster\.local\.$/;
    expectSelection(dns, [{ dns_query: [re.source] }], [], (r) => r.l7?.dns !== undefined && re.test(r.l7.dns.query ?? ''));
  });

  it('http_status_code 2+ and http_path', () => {
    expectSelection(http, [{ http_status_code: ['2+'] }], [], (r) => {
      const code = r.l7?.http?.code ?? 0;
      return code >= 200 && code < 300;
    });
    expectSelection(http, [{ http_path: ['^/metrics$'] }], [], (r) => /^[a-z]+:\/\/[^/]+\/metrics(\?|$)/.test(r.l7?.http?.url ?? ''));
  });

  it('reply uses is_reply', () => {
    expectSelection(http, [{ reply: [true] }], [], (r) => r.is_reply === true);
  });

  it('source CIDR', () => {
    expectSelection(tcp, [{ source_ip: ['10.244.0.0/24'] }], [], (r) => (r.IP?.source ?? '').startsWith('10.244.0.'));
  });

  it('drop reason POLICY_DENIED on Cilium docs drops', () => {
    expectSelection(dropped, [{ drop_reason_desc: ['POLICY_DENIED'] }], [], (r) => r.drop_reason_desc === 'POLICY_DENIED');
  });

  it('node names with and without a cluster', () => {
    expectSelection(everything, [{ node_name: ['kind-kind/'] }], [], (r) => (r.node_name ?? '').startsWith('kind-kind/'));
    // A bare pattern names the node in any cluster; `*` spans [-.0-9a-z].
    expectSelection(everything, [{ node_name: ['kind-*'] }], [], (r) => {
      const name = r.node_name ?? '';
      return /^kind-[-.0-9a-z]*$/.test(name.includes('/') ? name.slice(name.indexOf('/') + 1) : name);
    });
  });

  it('modern fields: workloads and node labels', () => {
    expectSelection(tke, [{ destination_workload: [{ kind: 'Deployment' }] }], [], (r) =>
      (r.destination?.workloads ?? []).some((w) => w.kind === 'Deployment'),
    );
    const host = tke[0]?.raw.node_labels?.find((l) => l.startsWith('kubernetes.io/hostname='));
    expect(host).toBeDefined();
    expectSelection(tke, [{ node_labels: [host as string] }], [], (r) => r.node_labels?.includes(host as string) ?? false);
  });
});
