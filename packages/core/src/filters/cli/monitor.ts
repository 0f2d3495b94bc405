/**
 * Names `hubble observe` accepts for event types, sub-types and security identities. Facts from
 * cilium/cilium pkg/monitor/api/types.go (MessageTypeNames, TraceObservationPoints),
 * hubble/cmd/observe/flows_filter.go (agentEventSubtypes) and pkg/identity/numericidentity.go
 * (reservedIdentities).
 */

/** Cilium monitor message types by `--type` name. */
export const EVENT_TYPES: Readonly<Record<string, number>> = {
  drop: 1,
  debug: 2,
  capture: 3,
  trace: 4,
  'policy-verdict': 5,
  recorder: 6,
  'trace-sock': 7,
  l7: 129,
  agent: 130,
};

export const EVENT_TYPE_TRACE = 4;
export const EVENT_TYPE_AGENT = 130;

/** Trace observation points, the sub-types of `trace` events. */
export const TRACE_SUBTYPES: Readonly<Record<string, number>> = {
  'to-endpoint': 0,
  'to-proxy': 1,
  'to-host': 2,
  'to-stack': 3,
  'to-overlay': 4,
  'from-endpoint': 5,
  'from-proxy': 6,
  'from-host': 7,
  'from-stack': 8,
  'from-overlay': 9,
  'from-network': 10,
  'to-network': 11,
  'from-crypto': 12,
  'to-crypto': 13,
};

/** Agent notification sub-types under the CLI-friendly names hubble uses. */
export const AGENT_SUBTYPES: Readonly<Record<string, number>> = {
  unspecified: 0,
  message: 1,
  'agent-started': 2,
  'endpoint-regenerate-success': 3,
  'endpoint-regenerate-failure': 4,
  'policy-updated': 5,
  'policy-deleted': 6,
  'endpoint-created': 7,
  'endpoint-deleted': 8,
  'ipcache-upserted': 9,
  'ipcache-deleted': 10,
};

/** Reserved security identities by name, as `--identity world` takes them. */
export const RESERVED_IDENTITIES: Readonly<Record<string, number>> = {
  host: 1,
  world: 2,
  unmanaged: 3,
  health: 4,
  init: 5,
  'remote-node': 6,
  'kube-apiserver': 7,
  ingress: 8,
  'world-ipv4': 9,
  'world-ipv6': 10,
};

export function lookup(table: Readonly<Record<string, number>>, name: string): number | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
