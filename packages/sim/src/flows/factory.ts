/**
 * Turns connections and packets into Hubble flows: which nodes observe a packet and at which
 * observation point, with the endpoint views, directions, trace reasons, services and summaries
 * Hubble would attach. Flows come out without `time`; the feed stamps them.
 */
import { flow } from '@starmap/proto';
import { Prng } from '../scenario/prng.js';
import type { Scenario, ScenarioNode, ScenarioPolicy, ScenarioService } from '../scenario/types.js';
import { endpointView, nodeOf, type Endpoint, type Family, type Peer } from './peers.js';
import {
  dnsAnswerSummary,
  dnsQuerySummary,
  httpRequestSummary,
  httpResponseSummary,
  tcpSummary,
  type TcpFlagSet,
} from './summary.js';

export type Flow = flow.Flow.$Properties;

const OP = flow.TraceObservationPoint;
const MSG_DROP = 1;
const MSG_TRACE = 4;
const MSG_POLICY_VERDICT = 5;
const MSG_TRACE_SOCK = 7;
const MSG_ACCESS_LOG = 129;

/** A transport connection between two peers. */
export interface Conn {
  proto: 'TCP' | 'UDP';
  family: Family;
  client: Peer;
  /** The endpoint that really answers (a service backend after translation). */
  server: Peer;
  clientPort: number;
  serverPort: number;
  /** Service the client dialled, for destination_service / source_service. */
  service?: ScenarioService;
  /** How the client's side sees the server when translation happens later (kube-proxy: the VIP). */
  serverAsSeenByClient?: { peer: Peer; port: number };
  /** How the server's side sees the client (SNAT on the way in). */
  clientAsSeenByServer?: Peer;
  /** Source address after reverse translation on replies leaving the server's node (DSR). */
  replySourceXlated?: string;
  /** The destination is inside the native routing CIDR even if Hubble cannot name it: no SNAT. */
  noMasquerade?: boolean;
}

export type Direction = 'fwd' | 'rev';
export type Side = 'client' | 'server';

export interface PacketOpts {
  flags?: TcpFlagSet;
  reason?: flow.TraceReason;
}

interface Leg {
  src: Peer;
  dst: Peer;
  srcPort: number;
  dstPort: number;
}

/** Observation-point code used as the trace event's sub type (to-endpoint is 0 in the datapath). */
function traceSubType(point: flow.TraceObservationPoint): number {
  return point === OP.TO_ENDPOINT ? 0 : point;
}

export class FlowFactory {
  private readonly emitterVersion: string;

  constructor(
    readonly scenario: Scenario,
    readonly rng: Prng,
  ) {
    // A build hash that stays the same for a seed, like `1.19.1+gd0d0c879` in real flows.
    this.emitterVersion = `${scenario.ciliumVersion}+g${new Prng(scenario.seed ^ 0x5eed).hex(8)}`;
  }

  get profile() {
    return this.scenario.profile;
  }

  /** Fields every flow carries. */
  base(observer: ScenarioNode): Flow {
    return {
      uuid: this.rng.uuid(),
      emitter: { name: 'Hubble', version: this.emitterVersion },
      node_name: observer.fullName,
      node_labels: observer.labels,
    };
  }

  private endpoint(peer: Peer, observer: ScenarioNode): Endpoint {
    return endpointView(peer, observer, this.scenario.clusterName);
  }

  /** The two ends of a packet in direction `dir`, as seen from one side of the connection. */
  private leg(conn: Conn, dir: Direction, side: Side): Leg {
    let client = conn.client;
    let server = conn.server;
    let serverPort = conn.serverPort;
    if (side === 'client' && conn.serverAsSeenByClient) {
      server = conn.serverAsSeenByClient.peer;
      serverPort = conn.serverAsSeenByClient.port;
    }
    if (side === 'server' && conn.clientAsSeenByServer) client = conn.clientAsSeenByServer;
    return dir === 'fwd'
      ? { src: client, dst: server, srcPort: conn.clientPort, dstPort: serverPort }
      : { src: server, dst: client, srcPort: serverPort, dstPort: conn.clientPort };
  }

