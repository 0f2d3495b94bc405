import { useQuery } from '@tanstack/react-query';
import type { NamespacesResponse, StatusResponse } from '@starmap/core';
import { getJson } from './http';

/** Every React Query key of the app comes from here, so invalidation and socket pushes agree. */
export const queryKeys = {
  all: ['starmap'] as const,
  status: () => [...queryKeys.all, 'status'] as const,
  namespaces: () => [...queryKeys.all, 'namespaces'] as const,
  flowDetail: (id: string) => [...queryKeys.all, 'flow', id] as const,
};

export const STATUS_POLL_MS = 2_000;

/** Relay/agent connection state; polled, and also refreshed by `status` pushes on the socket. */
export function useStatus() {
  return useQuery({
    queryKey: queryKeys.status(),
    queryFn: ({ signal }) => getJson<StatusResponse>('api/status', undefined, signal),
    refetchInterval: STATUS_POLL_MS,
    retry: false,
  });
}

export function useNamespaces() {
  return useQuery({
    queryKey: queryKeys.namespaces(),
    queryFn: ({ signal }) => getJson<NamespacesResponse>('api/namespaces', undefined, signal),
    refetchInterval: 15_000,
  });
}

/** The original flow exactly as Hubble printed it (`hubble observe -o jsonpb`). */
export function useRawFlow(id: string | null) {
  return useQuery({
    queryKey: queryKeys.flowDetail(id ?? ''),
    queryFn: ({ signal }) => getJson<unknown>(`api/flows/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: id !== null,
    staleTime: Infinity,
    retry: false,
  });
}
