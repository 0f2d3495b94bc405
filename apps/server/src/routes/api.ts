import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { flowToJson } from '@starmap/proto';
import { type DatapathResponse, type FlowsResponse, type NamespacesResponse, type ServicesResponse } from '@starmap/core';
import type { Services } from '../services.js';
import { DEFAULT_MAP_WINDOW_MS, MAX_MAP_WINDOW_MS, MIN_MAP_WINDOW_MS } from '../hub/map-hub.js';
import { flowQuery } from '../sources/flow-query.js';
import { durationMs, FilterText, NamespaceList, queryOrBadRequest, sendBadRequest } from './validation.js';

const FlowsQuery = z
  .object({
    namespace: NamespaceList,
    filter: FilterText,
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(10_000, 'limit must be at most 10000')
      .default(100),
  })
  .strict();

const MapQuery = z
  .object({
    namespace: NamespaceList,
    filter: FilterText,
    window: durationMs(MIN_MAP_WINDOW_MS, MAX_MAP_WINDOW_MS).optional(),
  })
  .strict();

const FlowIdParams = z.object({ id: z.string().min(1).max(512) });

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'ExternalIPs', 'LoadBalancer', 'HostPort', 'LocalRedirect'] as const;

const ServicesQuery = z
  .object({
    namespace: NamespaceList,
    type: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean)))
      .pipe(
        z.array(
          z.string().refine((t) => SERVICE_TYPES.some((k) => k.toLowerCase() === t.toLowerCase()), {
            message: `type must be one of ${SERVICE_TYPES.join(', ')}`,
          }),
        ),
      ),
  })
  .strict();

/** REST snapshots: status, namespaces, recent flows, one flow's original JSON, services, datapath. */
export async function apiRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/api/status', async () => services.status());

  app.get('/api/namespaces', async (): Promise<NamespacesResponse> => {
    const { namespaces } = await services.relay.namespaces();
    return { namespaces };
  });

  app.get('/api/flows', async (request, reply) => {
    const parsed = FlowsQuery.safeParse(request.query);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const { namespace, limit, filter } = parsed.data;
    const query = queryOrBadRequest(reply, () => flowQuery(filter, namespace));
    if (!query) return reply;
    const result = await services.relay.queryFlows(limit, query);
    const body: FlowsResponse = { flows: result.flows, source: result.source };
    return body;
  });

  app.get('/api/services', async (request, reply) => {
    const parsed = ServicesQuery.safeParse(request.query);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const body: ServicesResponse = services.serviceTraffic.response({ namespaces: parsed.data.namespace, types: parsed.data.type });
    return body;
  });

  app.get('/api/map', async (request, reply) => {
    const parsed = MapQuery.safeParse(request.query);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const query = queryOrBadRequest(reply, () => flowQuery(parsed.data.filter, parsed.data.namespace));
    if (!query) return reply;
    return services.maps.snapshot(query, parsed.data.window ?? DEFAULT_MAP_WINDOW_MS);
  });

  app.get('/api/drops', async (request, reply) => {
    const parsed = MapQuery.safeParse(request.query);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const query = queryOrBadRequest(reply, () => flowQuery(parsed.data.filter, parsed.data.namespace));
    if (!query) return reply;
    return services.maps.drops(query, parsed.data.window ?? DEFAULT_MAP_WINDOW_MS);
  });

  app.get('/api/datapath', async (): Promise<DatapathResponse> => services.agent.datapath());

  app.get('/api/flows/:id', async (request, reply) => {
    const parsed = FlowIdParams.safeParse(request.params);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const original = services.relay.original(parsed.data.id);
    if (!original) {
      return reply.code(404).send({ error: 'not_found', message: `flow ${parsed.data.id} is no longer in the server's buffer of recent flows` });
    }
    return flowToJson(original);
  });
}