  private l4(conn: Conn, leg: Leg, flags?: TcpFlagSet): flow.Layer4.$Properties {
    const ports = { source_port: leg.srcPort, destination_port: leg.dstPort };
    if (conn.proto === 'UDP') return { UDP: ports };
    return { TCP: { ...ports, ...(flags && Object.keys(flags).length > 0 ? { flags: { ...flags } } : {}) } };
  }

  private summaryOf(conn: Conn, flags?: TcpFlagSet): string {
    return conn.proto === 'UDP' ? 'UDP' : tcpSummary(flags ?? {});
  }

  private ipVersion(conn: Conn): flow.IPVersion {
    return conn.family === 6 ? flow.IPVersion.IPv6 : flow.IPVersion.IPv4;
  }

  /** Where a packet leaving `src` towards `dst` is traced on src's node, or null if it is not. */
  private egressPoint(leg: Leg, side: Side, conn: Conn): flow.TraceObservationPoint | null {
    const { src, dst } = leg;
    const srcNode = nodeOf(src);
    const dstNode = nodeOf(dst);
    if (!srcNode) return null;
    const p = this.profile;
    const kubeProxyVip = side === 'client' && conn.serverAsSeenByClient !== undefined;
    if (kubeProxyVip) return OP.TO_STACK;
    if (src.kind === 'host') {
      if (dst.kind !== 'pod' || dstNode?.name === srcNode.name) return null;
      return p.routing === 'Tunnel' ? OP.TO_OVERLAY : OP.TO_NETWORK;
    }
    if (dst.kind === 'world') return p.hostRouting === 'BPF' ? OP.TO_NETWORK : OP.TO_STACK;
    if (dstNode?.name === srcNode.name) return dst.kind === 'host' ? OP.TO_HOST : null;
    if (p.routing === 'Tunnel') return OP.TO_OVERLAY;
    return p.hostRouting === 'BPF' ? OP.TO_NETWORK : OP.TO_STACK;
  }

  private interfaceFor(point: flow.TraceObservationPoint, leg: Leg): flow.NetworkInterface.$Properties | undefined {
    switch (point) {
      case OP.TO_ENDPOINT:
        return leg.dst.kind === 'pod' ? { index: leg.dst.pod.ifIndex, name: leg.dst.pod.ifName } : undefined;
      case OP.TO_NETWORK:
        return { index: 2, name: 'eth0' };
      case OP.TO_OVERLAY:
        return { index: 4, name: this.profile.tunnelProtocol === 'geneve' ? 'cilium_geneve' : 'cilium_vxlan' };
      case OP.TO_HOST:
        return { index: 3, name: 'cilium_host' };
      default:
        return undefined;
    }
  }

  private ethernet(leg: Leg, observer: ScenarioNode): flow.Ethernet.$Properties {
    const mac = (peer: Peer) => (peer.kind === 'pod' && peer.pod.node === observer.name ? peer.pod.mac : observer.routerMac);
    return { source: mac(leg.src), destination: mac(leg.dst) };
  }

  /** The client initiated the connection: its side is EGRESS, the server's INGRESS. */
  private direction(observedIsClient: boolean): flow.TrafficDirection {
    return observedIsClient ? flow.TrafficDirection.EGRESS : flow.TrafficDirection.INGRESS;
  }

  private services(conn: Conn, dir: Direction): Pick<Flow, 'destination_service' | 'source_service'> {
    if (!conn.service) return {};
    const svc = { name: conn.service.name, namespace: conn.service.namespace };
    return dir === 'fwd' ? { destination_service: svc } : { source_service: svc };
  }

  private names(leg: Leg): Pick<Flow, 'source_names' | 'destination_names'> {
    return {
      ...(leg.src.names ? { source_names: leg.src.names } : {}),
      ...(leg.dst.names ? { destination_names: leg.dst.names } : {}),
    };
  }

  private crossNode(conn: Conn): boolean {
    const a = nodeOf(conn.client);
    const b = nodeOf(conn.server);
    return a !== null && b !== null && a.name !== b.name;
  }

  private ip(conn: Conn, leg: Leg, extra: Partial<flow.IP.$Properties> = {}): flow.IP.$Properties {
    const encrypted = this.profile.encryption !== 'Disabled' && this.crossNode(conn);
    return {
      source: leg.src.ip,
      destination: leg.dst.ip,
      ipVersion: this.ipVersion(conn),
      ...extra,
      ...(encrypted ? { encrypted: true } : {}),
    };
  }

