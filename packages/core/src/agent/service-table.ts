/**
 * The service→backend table: one row per frontend, as `cilium-dbg service list` shows it, with
 * the Kubernetes name, traffic policies and backend details that the JSON carries.
 */
import { formatL3n4Addr, normalizeProtocol } from './address.js';
import type { AgentService, AgentServiceSpec } from './service.js';

export type ServiceType =
  | 'ClusterIP'
  | 'NodePort'
  | 'ExternalIPs'
  | 'HostPort'
  | 'LoadBalancer'
  | 'LocalRedirect';

export type BackendState = 'active' | 'terminating' | 'quarantined' | 'maintenance';

export interface ServiceFrontend {
  ip: string;
  port: number;
  /** Upper-case ("TCP", "UDP", "SCTP", "ANY"); null when the agent sent none. */
  protocol: string | null;
  /** 'external' | 'internal'; null when not sent. */
  scope: string | null;
}

export interface ServiceBackend {
  ip: string;
  port: number;
  protocol: string | null;
  /** 'active' when the agent sent no state (it omits it for active backends). */
  state: BackendState | (string & {});
  weight: number | null;
  nodeName: string | null;
  zone: string | null;
  preferred: boolean;
  /** Printed like Cilium: `10.0.0.220:53/UDP`. */
  address: string;
}

export interface ServiceRow {
  /** Cilium's frontend (service) ID; null if the agent sent none. */
  id: number | null;
  frontend: ServiceFrontend;
  /** Printed like Cilium: `10.96.0.10:53/UDP`, `[2001:db8:10:96::a]:53/UDP`. */
  address: string;
  type: ServiceType | (string & {}) | null;
  name: string | null;
  namespace: string | null;
  cluster: string | null;
  /** externalTrafficPolicy ('Cluster' | 'Local'); older agents sent only `trafficPolicy`. */
  extTrafficPolicy: string | null;
  intTrafficPolicy: string | null;
  natPolicy: string | null;
  healthCheckNodePort: number | null;
  backends: ServiceBackend[];
  activeBackends: number;
}

export interface ServiceTable {
  rows: ServiceRow[];
  /** Things worth telling the user about the data (e.g. a frontend without an IP). */
  warnings: string[];
}

const SERVICE_TYPES: readonly ServiceType[] = [
  'ClusterIP',
  'NodePort',
  'ExternalIPs',
  'HostPort',
  'LoadBalancer',
  'LocalRedirect',
];

function canonicalType(type: string | null | undefined): ServiceRow['type'] {
  if (type == null || type === '') return null;
  return SERVICE_TYPES.find((known) => known.toLowerCase() === type.toLowerCase()) ?? type;
}

function canonicalState(state: string | null | undefined): ServiceBackend['state'] {
  if (state == null || state === '') return 'active';
  return state.toLowerCase();
}

function orNull<T>(value: T | null | undefined): T | null {
  return value === undefined || value === '' ? null : value;
}

function specOf(service: AgentService): AgentServiceSpec | null {
  return service.spec ?? service.status?.realized ?? null;
}

function toRow(spec: AgentServiceSpec, warnings: string[]): ServiceRow {
  const fe = spec['frontend-address'];
  const feProtocol = normalizeProtocol(fe.protocol);
  // The agent omits a zero port (omitempty); Cilium prints it as :0.
  const fePort = fe.port ?? 0;
  const id = spec.id ?? null;
  if (fe.ip == null || fe.ip === '') {
    warnings.push(`service ${id ?? '(no id)'}: the frontend has no IP address`);
  }
  const feIp = fe.ip ?? '';
  const backends = (spec['backend-addresses'] ?? []).map((be): ServiceBackend => {
    const protocol = normalizeProtocol(be.protocol) ?? feProtocol;
    const port = be.port ?? 0;
    return {
      ip: be.ip,
      port,
      protocol,
      state: canonicalState(be.state),
      weight: be.weight ?? null,
      nodeName: orNull(be.nodeName),
      zone: orNull(be.zone),
      preferred: be.preferred ?? false,
      address: formatL3n4Addr(be.ip, port, protocol),
    };
  });
  const flags = spec.flags;
  return {
    id,
    frontend: { ip: feIp, port: fePort, protocol: feProtocol, scope: orNull(fe.scope) },
    address: formatL3n4Addr(feIp, fePort, feProtocol),
    type: canonicalType(flags?.type),
    name: orNull(flags?.name),
    namespace: orNull(flags?.namespace),
    cluster: orNull(flags?.cluster),
    extTrafficPolicy: orNull(flags?.extTrafficPolicy) ?? orNull(flags?.trafficPolicy),
    intTrafficPolicy: orNull(flags?.intTrafficPolicy),
    natPolicy: orNull(flags?.natPolicy),
    healthCheckNodePort: orNull(flags?.healthCheckNodePort),
    backends,
    activeBackends: backends.filter((be) => be.state === 'active').length,
  };
}

/** Rows sorted by ID, as `cilium-dbg service list` prints them. */
export function normalizeServiceList(services: readonly AgentService[]): ServiceTable {
  const warnings: string[] = [];
  const rows: ServiceRow[] = [];
  for (const service of services) {
    const spec = specOf(service);
    if (spec == null) {
      warnings.push('a service without spec or status.realized was skipped');
      continue;
    }
    rows.push(toRow(spec, warnings));
  }
  rows.sort((a, b) => (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER));
  return { rows, warnings };
}
