/**
 * Packet sequences of one connection: TCP handshake, request/response exchanges (with L7
 * events where a proxy sees them), teardown; UDP request/reply; socket-LB translation first.
 */
import { flow } from '@starmap/proto';
import type { ScenarioPolicy } from '../scenario/types.js';
import type { Conn, Flow, FlowFactory, HttpExchange, Side } from './factory.js';
import type { Peer } from './peers.js';
import type { TcpFlagSet } from './summary.js';

export interface VerdictSpec {
  side: Side;
  verdict: 'allowed' | 'redirected';
  policies: ScenarioPolicy[];
  matchType?: number;
}

export interface SessionOpts {
  /** Request/response exchanges (PSH) on the connection. */
  exchanges?: number;
  /** A long-lived connection: no handshake and no teardown in this window. */
  established?: boolean;
  /** Tear down at the end (default: unless established). */
  close?: boolean;
  /** Policy verdict events on the first packet. */
  verdicts?: VerdictSpec[];
  /** L7 visibility: HTTP events seen by the proxy on this side, one per exchange. */
  http?: { side: Side; exchanges: HttpExchange[] };
  /** Socket-LB translation events before connect() (the VIP the client dialled). */
  sock?: { vip: Peer; port: number };
  /** Extra hops a forward packet is seen on before it reaches the server's node. */
  hop?: (flags: TcpFlagSet, reason: flow.TraceReason) => Flow[];
}

const SYN: TcpFlagSet = { SYN: true };
const SYN_ACK: TcpFlagSet = { SYN: true, ACK: true };
const ACK: TcpFlagSet = { ACK: true };
const PSH_ACK: TcpFlagSet = { ACK: true, PSH: true };
const FIN_ACK: TcpFlagSet = { ACK: true, FIN: true };

/** Puts server-side verdicts right before the server's to-endpoint event, as on the wire. */
function withVerdicts(packet: Flow[], before: Flow[], serverSide: Flow[]): Flow[] {
  if (serverSide.length === 0) return [...before, ...packet];
  const at = packet.findIndex((f) => f.trace_observation_point === flow.TraceObservationPoint.TO_ENDPOINT);
  if (at < 0) return [...before, ...packet, ...serverSide];
  return [...before, ...packet.slice(0, at), ...serverSide, ...packet.slice(at)];
}

export function* tcpSession(f: FlowFactory, conn: Conn, o: SessionOpts = {}): Generator<Flow> {
  const fwd = (flags: TcpFlagSet, reason: flow.TraceReason) => [...(o.hop ? o.hop(flags, reason) : []), ...f.packet(conn, 'fwd', { flags, reason })];
  const rev = (flags: TcpFlagSet) => f.packet(conn, 'rev', { flags, reason: flow.TraceReason.REPLY });
  const socketLB = f.profile.kubeProxyReplacement && f.profile.socketLB;

  if (o.sock && socketLB && conn.client.kind !== 'world') yield* f.sockXlate(conn, o.sock.vip, o.sock.port);

  if (!o.established) {
    const verdicts = o.verdicts ?? [];
    const clientVerdicts = verdicts.filter((v) => v.side === 'client').map((v) => f.policyVerdict(conn, 'client', v.verdict, v.policies, { flags: SYN, ...(v.matchType !== undefined ? { matchType: v.matchType } : {}) }));
    const serverVerdicts = verdicts.filter((v) => v.side === 'server').map((v) => f.policyVerdict(conn, 'server', v.verdict, v.policies, { flags: SYN, ...(v.matchType !== undefined ? { matchType: v.matchType } : {}) }));
    yield* withVerdicts(fwd(SYN, flow.TraceReason.NEW), clientVerdicts, serverVerdicts);
    yield* rev(SYN_ACK);
    yield* fwd(ACK, flow.TraceReason.ESTABLISHED);
  }
  const exchanges = o.http ? o.http.exchanges.length : (o.exchanges ?? 1);
  for (let i = 0; i < exchanges; i++) {
    const http = o.http?.exchanges[i];
    yield* fwd(PSH_ACK, flow.TraceReason.ESTABLISHED);
    if (o.http && http) {
      yield f.toProxy(conn, o.http.side, { flags: PSH_ACK, reason: flow.TraceReason.ESTABLISHED });
      yield f.httpRequest(conn, o.http.side, http);
    }
    yield* rev(PSH_ACK);
    if (o.http && http) yield f.httpResponse(conn, o.http.side, http);
    yield* fwd(ACK, flow.TraceReason.ESTABLISHED);
  }
  if (o.close ?? !o.established) {
    yield* fwd(FIN_ACK, flow.TraceReason.ESTABLISHED);
    yield* rev(FIN_ACK);
    yield* fwd(ACK, flow.TraceReason.ESTABLISHED);
  }
}

/** A SYN that a policy drops on the server's side, retransmitted a few times. */
export function* deniedTcp(
  f: FlowFactory,
  conn: Conn,
  o: { policies: ScenarioPolicy[]; reason: flow.DropReason; attempts: number; sock?: { vip: Peer; port: number } },
): Generator<Flow> {
  const socketLB = f.profile.kubeProxyReplacement && f.profile.socketLB;
  if (o.sock && socketLB) yield* f.sockXlate(conn, o.sock.vip, o.sock.port);
  for (let attempt = 0; attempt < o.attempts; attempt++) {
    const packet = f.packet(conn, 'fwd', { flags: SYN, reason: attempt === 0 ? flow.TraceReason.NEW : flow.TraceReason.ESTABLISHED });
    // The server's node never delivers the packet: keep only the sender's trace.
    yield* packet.filter((p) => p.trace_observation_point !== flow.TraceObservationPoint.TO_ENDPOINT);
    if (attempt === 0) yield f.policyVerdict(conn, 'server', 'denied', o.policies, { flags: SYN, dropReason: o.reason });
    yield f.drop(conn, 'fwd', 'server', o.reason, { flags: SYN, deniedBy: o.policies });
  }
}
