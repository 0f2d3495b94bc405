/**
 * Traffic patterns of the demo cluster, each a generator of the flows one conversation
 * produces, with a weight for how often it starts. They mirror Cilium's connectivity check,
 * a shop, monitoring and cluster plumbing, plus the drops a real cluster shows.
 */
import { flow } from '@starmap/proto';
import type { ExternalPeer, ScenarioPod, ScenarioService } from '../scenario/types.js';
import { SCRAPE_TARGETS } from '../scenario/workloads.js';
import { resolve, type DnsTarget } from './dns.js';
import type { FlowContext } from './context.js';
import type { Conn, Flow, HttpExchange } from './factory.js';
import { hasFamily, hostPeer, ipOf, worldPeer, type Family, type Peer } from './peers.js';
import { deniedTcp, tcpSession, type SessionOpts } from './sessions.js';
import type { TcpFlagSet } from './summary.js';

export type Pattern = (ctx: FlowContext) => Generator<Flow>;

const OP = flow.TraceObservationPoint;

function one(ctx: FlowContext, namespace: string, workload: string): ScenarioPod {
  return ctx.rng.pick(ctx.lookup.readyPodsOf(namespace, workload));
}

function serviceTarget(ctx: FlowContext, service: ScenarioService): DnsTarget {
  const fqdn = `${service.name}.${service.namespace}.svc.cluster.local.`;
  if (service.headless) {
    const pods = ctx.lookup.backendsOf(service).filter((p) => !p.terminating);
    return { fqdn, ipv4: pods.flatMap((p) => (p.ipv4 ? [p.ipv4] : [])), ipv6: pods.flatMap((p) => (p.ipv6 ? [p.ipv6] : [])) };
  }
  return { fqdn, ipv4: service.clusterIPs.filter((ip) => !ip.includes(':')), ipv6: service.clusterIPs.filter((ip) => ip.includes(':')) };
}

/** Resolve the service sometimes (resolvers cache), then talk to it over TCP. */
function* callService(
  ctx: FlowContext,
  client: ScenarioPod,
  service: ScenarioService,
  portName: string,
  o: SessionOpts & { preferV6?: number; host?: string; resolveChance?: number } = {},
): Generator<Flow> {
  if (ctx.rng.chance(o.resolveChance ?? 0.3)) {
    const host = o.host ?? (client.namespace === service.namespace ? service.name : `${service.name}.${service.namespace}`);
    yield* resolve(ctx, client, host, serviceTarget(ctx, service), 1);
  }
  const family = ctx.serviceFamily(service, ctx.family(o.preferV6 ?? 0));
  const { conn, vip, vipPort } = ctx.serviceConn(ctx.podPeer(client, family), service, portName, family);
  yield* tcpSession(ctx.f, conn, { ...o, sock: { vip, port: vipPort } });
}

const ms = (lo: number, hi: number, ctx: FlowContext) => ctx.rng.int(lo * 1e6, hi * 1e6);

function headers(ctx: FlowContext, extra: [string, string][] = []): { key: string; value: string }[] {
  return [...extra, ['X-Request-Id', ctx.rng.uuid()] as [string, string]].map(([key, value]) => ({ key, value }));
}

// ---- Cilium connectivity check (namespace cilium-test) ----

const podToA: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-a');
  yield* callService(ctx, client, ctx.lookup.service('cilium-test', 'echo-a'), 'http', { resolveChance: 0.5 });
};

const podToAAllowedCnp: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-a-allowed-cnp');
  yield* callService(ctx, client, ctx.lookup.service('cilium-test', 'echo-a'), 'http', {
    resolveChance: 0.5,
    verdicts: [{ side: 'client', verdict: 'allowed', policies: [ctx.policy('cilium-test', 'pod-to-a-allowed-cnp')] }],
  });
};

