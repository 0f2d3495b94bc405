import type { StatusResponse } from '@starmap/core';
import type { EmptyStateText } from '../format/emptyState';

export interface FilteredEmptyInput {
  status: StatusResponse | undefined;
  serverProblem: string | null;
  socketOpen: boolean;
  /** The filter beside the namespaces ('' = none). */
  restText: string;
  /** The whole filter as the bar shows it. */
  barText: string;
}

/**
 * With a filter in force and everything connected, "no flows" means "nothing matched": say so,
 * and how to widen it. Any connection problem keeps the message that explains it.
 */
export function withFilterEmptyMessage(base: EmptyStateText, input: FilteredEmptyInput): EmptyStateText {
  if (input.restText === '' || input.serverProblem !== null || !input.socketOpen) return base;
  if (input.status && input.status.relay.phase !== 'connected') return base;
  return {
    title: 'No flows match the filter yet',
    detail: `Filter: ${input.barText}. Flows appear here as soon as traffic matches; remove a chip or clear the filter to widen it.`,
  };
}