  private sourceXlated(conn: Conn, leg: Leg, point: flow.TraceObservationPoint, dir: Direction): string | undefined {
    if (dir === 'rev' && conn.replySourceXlated && point === OP.TO_NETWORK) return conn.replySourceXlated;
    if (dir !== 'fwd' || conn.noMasquerade || leg.dst.kind !== 'world' || leg.src.kind !== 'pod' || point !== OP.TO_NETWORK) return undefined;
    const m = this.profile.masquerading;
    const masq = m.enabled && m.mode === 'BPF' && (conn.family === 4 ? m.ipv4 : m.ipv6);
    if (!masq) return undefined;
    const node = leg.src.node;
    return (conn.family === 4 ? node.ipv4 : node.ipv6) ?? undefined;
  }

  /** One trace event. */
  trace(conn: Conn, dir: Direction, side: Side, point: flow.TraceObservationPoint, observer: ScenarioNode, opts: PacketOpts = {}): Flow {
    const leg = this.leg(conn, dir, side);
    const observedIsClient = side === 'client';
    const reason = opts.reason ?? (dir === 'rev' ? flow.TraceReason.REPLY : flow.TraceReason.ESTABLISHED);
    const iface = this.interfaceFor(point, leg);
    const xlated = this.sourceXlated(conn, leg, point, dir);
    return {
      ...this.base(observer),
      verdict: flow.Verdict.FORWARDED,
      ethernet: this.ethernet(leg, observer),
      IP: this.ip(conn, leg, xlated ? { source_xlated: xlated } : {}),
      l4: this.l4(conn, leg, opts.flags),
      source: this.endpoint(leg.src, observer),
      destination: this.endpoint(leg.dst, observer),
      Type: flow.FlowType.L3_L4,
      ...this.names(leg),
      ...(dir === 'rev' ? { reply: true } : {}),
      event_type: { type: MSG_TRACE, sub_type: traceSubType(point) },
      ...this.services(conn, dir),
      traffic_direction: this.direction(observedIsClient),
      trace_observation_point: point,
      trace_reason: reason,
      is_reply: { value: dir === 'rev' },
      ...(iface ? { interface: iface } : {}),
      Summary: this.summaryOf(conn, opts.flags),
    };
  }

  /** Every trace event one packet produces on its way (sender's node, then receiver's node). */
  packet(conn: Conn, dir: Direction, opts: PacketOpts = {}): Flow[] {
    const out: Flow[] = [];
    const srcSide: Side = dir === 'fwd' ? 'client' : 'server';
    const dstSide: Side = dir === 'fwd' ? 'server' : 'client';
    const srcLeg = this.leg(conn, dir, srcSide);
    const srcNode = nodeOf(srcLeg.src);
    const egress = this.egressPoint(srcLeg, srcSide, conn);
    if (srcNode && egress !== null) out.push(this.trace(conn, dir, srcSide, egress, srcNode, opts));
    const dstLeg = this.leg(conn, dir, dstSide);
    if (dstLeg.dst.kind === 'pod') out.push(this.trace(conn, dir, dstSide, OP.TO_ENDPOINT, dstLeg.dst.node, opts));
    return out;
  }

  /** A policy verdict event on one side of the connection (first packet of a connection). */
  policyVerdict(
    conn: Conn,
    side: Side,
    verdict: 'allowed' | 'redirected' | 'denied',
    policies: ScenarioPolicy[],
    opts: { flags?: TcpFlagSet; matchType?: number; dropReason?: flow.DropReason } = {},
  ): Flow {
    const leg = this.leg(conn, 'fwd', side);
    const dropReason = opts.dropReason ?? flow.DropReason.POLICY_DENIED;
    const observer = side === 'client' ? nodeOf(leg.src) : nodeOf(leg.dst);
    if (!observer) throw new Error('policy verdicts are observed on a node');
    const refs = policies.map(policyRef);
    const ingress = side === 'server';
    const denied = verdict === 'denied';
    return {
      ...this.base(observer),
      verdict: denied ? flow.Verdict.DROPPED : verdict === 'redirected' ? flow.Verdict.REDIRECTED : flow.Verdict.FORWARDED,
      ...(denied ? { drop_reason: dropReason, drop_reason_desc: dropReason } : {}),
      ethernet: this.ethernet(leg, observer),
      IP: this.ip(conn, leg),
      l4: this.l4(conn, leg, opts.flags),
      source: this.endpoint(leg.src, observer),
      destination: this.endpoint(leg.dst, observer),
      Type: flow.FlowType.L3_L4,
      ...this.names(leg),
      event_type: { type: MSG_POLICY_VERDICT },
      ...this.services(conn, 'fwd'),
      traffic_direction: ingress ? flow.TrafficDirection.INGRESS : flow.TrafficDirection.EGRESS,
      policy_match_type: denied ? 0 : (opts.matchType ?? 2),
      is_reply: { value: false },
      Summary: this.summaryOf(conn, opts.flags),
      ...policyFields(ingress, denied, refs),
    };
  }

