import { useEffect, useMemo, useState } from 'react';
import { applyDelta, ServiceMapSequenceError, type ServiceMapSnapshot } from '@starmap/core';
import { useActiveFilterText } from '../filters/FilterContext';
import { useLiveSocket } from '../stream/StreamProvider';

export interface ServiceMapState {
  /** The map as of the last snapshot plus deltas; null until the server sent one. */
  map: ServiceMapSnapshot | null;
  /** Times the map had to be fetched again because a delta was missed. */
  resyncs: number;
}

const EMPTY: ServiceMapState = { map: null, resyncs: 0 };

/**
 * The live service map of the given namespaces (empty = all) over `windowMs`: a snapshot from
 * the server, kept current with its deltas. A delta out of sequence asks for a new snapshot.
 */
export function useServiceMap(namespaces: readonly string[], windowMs: number): ServiceMapState {
  const socket = useLiveSocket();
  const [state, setState] = useState<ServiceMapState>(EMPTY);
  // The shared filter (hubble-CLI flags beside the namespaces) narrows the map too.
  const filter = useActiveFilterText();
  const key = useMemo(() => JSON.stringify([[...namespaces].sort(), filter.trim()]), [namespaces, filter]);

  useEffect(() => {
    const [selected, selectedFilter] = JSON.parse(key) as [string[], string];
    setState(EMPTY);
    let current: ServiceMapSnapshot | null = null;
    let waitingForSnapshot = true;
    const unsubscribe = socket.subscribeMap({
      namespaces: selected,
      filter: selectedFilter,
      windowMs,
      onSnapshot: (snapshot) => {
        current = snapshot;
        waitingForSnapshot = false;
        setState((prev) => ({ ...prev, map: snapshot }));
      },
      onDelta: (delta) => {
        if (waitingForSnapshot || !current) return;
        try {
          current = applyDelta(current, delta);
        } catch (err) {
          if (!(err instanceof ServiceMapSequenceError)) throw err;
          // Keep showing the last good map until the fresh snapshot arrives.
          waitingForSnapshot = true;
          socket.renewMap();
          setState((prev) => ({ ...prev, resyncs: prev.resyncs + 1 }));
          return;
        }
        const next = current;
        setState((prev) => ({ ...prev, map: next }));
      },
    });
    return unsubscribe;
  }, [socket, key, windowMs]);

  return state;
}