const podToAL3DeniedCnp: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-a-l3-denied-cnp');
  const echoA = ctx.lookup.service('cilium-test', 'echo-a');
  if (ctx.rng.chance(0.5)) yield* resolve(ctx, client, 'echo-a', serviceTarget(ctx, echoA), 1);
  const family = ctx.serviceFamily(echoA, ctx.family());
  const { conn, vip, vipPort } = ctx.serviceConn(ctx.podPeer(client, family), echoA, 'http', family);
  yield* deniedTcp(ctx.f, conn, {
    policies: [ctx.policy('cilium-test', 'pod-to-a-l3-denied-cnp')],
    reason: flow.DropReason.POLICY_DENIED,
    attempts: ctx.rng.int(1, 3),
    sock: { vip, port: vipPort },
  });
};

const podToBIntraNode: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-b-intra-node');
  yield* callService(ctx, client, ctx.lookup.service('cilium-test', 'echo-b'), 'http', { resolveChance: 0.4 });
};

const podToBMultiNodeClusterIP: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-b-multi-node-clusterip');
  yield* callService(ctx, client, ctx.lookup.service('cilium-test', 'echo-b'), 'http', { resolveChance: 0.4 });
};

const podToBMultiNodeHeadless: Pattern = function* (ctx) {
  const client = one(ctx, 'cilium-test', 'pod-to-b-multi-node-headless');
  const headless = ctx.lookup.service('cilium-test', 'echo-b-headless');
  yield* resolve(ctx, client, 'echo-b-headless', serviceTarget(ctx, headless), 1);
  const family = ctx.family();
  const backend = one(ctx, 'cilium-test', 'echo-b');
  const conn: Conn = {
    proto: 'TCP',
    family,
    client: ctx.podPeer(client, family),
    server: ctx.podPeer(backend, family),
    clientPort: ctx.ephemeralPort(),
    serverPort: 8080,
  };
  yield* tcpSession(ctx.f, conn);
};

const hostToBMultiNodeClusterIP: Pattern = function* (ctx) {
  const hostPod = one(ctx, 'cilium-test', 'host-to-b-multi-node-clusterip');
  const echoB = ctx.lookup.service('cilium-test', 'echo-b');
  const family = ctx.serviceFamily(echoB, ctx.family());
  const node = ctx.lookup.node(hostPod.node);
  const { conn, vip, vipPort } = ctx.serviceConn(hostPeer(node, family), echoB, 'http', family);
  yield* tcpSession(ctx.f, conn, { sock: { vip, port: vipPort } });
};

function* toExternal(ctx: FlowContext, client: ScenarioPod, ext: ExternalPeer, o: SessionOpts & { preferV6?: number } = {}): Generator<Flow> {
  const family: Family = ext.ipv4 && ext.ipv6 ? ctx.family(o.preferV6 ?? 0.25) : ext.ipv4 ? 4 : 6;
  if (ext.fqdn) {
    yield* resolve(ctx, client, ext.fqdn, { fqdn: `${ext.fqdn}.`, ipv4: ext.ipv4 ? [ext.ipv4] : [], ipv6: ext.ipv6 ? [ext.ipv6] : [] }, ctx.rng.chance(0.4) ? 3 : 0);
  }
  const ip = ipOf(ext, family);
  const server: Peer = {
    kind: 'world',
    ip,
    identity: family === 4 ? ext.identityV4 : ext.identityV6,
    labels: family === 4 ? ext.labelsV4 : ext.labelsV6,
    ...(ext.fqdn ? { names: [ext.fqdn] } : {}),
  };
  const conn: Conn = { proto: 'TCP', family, client: ctx.podPeer(client, family), server, clientPort: ctx.ephemeralPort(), serverPort: ext.port };
  yield* tcpSession(ctx.f, conn, { exchanges: ctx.rng.int(1, 3), ...o });
}

const podToExternal1111: Pattern = function* (ctx) {
  yield* toExternal(ctx, one(ctx, 'cilium-test', 'pod-to-external-1111'), ctx.scenario.externals.oneOneOneOne);
};

