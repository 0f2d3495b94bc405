import type { StatusResponse } from '@starmap/core';
import type { SocketState } from '../stream/liveSocket';

export interface EmptyStateInput {
  status: StatusResponse | undefined;
  /** Set when the Starmap server does not answer (see `describeServerProblem`). */
  serverProblem: string | null;
  socket: SocketState;
  namespaces: readonly string[];
  now: number;
}

export interface EmptyStateText {
  title: string;
  detail: string;
}

function retryIn(at: number | null, now: number): string {
  if (at === null) return 'Retrying.';
  const s = Math.max(0, Math.ceil((at - now) / 1000));
  return s > 0 ? `Next try in ${s} s.` : 'Retrying now.';
}

export function quoteList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Why the flows table is empty, and what to do about it: the most fundamental problem first. */
export function emptyFlowsMessage({ status, serverProblem, socket, namespaces, now }: EmptyStateInput): EmptyStateText {
  if (serverProblem !== null) {
    return {
      title: serverProblem,
      detail: `The page cannot reach the server that serves it. ${retryIn(socket.retryAt, now)}`,
    };
  }
  const relay = status?.relay;
  if (relay?.phase === 'reconnecting') {
    return {
      title: `Relay unreachable: ${relay.lastError ?? 'no answer'}`,
      detail: `Starmap keeps retrying ${relay.target} (attempt ${relay.attempt}). Check that hubble-relay runs and that --hubble-server points at it.`,
    };
  }
  if (relay?.phase === 'connecting') {
    return { title: `Connecting to relay ${relay.target}…`, detail: 'Flows appear as soon as the relay answers.' };
  }
  if (socket.phase !== 'open') {
    return socket.lastError
      ? { title: `Live stream disconnected: ${socket.lastError}`, detail: retryIn(socket.retryAt, now) }
      : { title: 'Connecting to the live flow stream…', detail: 'Opening the WebSocket to the Starmap server.' };
  }
  if (namespaces.length > 0) {
    const plural = namespaces.length > 1 ? 'namespaces' : 'namespace';
    return {
      title: `No flows in ${plural} ${quoteList(namespaces)} yet`,
      detail: 'Flows appear when a pod there sends or receives traffic. Choose “All namespaces” to see the whole cluster.',
    };
  }
  if (status?.mode === 'replay') {
    return { title: 'Waiting for the recording to play…', detail: 'Flows appear as the replay reaches them.' };
  }
  return {
    title: 'Waiting for flows from the relay…',
    detail: 'The relay is connected; flows appear here as traffic happens in the cluster.',
  };
}
