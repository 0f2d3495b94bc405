/**
 * Builders of normalized flows for the service-map tests and benchmark. Endpoint names go
 * through the real `workloadName`/`reservedIdentities`, so tests see what normalizeFlow would
 * produce. Not part of the package's public surface.
 */
import type { Flow, FlowEndpoint, L7Info } from '../flows/types.js';
import { reservedIdentities, workloadName } from '../flows/workload.js';

export interface EndpointSpec {
  namespace?: string;
  podName?: string;
  labels?: string[];
  identity?: number;
  ip?: string;
  port?: number | null;
  names?: string[];
  service?: { namespace: string; name: string } | null;
  workloads?: { name: string; kind: string }[];
  /** Leave the namespace field empty, as Hubble does for pods on other nodes (labels still say it). */
  remote?: boolean;
}

export function endpoint(spec: EndpointSpec): FlowEndpoint {
  const namespace = spec.namespace ?? '';
  const labels = spec.labels ?? (spec.podName ? [`k8s:io.kubernetes.pod.namespace=${namespace}`] : []);
  const identity = spec.identity ?? 0;
  const podName = spec.remote ? '' : (spec.podName ?? '');
  const ip = spec.ip ?? '';
  const names = spec.names ?? [];
  const named = workloadName({ podName, labels, identity, workloads: spec.workloads ?? [], ip, names });
  return {
    identity,
    namespace: spec.remote ? '' : namespace,
    podName,
    workload: named.name,
    workloadKind: named.kind,
    labels,
    reserved: reservedIdentities(labels, identity),
    clusterName: '',
    ip,
    port: spec.port === undefined ? null : spec.port,
    names,
    service: spec.service ?? null,
  };
}

/** A pod endpoint: `pod('shop', 'cart-7d9c5b6f4-x2k8p', { port: 8080 })`. */
export function pod(namespace: string, podName: string, spec: EndpointSpec = {}): FlowEndpoint {
  return endpoint({ namespace, podName, ...spec });
}

/** A reserved identity: `reserved('world', { ip: '1.1.1.1' })`; extra reserved labels may be given. */
export function reserved(names: string | string[], spec: EndpointSpec = {}): FlowEndpoint {
  const list = Array.isArray(names) ? names : [names];
  return endpoint({ labels: list.map((n) => `reserved:${n}`), ...spec });
}

export interface FlowSpec extends Partial<Omit<Flow, 'source' | 'destination'>> {
  source: FlowEndpoint;
  destination: FlowEndpoint;
}

let sequence = 0;

export function makeFlow(spec: FlowSpec): Flow {
  const { source, destination, ...rest } = spec;
  const ts = rest.ts ?? 1_700_000_000_000;
  return {
    id: `test-${sequence++}`,
    time: Number.isFinite(ts) ? new Date(ts).toISOString() : '',
    ts,
    verdict: 'FORWARDED',
    dropReason: 0,
    dropReasonName: '',
    type: rest.l7 ? 'L7' : 'L3_L4',
    ipVersion: 4,
    protocol: 'TCP',
    source,
    destination,
    tcpFlags: ['ACK'],
    icmp: null,
    nodeName: 'node-a',
    isReply: false,
    trafficDirection: 'EGRESS',
    observationPoint: 'TO_STACK',
    sockXlatePoint: '',
    eventType: 4,
    eventSubType: 0,
    interfaceName: '',
    l7: null,
    summary: '',
    allowedBy: [],
    deniedBy: [],
    encrypted: false,
    ...rest,
  };
}

export function httpResponse(code: number, latencyMs: number): L7Info {
  return {
    type: 'RESPONSE',
    latencyNs: latencyMs * 1e6,
    dns: null,
    http: { method: 'GET', url: 'http://x/', code, protocol: 'HTTP/1.1' },
    kafka: null,
  };
}

export function httpRequest(): L7Info {
  return { type: 'REQUEST', latencyNs: 0, dns: null, http: { method: 'GET', url: 'http://x/', code: 0, protocol: 'HTTP/1.1' }, kafka: null };
}

export function dnsResponse(rcode: number, latencyMs: number): L7Info {
  return { type: 'RESPONSE', latencyNs: latencyMs * 1e6, dns: { query: 'x.', ips: [], rcode, qtypes: ['A'] }, http: null, kafka: null };
}

/** Deterministic pseudo-random numbers (mulberry32) so randomized tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
