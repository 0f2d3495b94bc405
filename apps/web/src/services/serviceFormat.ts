import type { BackendWithTraffic, ServiceWithTraffic, ServicesResponse } from '@starmap/core';
import { clockTime, formatWindow, timeAgo } from './timeAgo';

export type BackendTone = 'ok' | 'pending' | 'bad' | 'neutral';

/**
 * Colour family of a backend state. Terminating backends still finish their connections;
 * quarantined ones failed health checks; maintenance is an operator's choice.
 */
export function backendStateTone(state: string): BackendTone {
  switch (state) {
    case 'active':
      return 'ok';
    case 'terminating':
      return 'pending';
    case 'quarantined':
      return 'bad';
    default:
      return 'neutral';
  }
}

const STATE_HELP: Record<string, string> = {
  active: 'Receives new connections.',
  terminating: 'Being removed: finishes existing connections, gets no new ones.',
  quarantined: 'Failed health checks: gets no new connections until it recovers.',
  maintenance: 'Taken out of rotation by an operator: gets no new connections.',
};

export function backendStateHelp(state: string): string {
  return STATE_HELP[state] ?? `State "${state}" as the agent reported it.`;
}

/** `kube-system/kube-dns`; a frontend without a Kubernetes name (e.g. created by hand) says so. */
export function serviceName(service: ServiceWithTraffic): string {
  if (service.name && service.namespace) return `${service.namespace}/${service.name}`;
  return service.name ?? '(no Kubernetes service)';
}

/** `Cluster / Local` — external then internal traffic policy, as the column header says. */
export function trafficPolicyText(service: ServiceWithTraffic): { text: string; title: string } {
  const ext = service.extTrafficPolicy ?? '—';
  const int = service.intTrafficPolicy ?? '—';
  return {
    text: `${ext} / ${int}`,
    title: `externalTrafficPolicy: ${service.extTrafficPolicy ?? 'not reported'}\ninternalTrafficPolicy: ${service.intTrafficPolicy ?? 'not reported'}`,
  };
}

/** `2/3` active of all backends, with words for the tooltip. */
export function backendCountText(service: ServiceWithTraffic): { text: string; title: string } {
  const total = service.backends.length;
  if (total === 0) return { text: '0', title: 'No backends: connections to this frontend fail' };
  return {
    text: `${service.activeBackends}/${total}`,
    title: `${service.activeBackends} of ${total} ${total === 1 ? 'backend' : 'backends'} active`,
  };
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Set for a backend that received nothing in the window: the one a user looks for when load is uneven. */
export function noTrafficNote(backend: BackendWithTraffic, windowMs: number): string | null {
  return backend.flows === 0 && backend.drops === 0 ? `no traffic in the last ${formatWindow(windowMs)}` : null;
}

/** `12 s ago`, or `not in the last 5 min` when the backend was not seen in the window. */
export function lastSeenText(backend: BackendWithTraffic, windowMs: number, now: number): string {
  return timeAgo(backend.lastSeen, now) ?? `not in the last ${formatWindow(windowMs)}`;
}

/** "from GET /v1/service on unix:/var/run/cilium/cilium.sock, updated 3 s ago". */
export function sourceLine(response: ServicesResponse, now: number): string | null {
  const source = response.source;
  if (!source) return null;
  const ago = timeAgo(source.updatedAt, now);
  return `from ${source.endpoint} on ${source.target}${ago ? `, updated ${ago}` : ''}`;
}

/** Set when the agent has stopped answering but an older table is still shown. */
export function staleLine(response: ServicesResponse): string | null {
  if (!response.error || !response.source) return null;
  return `agent unreachable: ${response.error}; showing the table from ${clockTime(response.source.updatedAt)}`;
}