  /** A drop event for a packet of the connection, on the side that dropped it. */
  drop(
    conn: Conn,
    dir: Direction,
    side: Side,
    reason: flow.DropReason,
    opts: { flags?: TcpFlagSet; deniedBy?: ScenarioPolicy[]; observer?: ScenarioNode } = {},
  ): Flow {
    const leg = this.leg(conn, dir, side);
    const observer = opts.observer ?? (dir === 'fwd' ? (side === 'client' ? nodeOf(leg.src) : nodeOf(leg.dst)) : nodeOf(leg.src));
    if (!observer) throw new Error('drops are observed on a node');
    const refs = (opts.deniedBy ?? []).map(policyRef);
    const observedIsClient = side === 'client';
    return {
      ...this.base(observer),
      verdict: flow.Verdict.DROPPED,
      drop_reason: reason,
      ethernet: this.ethernet(leg, observer),
      IP: this.ip(conn, leg),
      l4: this.l4(conn, leg, opts.flags),
      source: this.endpoint(leg.src, observer),
      destination: this.endpoint(leg.dst, observer),
      Type: flow.FlowType.L3_L4,
      ...this.names(leg),
      event_type: { type: MSG_DROP, sub_type: reason },
      ...this.services(conn, dir),
      traffic_direction: this.direction(observedIsClient),
      drop_reason_desc: reason,
      is_reply: { value: dir === 'rev' },
      Summary: this.summaryOf(conn, opts.flags),
      ...(refs.length > 0 ? policyFields(!observedIsClient, true, refs) : {}),
    };
  }

  /** Socket-LB translation events on the client's node (connect() to a service). */
  sockXlate(conn: Conn, vip: Peer, vipPort: number): Flow[] {
    const client = conn.client;
    const observer = nodeOf(client);
    if (!observer || !conn.service) return [];
    const cookie = this.rng.int(1000, 9_000_000);
    const cgroup = this.rng.int(4000, 900_000);
    const make = (dst: Peer, port: number, point: flow.SocketTranslationPoint, verdict: flow.Verdict): Flow => ({
      ...this.base(observer),
      verdict,
      IP: { source: client.ip, destination: dst.ip, ipVersion: this.ipVersion(conn) },
      l4: conn.proto === 'UDP' ? { UDP: { destination_port: port } } : { TCP: { destination_port: port } },
      source: this.endpoint(client, observer),
      destination: this.endpoint(dst, observer),
      Type: flow.FlowType.SOCK,
      event_type: { type: MSG_TRACE_SOCK },
      ...this.services(conn, 'fwd'),
      sock_xlate_point: point,
      socket_cookie: cookie,
      cgroup_id: cgroup,
      Summary: conn.proto,
    });
    return [
      make(vip, vipPort, flow.SocketTranslationPoint.SOCK_XLATE_POINT_PRE_DIRECTION_FWD, flow.Verdict.TRACED),
      make(conn.server, conn.serverPort, flow.SocketTranslationPoint.SOCK_XLATE_POINT_POST_DIRECTION_FWD, flow.Verdict.TRANSLATED),
    ];
  }

