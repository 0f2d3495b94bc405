/**
 * Builders of normalized flows for the service-map tests and benchmark. Endpoint names go
 * through the real `workloadName`/`reservedIdentities`, so tests see what normalizeFlow would
 * produce. Not part of the package's public surface.
 */
import type { Flow, FlowEndpoint, L7Info, Verdict } from '../flows/types.js';
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

const VERDICTS: Verdict[] = ['FORWARDED', 'FORWARDED', 'FORWARDED', 'DROPPED', 'REDIRECTED', 'TRACED', 'TRANSLATED', 'ERROR', 'AUDIT'];
const T0 = 1_700_000_000_000;

/** A small random cluster and a stream of flows through it, moving forward in time. */
export function randomFlows(seed: number, count: number, options: { startMs?: number; pauseChance?: number } = {}): Flow[] {
  const pauseChance = options.pauseChance ?? 0.01;
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const suffixes = ['x2k8p', 'q9z4w', 'b7c5d'];
  const endpoints: (() => FlowEndpoint)[] = [];
  for (const ns of ['shop', 'bank', 'kube-system']) {
    for (const app of ['web', 'api', 'db', 'cache']) {
      endpoints.push(() => pod(ns, `${app}-7d9c5b6f4-${pick(suffixes)}`, { port: pick([80, 443, 5432, 6379, 41000 + Math.floor(random() * 100)]), ip: `10.0.${ns.length}.${app.length}` }));
    }
  }
  endpoints.push(() => reserved('host', { ip: '192.168.0.1', port: pick([10250, 4240]) }));
  endpoints.push(() => reserved(['kube-apiserver', 'world'], { ip: '10.96.0.1', port: 443 }));
  endpoints.push(() => reserved('world', { ip: pick(['1.1.1.1', '8.8.8.8', '9.9.9.9']), port: pick([53, 443]) }));
  endpoints.push(() => reserved('world', { ip: '1.1.1.1', names: ['one.one.one.one'], port: 443 }));
  const services = [null, null, { namespace: 'shop', name: 'web' }, { namespace: 'bank', name: 'api' }];
  const flows: Flow[] = [];
  let ts = options.startMs ?? T0;
  for (let i = 0; i < count; i++) {
    // mostly small steps, now and then a long pause that empties part of the window
    ts += random() < pauseChance ? 200_000 : Math.floor(random() * 3_000);
    const destination = { ...pick(endpoints)(), service: pick(services) };
    const verdict = pick(VERDICTS);
    const r = random();
    flows.push(
      makeFlow({
        source: pick(endpoints)(),
        destination,
        ts: random() < 0.05 ? ts - 20_000 : ts, // a few arrive late
        verdict,
        dropReason: verdict === 'DROPPED' ? pick([133, 181, 155]) : 0,
        dropReasonName: verdict === 'DROPPED' ? 'SOME_REASON' : '',
        isReply: r < 0.6 ? false : r < 0.85 ? true : null,
        protocol: random() < 0.8 ? 'TCP' : 'UDP',
        tcpFlags: pick([['SYN'], ['SYN', 'ACK'], ['ACK'], ['ACK', 'PSH']]),
        nodeName: pick(['node-a', 'node-b']),
        observationPoint: pick(['TO_ENDPOINT', 'TO_STACK', 'TO_OVERLAY', 'TO_PROXY']),
        trafficDirection: pick(['INGRESS', 'EGRESS', 'TRAFFIC_DIRECTION_UNKNOWN'] as const),
        l7: random() < 0.1 ? pick([httpRequest(), httpResponse(pick([200, 503]), random() * 50), dnsResponse(pick([0, 3]), random() * 5)]) : null,
      }),
    );
  }
  return flows;
}
