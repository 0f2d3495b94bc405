/**
 * DNS lookups through Cilium's DNS proxy: the resolver's search path (ndots 5), A and AAAA
 * queries, NXDOMAIN for the search suffixes that do not exist, answers from the scenario.
 */
import { flow } from '@starmap/proto';
import type { ScenarioPod } from '../scenario/types.js';
import type { Conn, Flow } from './factory.js';
import type { FlowContext } from './context.js';
import { podPeer, type Family } from './peers.js';

export interface DnsTarget {
  /** Fully qualified name that exists, with the trailing dot. */
  fqdn: string;
  ipv4: string[];
  ipv6: string[];
}

const NXDOMAIN = 3;
/** What Hubble reports as TTL for negative answers. */
const NEGATIVE_TTL = 4294967295;

/** The names a resolver tries for `host` from a pod in `namespace` (ndots 5), in order. */
export function searchPath(host: string, namespace: string): string[] {
  if (host.endsWith('.')) return [host];
  const suffixes = [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
  const dots = host.split('.').length - 1;
  const searched = suffixes.map((s) => `${host}.${s}.`);
  return dots >= 5 ? [`${host}.`, ...searched] : [...searched, `${host}.`];
}

/** One query/answer through the proxy, plus the forwarded packets to and from CoreDNS. */
function* exchange(ctx: FlowContext, conn: Conn, query: string, qtype: 'A' | 'AAAA', ips: string[], rcode: number, first: boolean): Generator<Flow> {
  const { f, rng } = ctx;
  const policy = ctx.policy('', 'dns-visibility');
  if (first && rng.chance(0.6)) yield f.policyVerdict(conn, 'client', 'redirected', [policy], { matchType: 2 });
  yield f.toProxy(conn, 'client', { reason: first ? flow.TraceReason.NEW : flow.TraceReason.ESTABLISHED });
  yield f.dnsRequest(conn, query, [qtype]);
  yield* f.packet(conn, 'fwd', { reason: first ? flow.TraceReason.NEW : flow.TraceReason.ESTABLISHED });
  yield* f.packet(conn, 'rev', { reason: flow.TraceReason.REPLY });
  const latencyNs = rng.int(180_000, rcode === 0 ? 4_000_000 : 1_500_000);
  yield f.dnsResponse(conn, query, [qtype], {
    rcode,
    ips,
    ttl: rcode === 0 ? (ips.length > 0 ? rng.pick([30, 30, 30, 29, 27, 12]) : NEGATIVE_TTL) : NEGATIVE_TTL,
    latencyNs,
  });
}

/**
 * A pod resolving `host` (as the application wrote it) to `target`. Emits the search-path
 * misses a real resolver produces; `maxMisses` caps them to keep volume sane.
 */
export function* resolve(ctx: FlowContext, client: ScenarioPod, host: string, target: DnsTarget, maxMisses = 3): Generator<Flow> {
  const { f, rng, scenario } = ctx;
  const kubeDns = ctx.lookup.service('kube-system', 'kube-dns');
  const family: Family = scenario.ipFamilies === 'ipv6' ? 6 : 4;
  const backend = rng.pick(ctx.lookup.readyPodsOf('kube-system', 'coredns'));
  const conn: Conn = {
    proto: 'UDP',
    family,
    client: podPeer(client, ctx.lookup.node(client.node), family),
    server: podPeer(backend, ctx.lookup.node(backend.node), family),
    clientPort: rng.int(32768, 60999),
    serverPort: 53,
    service: kubeDns,
  };
  const vip = ctx.vip(kubeDns, family);
  if (f.profile.kubeProxyReplacement && f.profile.socketLB) yield* f.sockXlate(conn, vip, 53);
  else if (!f.profile.kubeProxyReplacement) conn.serverAsSeenByClient = { peer: vip, port: 53 };

  const qtypes: ('A' | 'AAAA')[] =
    scenario.ipFamilies === 'ipv4' ? ['A'] : scenario.ipFamilies === 'ipv6' ? ['AAAA'] : rng.chance(0.5) ? ['A', 'AAAA'] : ['A'];
  let first = true;
  let misses = 0;
  for (const name of searchPath(host, client.namespace)) {
    const hit = name === target.fqdn;
    if (!hit && misses >= maxMisses) continue;
    for (const qtype of qtypes) {
      const ips = hit ? (qtype === 'A' ? target.ipv4 : target.ipv6) : [];
      yield* exchange(ctx, conn, name, qtype, ips, hit ? 0 : NXDOMAIN, first);
      first = false;
    }
    if (hit) return;
    misses++;
  }
}