const podToExternalFqdnGoogle: Pattern = function* (ctx) {
  yield* toExternal(ctx, one(ctx, 'cilium-test', 'pod-to-external-fqdn-allow-google-cnp'), ctx.scenario.externals.google, {
    verdicts: [{ side: 'client', verdict: 'allowed', policies: [ctx.policy('cilium-test', 'pod-to-external-fqdn-allow-google-cnp')], matchType: 1 }],
  });
};

// ---- shop ----

const PRODUCTS = ['OLJCESPC7Z', '66VCHSJNUP', '1YMWWN1N4O', 'L9ECAV7KIM', '2ZYFJ3GM2N', '0PUK6V6EV0', 'LS4PSXUNUM', '9SIQT8TOJO'];

function catalogExchange(ctx: FlowContext, host: string): HttpExchange {
  const path = ctx.rng.weighted<string>([
    ['/api/products', 4],
    [`/api/products/${ctx.rng.pick(PRODUCTS)}`, 5],
    ['/api/products?category=kitchen', 1],
    ['/api/products/DOESNOTEXIST', 0.4],
  ]);
  const code = path.endsWith('DOESNOTEXIST') ? 404 : ctx.rng.chance(0.02) ? 503 : 200;
  return {
    method: 'GET',
    url: `http://${host}${path}`,
    code,
    latencyNs: code === 503 ? ms(900, 1100, ctx) : ms(1, 25, ctx),
    headers: headers(ctx, [[':scheme', 'http'], ['User-Agent', 'frontend/1.4.2 (go-http-client)']]),
  };
}

const frontendToCatalog: Pattern = function* (ctx) {
  const client = one(ctx, 'shop', 'frontend');
  const catalog = ctx.lookup.service('shop', 'catalog');
  const host = 'catalog.shop.svc.cluster.local:3550';
  yield* callService(ctx, client, catalog, 'http', {
    preferV6: 0.5,
    host: 'catalog',
    verdicts: [{ side: 'server', verdict: 'redirected', policies: [ctx.policy('shop', 'catalog-l7-visibility')] }],
    http: { side: 'server', exchanges: Array.from({ length: ctx.rng.int(1, 3) }, () => catalogExchange(ctx, host)) },
  });
};

const frontendToCart: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'shop', 'frontend'), ctx.lookup.service('shop', 'cart'), 'grpc', { established: true, exchanges: ctx.rng.int(1, 3), resolveChance: 0.1 });
};

const frontendToCheckout: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'shop', 'frontend'), ctx.lookup.service('shop', 'checkout'), 'grpc', { exchanges: 1 });
};

const checkoutToPayments: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'shop', 'checkout'), ctx.lookup.service('shop', 'payments'), 'grpc', {
    verdicts: [{ side: 'server', verdict: 'allowed', policies: [ctx.policy('shop', 'payments-allow-checkout')] }],
  });
};

const checkoutToCart: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'shop', 'checkout'), ctx.lookup.service('shop', 'cart'), 'grpc', { established: true, exchanges: ctx.rng.int(1, 2) });
};

const cartToRedis: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'shop', 'cart'), ctx.lookup.service('shop', 'redis-cart'), 'redis', { established: true, exchanges: ctx.rng.int(1, 4), resolveChance: 0.05 });
};

const paymentsToProvider: Pattern = function* (ctx) {
  yield* toExternal(ctx, one(ctx, 'shop', 'payments'), ctx.scenario.externals.payments, { preferV6: 0.5 });
};

const cartToPaymentsDenied: Pattern = function* (ctx) {
  const payments = ctx.lookup.service('shop', 'payments');
  const family = ctx.serviceFamily(payments, ctx.family());
  const { conn, vip, vipPort } = ctx.serviceConn(ctx.podPeer(one(ctx, 'shop', 'cart'), family), payments, 'grpc', family);
  yield* deniedTcp(ctx.f, conn, {
    policies: [ctx.policy('shop', 'payments-deny-cart')],
    reason: flow.DropReason.POLICY_DENY,
    attempts: ctx.rng.int(1, 2),
    sock: { vip, port: vipPort },
  });
};

