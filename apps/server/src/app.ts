import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { Services } from './services.js';
import { apiRoutes } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { DEFAULT_STREAM_OPTIONS, MAX_CLIENT_MESSAGE_BYTES, streamRoutes, type StreamOptions } from './routes/stream.js';

export interface AppOptions {
  services: Services;
  /** Folder of the built web app; not served when missing (API-only, e.g. in tests). */
  webDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  stream?: Partial<StreamOptions>;
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The whole HTTP surface as one Fastify instance; `cli.ts` only starts it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES } });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(statusCode).send({
      error: statusCode >= 500 ? 'internal_error' : 'bad_request',
      message: statusCode >= 500 ? 'internal error; see the server log' : error.message,
    });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` });
  });

  await app.register(async (scope) => {
    await healthRoutes(scope, options.services);
    await apiRoutes(scope, options.services);
    await streamRoutes(scope, options.services, { ...DEFAULT_STREAM_OPTIONS, ...options.stream });
  });

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir && existsSync(webDir)) {
    await app.register(fastifyStatic, { root: webDir, index: ['index.html'], wildcard: false });
  }
  return app;
}
