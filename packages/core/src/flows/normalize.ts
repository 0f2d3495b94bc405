import { flow } from '@starmap/proto';
import type {
  DnsInfo,
  Flow,
  FlowEndpoint,
  FlowType,
  HttpInfo,
  L4Protocol,
  L7Info,
  PolicyRef,
  TrafficDirection,
  Verdict,
} from './types.js';
import { timestampToIso, timestampToMillis } from './time.js';
import { reservedIdentities, workloadName, type WorkloadNaming } from './workload.js';

/** Monitor event type of a drop notification (pkg/monitor/api: MessageTypeDrop). */
const MONITOR_TYPE_DROP = 1;

function enumName(values: Record<number, string>, n: number | null | undefined, fallback: string): string {
  if (n == null) return fallback;
  return values[n] ?? `${fallback.split('_')[0] ?? 'UNKNOWN'}_${n}`;
}

function toNumber(v: number | { toNumber(): number } | null | undefined): number {
  if (v == null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

function ports(l4: flow.ILayer4 | null | undefined): {
  protocol: L4Protocol;
  sport: number | null;
  dport: number | null;
  tcpFlags: string[];
  icmp: { type: number; code: number } | null;
} {
  if (l4?.TCP) {
    const flags: string[] = [];
    const f = l4.TCP.flags;
    if (f) {
      for (const name of ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'NS'] as const) {
        if (f[name]) flags.push(name);
      }
    }
    return { protocol: 'TCP', sport: l4.TCP.source_port ?? 0, dport: l4.TCP.destination_port ?? 0, tcpFlags: flags, icmp: null };
  }
  if (l4?.UDP) return { protocol: 'UDP', sport: l4.UDP.source_port ?? 0, dport: l4.UDP.destination_port ?? 0, tcpFlags: [], icmp: null };
  if (l4?.SCTP) return { protocol: 'SCTP', sport: l4.SCTP.source_port ?? 0, dport: l4.SCTP.destination_port ?? 0, tcpFlags: [], icmp: null };
  if (l4?.ICMPv4) return { protocol: 'ICMPv4', sport: null, dport: null, tcpFlags: [], icmp: { type: l4.ICMPv4.type ?? 0, code: l4.ICMPv4.code ?? 0 } };
  if (l4?.ICMPv6) return { protocol: 'ICMPv6', sport: null, dport: null, tcpFlags: [], icmp: { type: l4.ICMPv6.type ?? 0, code: l4.ICMPv6.code ?? 0 } };
  if (l4?.VRRP) return { protocol: 'VRRP', sport: null, dport: null, tcpFlags: [], icmp: null };
  if (l4?.IGMP) return { protocol: 'IGMP', sport: null, dport: null, tcpFlags: [], icmp: null };
  return { protocol: '', sport: null, dport: null, tcpFlags: [], icmp: null };
}

function endpoint(
  ep: flow.IEndpoint | null | undefined,
  ip: string,
  port: number | null,
  names: string[],
  service: flow.IService | null | undefined,
  naming: WorkloadNaming,
): FlowEndpoint {
  const labels = ep?.labels ?? [];
  const identity = ep?.identity ?? 0;
  const workloads = (ep?.workloads ?? []).map((w) => ({ name: w.name ?? '', kind: w.kind ?? '' }));
  const podName = ep?.pod_name ?? '';
  const named = workloadName({ podName, labels, identity, workloads, ip, names }, naming);
  return {
    identity,
    namespace: ep?.namespace ?? '',
    podName,
    workload: named.name,
    workloadKind: named.kind,
    labels,
    reserved: reservedIdentities(labels, identity),
    clusterName: ep?.cluster_name ?? '',
    ip,
    port,
    names,
    service: service?.name ? { name: service.name, namespace: service.namespace ?? '' } : null,
  };
}

function policies(list: flow.IPolicy[] | null | undefined): PolicyRef[] {
  if (!list || list.length === 0) return [];
  return list.map((p) => ({ kind: p.kind ?? '', namespace: p.namespace ?? '', name: p.name ?? '' }));
}

function l7Info(l7: flow.ILayer7 | null | undefined): L7Info | null {
  if (!l7) return null;
  const dns: DnsInfo | null = l7.dns
    ? { query: l7.dns.query ?? '', ips: l7.dns.ips ?? [], rcode: l7.dns.rcode ?? 0, qtypes: l7.dns.qtypes ?? [] }
    : null;
  const http: HttpInfo | null = l7.http
    ? { method: l7.http.method ?? '', url: l7.http.url ?? '', code: l7.http.code ?? 0, protocol: l7.http.protocol ?? '' }
    : null;
  const kafka = l7.kafka
    ? { topic: l7.kafka.topic ?? '', apiKey: l7.kafka.api_key ?? '', errorCode: l7.kafka.error_code ?? 0 }
    : null;
  return {
    type: enumName(flow.L7FlowType as unknown as Record<number, string>, l7.type, 'UNKNOWN_L7_TYPE') as L7Info['type'],
    latencyNs: toNumber(l7.latency_ns),
    dns,
    http,
    kafka,
  };
}

export interface NormalizeOptions extends WorkloadNaming {
  /** Id to use when the flow has no uuid (older Hubble); the server passes a per-process sequence. */
  fallbackId?: string;
}

/** A Hubble flow as the dashboard uses it. Never throws on missing or odd fields. */
export function normalizeFlow(f: flow.IFlow, options: NormalizeOptions = {}): Flow {
  const l4 = ports(f.l4);
  const ip = f.IP;
  const verdict = enumName(flow.Verdict as unknown as Record<number, string>, f.verdict ?? 0, 'VERDICT_UNKNOWN') as Verdict;
  const eventType = f.event_type?.type ?? 0;
  const eventSubType = f.event_type?.sub_type ?? 0;
  let dropReason = f.drop_reason_desc ?? 0;
  if (!dropReason && f.drop_reason) dropReason = f.drop_reason;
  if (!dropReason && verdict === 'DROPPED' && eventType === MONITOR_TYPE_DROP) dropReason = eventSubType;
  const dropReasonName = dropReason
    ? ((flow.DropReason as unknown as Record<number, string>)[dropReason] ?? `DROP_REASON_${dropReason}`)
    : '';
  const time = timestampToIso(f.time);
  const id =
    f.uuid ||
    options.fallbackId ||
    `${f.node_name ?? ''}/${time}/${ip?.source ?? ''}:${l4.sport ?? ''}/${ip?.destination ?? ''}:${l4.dport ?? ''}`;
  const isReply = f.is_reply ? Boolean(f.is_reply.value) : null;
  return {
    id,
    time,
    ts: timestampToMillis(f.time),
    verdict,
    dropReason,
    dropReasonName,
    type: enumName(flow.FlowType as unknown as Record<number, string>, f.Type ?? 0, 'UNKNOWN_TYPE') as FlowType,
    ipVersion: ip?.ipVersion === flow.IPVersion.IPv6 ? 6 : ip?.ipVersion === flow.IPVersion.IPv4 ? 4 : 0,
    protocol: l4.protocol,
    source: endpoint(f.source, ip?.source ?? '', l4.sport, f.source_names ?? [], f.source_service, options),
    destination: endpoint(f.destination, ip?.destination ?? '', l4.dport, f.destination_names ?? [], f.destination_service, options),
    tcpFlags: l4.tcpFlags,
    icmp: l4.icmp,
    nodeName: f.node_name ?? '',
    isReply,
    trafficDirection: enumName(
      flow.TrafficDirection as unknown as Record<number, string>,
      f.traffic_direction ?? 0,
      'TRAFFIC_DIRECTION_UNKNOWN',
    ) as TrafficDirection,
    observationPoint: enumName(flow.TraceObservationPoint as unknown as Record<number, string>, f.trace_observation_point ?? 0, 'UNKNOWN_POINT'),
    sockXlatePoint: f.sock_xlate_point
      ? enumName(flow.SocketTranslationPoint as unknown as Record<number, string>, f.sock_xlate_point, 'SOCK_XLATE_POINT_UNKNOWN')
      : '',
    eventType,
    eventSubType,
    interfaceName: f.interface?.name ?? '',
    l7: l7Info(f.l7),
    summary: f.Summary ?? '',
    allowedBy: [...policies(f.ingress_allowed_by), ...policies(f.egress_allowed_by)],
    deniedBy: [...policies(f.ingress_denied_by), ...policies(f.egress_denied_by)],
    encrypted: Boolean(ip?.encrypted),
  };
}