function storefrontExchange(ctx: FlowContext): HttpExchange {
  const [method, path, code] = ctx.rng.weighted<[string, string, number]>([
    [['GET', '/', 200], 5],
    [['GET', `/product/${ctx.rng.pick(PRODUCTS)}`, 200], 6],
    [['GET', '/cart', 200], 2],
    [['POST', '/cart', 302], 1],
    [['POST', '/cart/checkout', 200], 0.6],
    [['GET', '/static/img/products/hairdryer.jpg', 200], 1.5],
    [['GET', '/robots.txt', 404], 0.3],
    [['GET', '/', 503], 0.1],
  ]);
  return {
    method,
    url: `http://shop.example.com${path}`,
    code,
    latencyNs: code === 503 ? ms(1000, 4100, ctx) : ms(2, 60, ctx),
    headers: headers(ctx, [
      [':scheme', 'http'],
      ['Accept', 'text/html,application/xhtml+xml'],
      ['User-Agent', ctx.rng.pick(['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'curl/8.5.0', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15'])],
    ]),
  };
}

/** An outside client reaching the shop through the LoadBalancer address. */
const worldToFrontend: Pattern = function* (ctx) {
  const { scenario, rng, f } = ctx;
  const frontendSvc = ctx.lookup.service('shop', 'frontend');
  const family = ctx.family(0.3);
  const clients = family === 4 ? scenario.worldClients.ipv4 : scenario.worldClients.ipv6;
  const lbIp = frontendSvc.loadBalancerIPs.find((ip) => ip.includes(':') === (family === 6));
  if (!lbIp || clients.length === 0) return;
  const backend = one(ctx, 'shop', 'frontend');
  const ingressNode = rng.pick(scenario.nodes);
  const backendNode = ctx.lookup.node(backend.node);
  const p = scenario.profile;
  // DSR keeps the client address and answers from the backend; hybrid does so for TCP too.
  const dsr = p.kubeProxyReplacement && (p.lbMode === 'DSR' || p.lbMode === 'Hybrid');
  const crossNode = ingressNode.name !== backendNode.name;
  const world = worldPeer(scenario, rng.pick(clients));
  const conn: Conn = {
    proto: 'TCP',
    family,
    client: world,
    server: ctx.podPeer(backend, family),
    clientPort: rng.int(1024, 65000),
    serverPort: 8080,
    service: frontendSvc,
  };
  if (p.kubeProxyReplacement) conn.replySourceXlated = lbIp;
  if (crossNode && !dsr) conn.clientAsSeenByServer = hostPeer(ingressNode, family);
  const hop = crossNode
    ? (flags: TcpFlagSet, reason: flow.TraceReason) => {
        const hopConn: Conn = { ...conn, client: dsr ? world : hostPeer(ingressNode, family), clientAsSeenByServer: undefined };
        const point = p.routing === 'Tunnel' ? OP.TO_OVERLAY : OP.TO_NETWORK;
        // Traced on the server's side: this is the service's ingress, not some pod's egress.
        return [f.trace(hopConn, 'fwd', 'server', point, ingressNode, { flags, reason })];
      }
    : undefined;
  yield* tcpSession(f, conn, {
    verdicts: [{ side: 'server', verdict: 'redirected', policies: [ctx.policy('shop', 'frontend-ingress-l7')] }],
    http: { side: 'server', exchanges: Array.from({ length: rng.int(1, 2) }, () => storefrontExchange(ctx)) },
    ...(hop ? { hop } : {}),
  });
};

