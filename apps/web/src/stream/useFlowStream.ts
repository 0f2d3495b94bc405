import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Flow } from '@starmap/core';
import { mergeNewestFirst } from './flowBuffer';
import type { SocketState } from './liveSocket';
import { RateWindow } from './rateWindow';
import { useLiveSocket } from './StreamProvider';

export const DEFAULT_FLOW_LIMIT = 10_000;
export const DEFAULT_BACKFILL = 1_000;

export interface FlowStreamView {
  /** Most recent flows, newest first, at most `limit`. */
  flows: readonly Flow[];
  /** Flows received on this subscription (including ones since evicted from `flows`). */
  received: number;
  /** Flows the server dropped for this browser because it read too slowly. */
  missed: number;
  /** Flows per second over the last 10 s. */
  flowsPerSecond: number;
  /** True until the first batch of this subscription arrived. */
  waitingForFirstBatch: boolean;
  socket: SocketState;
}

interface Buffered {
  flows: readonly Flow[];
  received: number;
  missed: number;
  batches: number;
}

const EMPTY: Buffered = { flows: [], received: 0, missed: 0, batches: 0 };

/**
 * Live flows of the given namespaces (empty = all). A new namespace selection or filter starts a new
 * subscription and an empty list. Batches are gathered and applied once per animation frame.
 */
export function useFlowStream(
  namespaces: readonly string[],
  {
    limit = DEFAULT_FLOW_LIMIT,
    backfill = DEFAULT_BACKFILL,
    filter = '',
  }: { limit?: number; backfill?: number; /** Hubble-CLI filter text beside the namespaces. */ filter?: string } = {},
): FlowStreamView {
  const socket = useLiveSocket();
  const socketState = useSyncExternalStore(socket.onStateChange, socket.getState);
  const [buffered, setBuffered] = useState<Buffered>(EMPTY);
  const [flowsPerSecond, setFlowsPerSecond] = useState(0);
  const rate = useRef(new RateWindow());

  // A stable key, so a new array with the same names does not resubscribe.
  const selectionKey = useMemo(() => JSON.stringify([[...namespaces].sort(), filter.trim()]), [namespaces, filter]);

  useEffect(() => {
    const [selected, selectedFilter] = JSON.parse(selectionKey) as [string[], string];
    let pending: Flow[] = [];
    let pendingMissed = 0;
    let pendingBatches = 0;
    let frame: number | null = null;
    rate.current = new RateWindow();
    setBuffered(EMPTY);
    setFlowsPerSecond(0);

    const flush = () => {
      frame = null;
      const flows = pending;
      const missed = pendingMissed;
      const batches = pendingBatches;
      pending = [];
      pendingMissed = 0;
      pendingBatches = 0;
      setBuffered((prev) => ({
        flows: mergeNewestFirst(prev.flows, flows, limit),
        received: prev.received + flows.length,
        missed: prev.missed + missed,
        batches: prev.batches + batches,
      }));
    };

    const unsubscribe = socket.subscribe({
      namespaces: selected,
      filter: selectedFilter,
      backfill,
      onBatch: (flows, missed) => {
        rate.current.record(
          flows.map((f) => f.ts),
          Date.now(),
        );
        pending = pending.concat(flows);
        // A hidden tab gets no animation frames: keep only what the list could show anyway.
        if (pending.length > limit * 2) pending = pending.slice(pending.length - limit);
        pendingMissed += missed;
        pendingBatches += 1;
        frame ??= requestAnimationFrame(flush);
      },
    });

    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [socket, selectionKey, limit, backfill]);

  useEffect(() => {
    const tick = () => setFlowsPerSecond(rate.current.perSecond(Date.now()));
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [selectionKey]);

  return {
    flows: buffered.flows,
    received: buffered.received,
    missed: buffered.missed,
    flowsPerSecond,
    waitingForFirstBatch: buffered.batches === 0,
    socket: socketState,
  };
}
