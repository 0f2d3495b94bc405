import { useQuery } from '@tanstack/react-query';
import type { DatapathResponse, NamespacesResponse, ServicesResponse, StatusResponse } from '@starmap/core';
import { getJson } from './http';

/** Every React Query key of the app comes from here, so invalidation and socket pushes agree. */
export const queryKeys = {
  all: ['starmap'] as const,
  status: () => [...queryKeys.all, 'status'] as const,
  namespaces: () => [...queryKeys.all, 'namespaces'] as const,
  flowDetail: (id: string) => [...queryKeys.all, 'flow', id] as const,
  /** The whole, unfiltered service table (the socket pushes it unfiltered; the browser filters). */
  services: () => [...queryKeys.all, 'services'] as const,
  datapath: () => [...queryKeys.all, 'datapath'] as const,
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

/**
 * Service → backend table with live per-backend counts. The socket pushes it every few seconds
 * when it changed; the slow poll only covers a socket that is down.
 */
export function useServices() {
  return useQuery({
    queryKey: queryKeys.services(),
    queryFn: ({ signal }) => getJson<ServicesResponse>('api/services', undefined, signal),
    refetchInterval: 15_000,
    retry: false,
  });
}

/** Datapath modes per agent for the header badges; also refreshed by `datapath` pushes. */
export function useDatapath() {
  return useQuery({
    queryKey: queryKeys.datapath(),
    queryFn: ({ signal }) => getJson<DatapathResponse>('api/datapath', undefined, signal),
    refetchInterval: 30_000,
    retry: false,
  });
}