/** NodePort of a service scaled to zero: the node drops with "Service backend not found". */
const worldToRecommendationsNodePort: Pattern = function* (ctx) {
  const { scenario, rng, f } = ctx;
  if (!scenario.profile.kubeProxyReplacement) return; // kube-proxy rejects in iptables, Hubble sees no drop
  const family = ctx.family(0.3);
  const clients = family === 4 ? scenario.worldClients.ipv4 : scenario.worldClients.ipv6;
  if (clients.length === 0) return;
  const node = rng.pick(scenario.nodes);
  const conn: Conn = {
    proto: 'TCP',
    family,
    client: worldPeer(scenario, rng.pick(clients)),
    server: hostPeer(node, family),
    clientPort: rng.int(1024, 65000),
    serverPort: 30088,
    service: ctx.lookup.service('shop', 'recommendations'),
  };
  for (let i = rng.int(1, 3); i > 0; i--) {
    yield f.drop(conn, 'fwd', 'server', flow.DropReason.SERVICE_BACKEND_NOT_FOUND, { flags: { SYN: true }, observer: node });
  }
};

/** A client still holding the address of a replaced pod: the owning node cannot route it. */
const staleBackendIp: Pattern = function* (ctx) {
  const { scenario, rng, f } = ctx;
  const client = one(ctx, 'shop', 'checkout');
  const family = ctx.family();
  const others = scenario.nodes.filter((n) => n.name !== client.node && hasFamily({ ipv4: n.podCidrV4, ipv6: n.podCidrV6 }, family));
  if (others.length === 0) return;
  const node = rng.pick(others);
  const used = new Set(scenario.pods.flatMap((p) => [p.ipv4, p.ipv6]));
  let stale = '';
  do {
    stale = family === 4 ? `${(node.podCidrV4 ?? '').split('.').slice(0, 3).join('.')}.${rng.int(2, 254)}` : `${(node.podCidrV6 ?? '').split('/')[0]}${rng.int(0x100, 0xfff0).toString(16)}`;
  } while (used.has(stale) || stale === node.routerIpv4 || stale === node.routerIpv6);
  const conn: Conn = {
    proto: 'TCP',
    family,
    client: ctx.podPeer(client, family),
    server: worldPeer(scenario, stale),
    clientPort: ctx.ephemeralPort(),
    serverPort: 7070,
    noMasquerade: true,
  };
  for (let i = rng.int(1, 3); i > 0; i--) {
    yield* f.packet(conn, 'fwd', { flags: { SYN: true }, reason: flow.TraceReason.NEW });
    yield f.drop(conn, 'fwd', 'server', flow.DropReason.STALE_OR_UNROUTABLE_IP, { flags: { SYN: true }, observer: node });
  }
};

// ---- monitoring and cluster plumbing ----

function scrapeTargets(ctx: FlowContext): { peer: (family: Family) => Peer; port: number }[] {
  const pods = Object.entries(SCRAPE_TARGETS).flatMap(([key, port]) => {
    const [ns = '', wl = ''] = key.split('/');
    return ctx.lookup.readyPodsOf(ns, wl).map((pod) => ({ peer: (fam: Family) => ctx.podPeer(pod, fam), port }));
  });
  const nodes = ctx.scenario.nodes.flatMap((node) => [9962, 9965, 9100].map((port) => ({ peer: (fam: Family) => hostPeer(node, fam), port })));
  return [...pods, ...nodes];
}

const prometheusScrape: Pattern = function* (ctx) {
  const prom = one(ctx, 'monitoring', 'prometheus');
  const target = ctx.rng.pick(scrapeTargets(ctx));
  const family = ctx.family(0.2);
  const conn: Conn = { proto: 'TCP', family, client: ctx.podPeer(prom, family), server: target.peer(family), clientPort: ctx.ephemeralPort(), serverPort: target.port };
  yield* tcpSession(ctx.f, conn, { established: ctx.rng.chance(0.6), exchanges: 1 });
};

