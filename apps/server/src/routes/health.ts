import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/**
 * Liveness says the process serves HTTP; readiness says it has a working relay stream, so a
 * Service only sends browsers to replicas that can show flows.
 */
export async function healthRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const relay = services.relay.connection();
    if (relay.phase === 'connected') return { status: 'ready', relay: relay.target };
    return reply.code(503).send({ status: 'not_ready', relay: relay.target, phase: relay.phase, lastError: relay.lastError });
  });
}
