/**
 * Test data for the service table helpers: the real `cilium service list -o json` output in
 * ../shared/real-data (read from there, never copied), turned into rows the way the server does
 * it, with per-backend counts the tests choose.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeServiceList, parseServiceList, type ServiceWithTraffic, type ServicesResponse } from '@starmap/core';

const REAL_SERVICE_LIST = fileURLToPath(new URL('../../../../../shared/real-data/cilium-cli/service-list-1.15plus.json', import.meta.url));

/** Rows of the real service list; `flowsByBackend` sets counts per backend address (`10.0.0.220:53/UDP`). */
export function realServices(flowsByBackend: Record<string, number> = {}): ServiceWithTraffic[] {
  const parsed = parseServiceList(JSON.parse(readFileSync(REAL_SERVICE_LIST, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return normalizeServiceList(parsed.value).rows.map((row) => {
    const backends = row.backends.map((b) => ({ ...b, flows: flowsByBackend[b.address] ?? 0, drops: 0, lastSeen: null }));
    return { ...row, backends, flows: backends.reduce((n, b) => n + b.flows, 0), drops: 0 };
  });
}

export function responseWith(services: ServiceWithTraffic[], over: Partial<ServicesResponse> = {}): ServicesResponse {
  return {
    source: { endpoint: 'GET /v1/service', target: 'unix:/var/run/cilium/cilium.sock', updatedAt: '2026-01-10T12:01:03.000Z' },
    error: null,
    windowMs: 300_000,
    services,
    warnings: [],
    ...over,
  };
}