/** Conntrack table full on a busy node: the new connection is dropped at once. */
const ctMapFull: Pattern = function* (ctx) {
  const prom = one(ctx, 'monitoring', 'prometheus');
  const target = ctx.rng.pick(scrapeTargets(ctx));
  const family = ctx.family();
  const conn: Conn = { proto: 'TCP', family, client: ctx.podPeer(prom, family), server: target.peer(family), clientPort: ctx.ephemeralPort(), serverPort: target.port };
  yield ctx.f.drop(conn, 'fwd', 'client', flow.DropReason.CT_MAP_INSERTION_FAILED, { flags: { SYN: true } });
};

const grafanaToPrometheus: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'monitoring', 'grafana'), ctx.lookup.service('monitoring', 'prometheus'), 'web', { exchanges: ctx.rng.int(1, 3) });
};

const relayToPeers: Pattern = function* (ctx) {
  const relay = one(ctx, 'kube-system', 'hubble-relay');
  const node = ctx.rng.pick(ctx.scenario.nodes);
  const family = ctx.family();
  const conn: Conn = { proto: 'TCP', family, client: ctx.podPeer(relay, family), server: hostPeer(node, family), clientPort: ctx.ephemeralPort(), serverPort: 4244 };
  yield* tcpSession(ctx.f, conn, { established: true, exchanges: ctx.rng.int(1, 3) });
};

const uiToRelay: Pattern = function* (ctx) {
  yield* callService(ctx, one(ctx, 'kube-system', 'hubble-ui'), ctx.lookup.service('kube-system', 'hubble-relay'), 'grpc', { established: true, exchanges: ctx.rng.int(1, 2), resolveChance: 0.05 });
};

/** Controllers watching the API server through the `kubernetes` service. */
const apiserverWatch: Pattern = function* (ctx) {
  const { rng, f } = ctx;
  const [ns, wl] = rng.pick<[string, string]>([
    ['kube-system', 'coredns'],
    ['kube-system', 'hubble-ui'],
    ['monitoring', 'kube-state-metrics'],
    ['monitoring', 'prometheus'],
  ]);
  const client = one(ctx, ns, wl);
  const svc = ctx.lookup.service('default', 'kubernetes');
  const family: Family = svc.clusterIPs[0]?.includes(':') ? 6 : 4;
  const cp = ctx.scenario.nodes[0];
  if (!cp) return;
  const vip = ctx.vip(svc, family);
  const conn: Conn = {
    proto: 'TCP',
    family,
    client: ctx.podPeer(client, family),
    server: hostPeer(cp, family, { apiserver: true }),
    clientPort: ctx.ephemeralPort(),
    serverPort: 6443,
    service: svc,
  };
  if (!ctx.scenario.profile.kubeProxyReplacement) conn.serverAsSeenByClient = { peer: vip, port: 443 };
  yield* tcpSession(f, conn, { established: true, exchanges: rng.int(1, 3) });
};

/** Kubelet probes: the node's cilium_host address reaching a local pod. */
const kubeletProbe: Pattern = function* (ctx) {
  const candidates = ctx.lookup.endpointPods().filter((p) => !p.terminating && ctx.lookup.workload(p.namespace, p.workload).ports.length > 0);
  const pod = ctx.rng.pick(candidates);
  const port = ctx.lookup.workload(pod.namespace, pod.workload).ports.find((p) => p.protocol === 'TCP');
  if (!port) return;
  const family: Family = ctx.scenario.ipFamilies === 'ipv6' ? 6 : 4;
  const node = ctx.lookup.node(pod.node);
  const conn: Conn = { proto: 'TCP', family, client: hostPeer(node, family, { router: true }), server: ctx.podPeer(pod, family), clientPort: ctx.ephemeralPort(), serverPort: port.port };
  yield* tcpSession(ctx.f, conn, { exchanges: 1 });
};