  /** An L7 event (proxy access log) observed on one side. */
  private l7(conn: Conn, dir: Direction, side: Side, l7: flow.Layer7.$Properties, summary: string): Flow {
    const leg = this.leg(conn, dir, side);
    const observer = side === 'client' ? nodeOf(conn.client) : nodeOf(conn.server);
    if (!observer) throw new Error('L7 events are observed on a node');
    return {
      ...this.base(observer),
      verdict: flow.Verdict.FORWARDED,
      IP: this.ip(conn, leg),
      l4: this.l4(conn, leg),
      source: this.endpoint(leg.src, observer),
      destination: this.endpoint(leg.dst, observer),
      Type: flow.FlowType.L7,
      ...this.names(leg),
      l7,
      ...(dir === 'rev' ? { reply: true } : {}),
      event_type: { type: MSG_ACCESS_LOG },
      ...this.services(conn, dir),
      traffic_direction: this.direction(side === 'client'),
      is_reply: { value: dir === 'rev' },
      Summary: summary,
    };
  }

  /** The to-proxy trace that precedes L7 events on the side with the proxy redirect. */
  toProxy(conn: Conn, side: Side, opts: PacketOpts = {}): Flow {
    const observer = side === 'client' ? nodeOf(conn.client) : nodeOf(conn.server);
    if (!observer) throw new Error('to-proxy is observed on a node');
    return this.trace(conn, 'fwd', side, OP.TO_PROXY, observer, opts);
  }

  dnsRequest(conn: Conn, query: string, qtypes: string[]): Flow {
    return this.l7(
      conn,
      'fwd',
      'client',
      { type: flow.L7FlowType.REQUEST, dns: { query, observation_source: 'proxy', qtypes } },
      dnsQuerySummary(query, qtypes),
    );
  }

  dnsResponse(conn: Conn, query: string, qtypes: string[], answer: { rcode: number; ips: string[]; ttl: number; latencyNs: number }): Flow {
    const rrtypes = answer.ips.length > 0 ? answer.ips.map((ip) => (ip.includes(':') ? 'AAAA' : 'A')) : [];
    return this.l7(
      conn,
      'rev',
      'client',
      {
        type: flow.L7FlowType.RESPONSE,
        latency_ns: answer.latencyNs,
        dns: {
          query,
          ...(answer.ips.length > 0 ? { ips: answer.ips } : {}),
          ttl: answer.ttl,
          observation_source: 'proxy',
          rcode: answer.rcode,
          qtypes,
          ...(rrtypes.length > 0 ? { rrtypes } : {}),
        },
      },
      dnsAnswerSummary(query, qtypes, answer.rcode, answer.ips, answer.ttl),
    );
  }

  httpRequest(conn: Conn, side: Side, req: HttpExchange): Flow {
    return this.l7(
      conn,
      'fwd',
      side,
      { type: flow.L7FlowType.REQUEST, http: { method: req.method, url: req.url, protocol: 'HTTP/1.1', headers: req.headers } },
      httpRequestSummary('HTTP/1.1', req.method, req.url),
    );
  }

  httpResponse(conn: Conn, side: Side, req: HttpExchange): Flow {
    return this.l7(
      conn,
      'rev',
      side,
      {
        type: flow.L7FlowType.RESPONSE,
        latency_ns: req.latencyNs,
        http: { code: req.code, method: req.method, url: req.url, protocol: 'HTTP/1.1', headers: req.headers },
      },
      httpResponseSummary('HTTP/1.1', req.code, req.latencyNs, req.method, req.url),
    );
  }

  /** A drop seen on a node with no connection context (e.g. an IPv6 router solicitation). */
  orphanDrop(observer: ScenarioNode, f: Omit<Flow, 'uuid' | 'emitter' | 'node_name' | 'node_labels'>, reason: flow.DropReason): Flow {
    return {
      ...this.base(observer),
      ...f,
      verdict: flow.Verdict.DROPPED,
      drop_reason: reason,
      event_type: { type: MSG_DROP, sub_type: reason },
      drop_reason_desc: reason,
    };
  }
}

export interface HttpExchange {
  method: string;
  url: string;
  code: number;
  latencyNs: number;
  headers: { key: string; value: string }[];
}

function policyRef(p: ScenarioPolicy): flow.Policy.$Properties {
  return { name: p.name, namespace: p.namespace, labels: p.labels, revision: p.revision, kind: p.kind };
}

function policyFields(ingress: boolean, denied: boolean, refs: flow.Policy.$Properties[]): Partial<Flow> {
  if (refs.length === 0) return {};
  if (ingress) return denied ? { ingress_denied_by: refs } : { ingress_allowed_by: refs };
  return denied ? { egress_denied_by: refs } : { egress_allowed_by: refs };
}
