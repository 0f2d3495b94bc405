import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DropsSummary } from '@starmap/core';
import { getJson } from '../api/http';
import { queryKeys } from '../api/queries';
import { useLiveSocket } from '../stream/StreamProvider';

export interface DropsState {
  summary: DropsSummary | null;
  error: string | null;
}

export const DROPS_POLL_MS = 3_000;
/** While the panel is closed only the toggle's count needs it: the server rebuilds it from its ring per call, so ask seldom. */
export const DROPS_POLL_CLOSED_MS = 15_000;

/**
 * Drop counts for the shared filter. Beside the map they arrive with the map's own subscription
 * (same filter, same window, pushed when they change); elsewhere they are polled from
 * `/api/drops`.
 */
export function useDrops(
  {
    restText,
    namespaces,
    windowLabel,
    live,
    enabled,
    open,
  }: { restText: string; namespaces: readonly string[]; windowLabel: string; live: boolean; enabled: boolean; open: boolean },
): DropsState {
  const socket = useLiveSocket();
  const key = JSON.stringify([restText, [...namespaces].sort(), windowLabel]);
  const [pushed, setPushed] = useState<{ key: string; summary: DropsSummary } | null>(null);

  useEffect(() => {
    if (!live || !enabled) return;
    return socket.onMessage((message) => {
      // Only the drops of the map subscription in force; older ones describe another filter.
      if (message.type !== 'drops' || message.subscription !== socket.mapSubscriptionId) return;
      setPushed({ key, summary: message.drops });
    });
  }, [socket, live, enabled, key]);

  const polled = useQuery({
    queryKey: [...queryKeys.all, 'drops', key] as const,
    queryFn: ({ signal }) =>
      getJson<DropsSummary>('api/drops', { filter: restText || undefined, namespace: [...namespaces], window: windowLabel }, signal),
    enabled: enabled && !live,
    refetchInterval: open ? DROPS_POLL_MS : DROPS_POLL_CLOSED_MS,
    retry: false,
  });

  if (live) return { summary: pushed && pushed.key === key ? pushed.summary : null, error: null };
  return { summary: polled.data ?? null, error: polled.error ? polled.error.message : null };
}