/** CoreDNS forwarding an outside name to the node's upstream resolver. */
const corednsUpstream: Pattern = function* (ctx) {
  const coredns = one(ctx, 'kube-system', 'coredns');
  const family: Family = ctx.scenario.ipFamilies === 'ipv6' ? 6 : 4;
  const upstream = family === 4 ? '172.18.0.1' : '2001:db8:0:1::1';
  const conn: Conn = { proto: 'UDP', family, client: ctx.podPeer(coredns, family), server: worldPeer(ctx.scenario, upstream), clientPort: ctx.ephemeralPort(), serverPort: 53 };
  yield* ctx.f.packet(conn, 'fwd', { reason: flow.TraceReason.NEW });
  yield* ctx.f.packet(conn, 'rev', { reason: flow.TraceReason.REPLY });
};

/** Router solicitations from a link-local address: dropped as invalid source (as on kind). */
const icmpv6RouterSolicitation: Pattern = function* (ctx) {
  if (ctx.scenario.ipFamilies === 'ipv4') return;
  const node = ctx.rng.pick(ctx.scenario.nodes);
  const g = () => ctx.rng.int(0, 0xffff).toString(16);
  yield ctx.f.orphanDrop(
    node,
    {
      ethernet: { source: ctx.rng.mac(), destination: '33:33:00:00:00:02' },
      IP: { source: `fe80::${g()}:${g()}:${g()}:${g()}`, destination: 'ff02::2', ipVersion: flow.IPVersion.IPv6 },
      l4: { ICMPv6: { type: 133 } },
      source: {},
      destination: {},
      Type: flow.FlowType.L3_L4,
      is_reply: { value: false },
      Summary: 'ICMPv6 RouterSolicitation',
    },
    flow.DropReason.INVALID_SOURCE_IP,
  );
};

/** Patterns with how often each starts a conversation, relative to the others. */
export const PATTERNS: readonly (readonly [string, Pattern, number])[] = [
  ['pod-to-a', podToA, 2.5],
  ['pod-to-a-allowed-cnp', podToAAllowedCnp, 2.5],
  ['pod-to-a-l3-denied-cnp', podToAL3DeniedCnp, 2.5],
  ['pod-to-b-intra-node', podToBIntraNode, 2.5],
  ['pod-to-b-multi-node-clusterip', podToBMultiNodeClusterIP, 2.5],
  ['pod-to-b-multi-node-headless', podToBMultiNodeHeadless, 2],
  ['host-to-b-multi-node-clusterip', hostToBMultiNodeClusterIP, 2],
  ['pod-to-external-1111', podToExternal1111, 2],
  ['pod-to-external-fqdn-allow-google-cnp', podToExternalFqdnGoogle, 2],
  ['frontend-to-catalog', frontendToCatalog, 8],
  ['frontend-to-cart', frontendToCart, 6],
  ['frontend-to-checkout', frontendToCheckout, 2.5],
  ['checkout-to-payments', checkoutToPayments, 2.5],
  ['checkout-to-cart', checkoutToCart, 1.5],
  ['cart-to-redis', cartToRedis, 5],
  ['payments-to-provider', paymentsToProvider, 1.2],
  ['cart-to-payments-denied', cartToPaymentsDenied, 0.8],
  ['world-to-frontend', worldToFrontend, 7],
  ['world-to-recommendations-nodeport', worldToRecommendationsNodePort, 0.5],
  ['stale-backend-ip', staleBackendIp, 0.35],
  ['prometheus-scrape', prometheusScrape, 8],
  ['ct-map-full', ctMapFull, 0.15],
  ['grafana-to-prometheus', grafanaToPrometheus, 1.5],
  ['relay-to-peers', relayToPeers, 4],
  ['ui-to-relay', uiToRelay, 1.2],
  ['apiserver-watch', apiserverWatch, 2.5],
  ['kubelet-probe', kubeletProbe, 6],
  ['coredns-upstream', corednsUpstream, 2],
  ['icmpv6-router-solicitation', icmpv6RouterSolicitation, 0.3],
];
