import type { ServicesResponse, StatusResponse } from '@starmap/core';
import { quoteList } from '../format/emptyState';
import type { ServiceFilter } from './serviceFilter';

export interface ServicesEmptyInput {
  response: ServicesResponse | undefined;
  /** Why GET /api/services failed, when it did. */
  loadError: string | null;
  status: StatusResponse | undefined;
  filter: ServiceFilter;
  /** Rows left after filtering. */
  shown: number;
}

export interface ServicesEmptyText {
  /** Which case it is, for tests and styling. */
  kind: 'loading' | 'load-error' | 'no-agent' | 'agent-unreachable' | 'waiting' | 'no-services' | 'no-match';
  title: string;
  detail: string;
}

/** Why the service table shows no rows, most fundamental cause first; null when it has rows. */
export function servicesEmptyMessage({ response, loadError, status, filter, shown }: ServicesEmptyInput): ServicesEmptyText | null {
  if (response === undefined) {
    return loadError !== null
      ? { kind: 'load-error', title: `Cannot load the service table: ${loadError}`, detail: 'The Starmap server did not answer GET /api/services. It is retried every few seconds.' }
      : { kind: 'loading', title: 'Loading the service table…', detail: 'Asking the Starmap server for the agent’s frontends and backends.' };
  }
  if (response.source === null) {
    if (status?.agent.phase === 'disabled') {
      return {
        kind: 'no-agent',
        title: 'No Cilium agent configured',
        detail:
          'The service table comes from the Cilium agent API (GET /v1/service). Start Starmap with --cilium-socket /var/run/cilium/cilium.sock on a node, or --cilium-api http://HOST:PORT.',
      };
    }
    if (response.error !== null) {
      return {
        kind: 'agent-unreachable',
        title: `Cilium agent unreachable: ${response.error}`,
        detail: `Starmap keeps polling${status?.agent.target ? ` ${status.agent.target}` : ' the agent'}; the table appears as soon as it answers.`,
      };
    }
    return { kind: 'waiting', title: 'Waiting for the Cilium agent…', detail: 'The table appears after the first answer to GET /v1/service.' };
  }
  if (response.services.length === 0) {
    return {
      kind: 'no-services',
      title: 'The agent reports no services',
      detail: `GET /v1/service on ${response.source.target} returned an empty list: no Kubernetes service has frontends on this node yet.`,
    };
  }
  if (shown === 0) {
    const parts: string[] = [];
    if (filter.namespaces.length > 0) parts.push(`${filter.namespaces.length > 1 ? 'namespaces' : 'namespace'} ${quoteList(filter.namespaces)}`);
    if (filter.types.length > 0) parts.push(`${filter.types.length > 1 ? 'types' : 'type'} ${quoteList(filter.types)}`);
    if (filter.search.trim() !== '') parts.push(`“${filter.search.trim()}”`);
    return {
      kind: 'no-match',
      title: `No service matches ${parts.join(', ') || 'the filter'}`,
      detail: `The agent reports ${response.services.length} ${response.services.length === 1 ? 'frontend' : 'frontends'}. Clear the search, choose another type or “All namespaces” to see them.`,
    };
  }
  return null;
}
