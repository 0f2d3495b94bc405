/**
 * The normalized flow: what the dashboard needs from a Hubble `flow.Flow`, flattened and
 * with enums as upstream names. Built once per flow on the server (see `normalizeFlow`), sent
 * to browsers in batches. The full original flow stays available through the server's ring.
 */

export type Verdict =
  | 'VERDICT_UNKNOWN'
  | 'FORWARDED'
  | 'DROPPED'
  | 'ERROR'
  | 'AUDIT'
  | 'REDIRECTED'
  | 'TRACED'
  | 'TRANSLATED';

export type TrafficDirection = 'TRAFFIC_DIRECTION_UNKNOWN' | 'INGRESS' | 'EGRESS';

export type L4Protocol = 'TCP' | 'UDP' | 'SCTP' | 'ICMPv4' | 'ICMPv6' | 'VRRP' | 'IGMP' | '';

export type FlowType = 'UNKNOWN_TYPE' | 'L3_L4' | 'L7' | 'SOCK';

export interface ServiceRef {
  name: string;
  namespace: string;
}

export interface PolicyRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface FlowEndpoint {
  /** Cilium security identity; 0 when unknown. */
  identity: number;
  /** Kubernetes namespace; '' for reserved identities and external peers. */
  namespace: string;
  podName: string;
  /** Display name of the workload (see `workloadName`): a Deployment name, a label value, a reserved identity, or an IP/FQDN. */
  workload: string;
  /** Kind of the workload when known ('Deployment', 'DaemonSet', …); 'reserved' for reserved identities; '' otherwise. */
  workloadKind: string;
  labels: string[];
  /** Reserved identities taken from `reserved:*` labels, e.g. ['world'] or ['host', 'remote-node']. */
  reserved: string[];
  clusterName: string;
  ip: string;
  /** L4 port, or null for ICMP and unknown L4. */
  port: number | null;
  /** DNS names Hubble attached to this peer (source_names / destination_names). */
  names: string[];
  /** Kubernetes Service this endpoint was reached through, when the flow names one. */
  service: ServiceRef | null;
}

export interface DnsInfo {
  query: string;
  ips: string[];
  rcode: number;
  qtypes: string[];
}

export interface HttpInfo {
  method: string;
  url: string;
  code: number;
  protocol: string;
}

export interface L7Info {
  type: 'UNKNOWN_L7_TYPE' | 'REQUEST' | 'RESPONSE' | 'SAMPLE';
  latencyNs: number;
  dns: DnsInfo | null;
  http: HttpInfo | null;
  kafka: { topic: string; apiKey: string; errorCode: number } | null;
}

export interface Flow {
  /** Hubble's uuid when present, else a stable synthetic id (node + time + tuple). */
  id: string;
  /** RFC 3339 time with the nanoseconds Hubble gave. */
  time: string;
  /** Milliseconds since the epoch (for windows and sorting). */
  ts: number;
  verdict: Verdict;
  /** Drop reason number (flow.drop_reason_desc, else event sub type of a drop); 0 when not dropped. */
  dropReason: number;
  /** Upstream enum name of the drop reason ('' when not dropped; 'DROP_REASON_<n>' when unknown to our proto). */
  dropReasonName: string;
  type: FlowType;
  ipVersion: 0 | 4 | 6;
  protocol: L4Protocol;
  source: FlowEndpoint;
  destination: FlowEndpoint;
  tcpFlags: string[];
  icmp: { type: number; code: number } | null;
  nodeName: string;
  /** null when Hubble does not know (is_reply unset). */
  isReply: boolean | null;
  trafficDirection: TrafficDirection;
  /** TraceObservationPoint name, e.g. 'TO_ENDPOINT'. */
  observationPoint: string;
  /** SocketTranslationPoint name for socket-LB flows, '' otherwise. */
  sockXlatePoint: string;
  eventType: number;
  eventSubType: number;
  interfaceName: string;
  l7: L7Info | null;
  summary: string;
  allowedBy: PolicyRef[];
  deniedBy: PolicyRef[];
  /** True when the packet was seen on an encrypted path (IP.encrypted). */
  encrypted: boolean;
}
