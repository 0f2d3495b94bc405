/** Why the map is empty, and what to do: the most fundamental problem first. */
import type { StatusResponse } from '@starmap/core';
import { quoteList, type EmptyStateText } from '../format/emptyState';
import type { SocketState } from '../stream/liveSocket';
import { windowLabel } from './mapParams';

export interface MapEmptyInput {
  status: StatusResponse | undefined;
  serverProblem: string | null;
  socket: SocketState;
  /** Whether a snapshot arrived for the current namespaces and window. */
  received: boolean;
  totalNodes: number;
  hiddenNodes: number;
  namespaces: readonly string[];
  windowMs: number;
  now: number;
}

function retryIn(at: number | null, now: number): string {
  if (at === null) return 'Retrying.';
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  return s > 0 ? `Next try in ${s} s.` : 'Retrying now.';
}

/** Null when the map has something to show. */
export function mapEmptyMessage(input: MapEmptyInput): EmptyStateText | null {
  const { status, serverProblem, socket, received, totalNodes, hiddenNodes, namespaces, windowMs, now } = input;
  if (received && totalNodes > 0 && hiddenNodes < totalNodes) return null;
  if (serverProblem !== null) {
    return { title: serverProblem, detail: `The page cannot reach the server that serves it. ${retryIn(socket.retryAt, now)}` };
  }
  if (!received) {
    if (socket.phase !== 'open') {
      const why = socket.lastError ? ` (${socket.lastError})` : '';
      return { title: 'Connecting to the Starmap server…', detail: `The map streams over the page's WebSocket${why}. ${socket.phase === 'closed' ? retryIn(socket.retryAt, now) : ''}`.trim() };
    }
    return { title: 'Loading the service map…', detail: 'The server sends the whole map first, then changes every second.' };
  }
  if (totalNodes > 0) {
    return {
      title: `All ${totalNodes.toLocaleString('en-US')} nodes of this map are hidden`,
      detail: 'Show them again with “Show all” in the toolbar, or remove hide= from the link.',
    };
  }
  const relay = status?.relay;
  if (relay?.phase === 'reconnecting' || relay?.phase === 'connecting') {
    return {
      title: `No flows yet: the relay is ${relay.phase === 'connecting' ? 'not connected yet' : `unreachable (${relay.lastError ?? 'no answer'})`}`,
      detail: `Starmap builds the map from the flows hubble-relay at ${relay.target} streams. The map fills by itself once it answers.`,
    };
  }
  const scope = namespaces.length === 0 ? 'any namespace' : `namespace${namespaces.length > 1 ? 's' : ''} ${quoteList(namespaces)}`;
  return {
    title: `No flows in the last ${windowLabel(windowMs)}`,
    detail: `Hubble reported no traffic to or from ${scope} in this window. Choose a longer window${namespaces.length > 0 ? ' or more namespaces' : ''}, or wait for traffic.`,
  };
}
