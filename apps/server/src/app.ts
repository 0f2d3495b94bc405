import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { Services } from './services.js';
import { installAccessGate, type AccessGate } from './access-gate.js';
import { apiRoutes } from './routes/api.js';
import { healthRoutes } from './routes/health.js';
import { recordingRoutes } from './routes/recordings.js';
import { replayRoutes } from './routes/replay.js';
import { DEFAULT_STREAM_OPTIONS, MAX_CLIENT_MESSAGE_BYTES, streamRoutes, type StreamOptions } from './routes/stream.js';

export interface AppOptions {
  services: Services;
  /** Folder of the built web app; not served when missing (API-only, e.g. in tests). */
  webDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  stream?: Partial<StreamOptions>;
  /** Path prefix behind an Ingress ('' for none), e.g. '/starmap'. */
  basePath?: string;
  gate?: AccessGate | null;
  https?: { key: Buffer; cert: Buffer } | null;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  websocket: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Scripts only from our own origin (the built app has no inline script); React Flow and the
// login page set styles inline; the map's PNG export draws through data:/blob: images.
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** The whole HTTP surface as one Fastify instance; `cli.ts` only starts it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const basePath = options.basePath ?? '';
  const configuredWebDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  const webDir = configuredWebDir && existsSync(configuredWebDir) ? configuredWebDir : null;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  // Every route, for the test that checks the access gate holds on each of them.
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, websocket: Boolean((route as { websocket?: boolean }).websocket) });
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // HSTS only makes sense when we serve HTTPS ourselves.
    strictTransportSecurity: options.https ? undefined : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 4 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES } });
  if (options.gate) await installAccessGate(app, options.gate, basePath, Boolean(options.https));

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

  await app.register(
    async (scope) => {
      await healthRoutes(scope, options.services);
      await apiRoutes(scope, options.services);
      await streamRoutes(scope, options.services, { ...DEFAULT_STREAM_OPTIONS, ...options.stream });
      await replayRoutes(scope, options.services);
      await recordingRoutes(scope, options.services);
      scope.get('/metrics', async (_request, reply) => {
        const registry = options.services.metrics.registry;
        return reply.type(registry.contentType).send(await registry.metrics());
      });
      if (webDir) await scope.register(fastifyStatic, { root: webDir, index: ['index.html'], wildcard: false });
    },
    { prefix: basePath },
  );
  if (basePath) {
    // The app's assets are relative to its page, so '/starmap' must become '/starmap/'.
    app.addHook('onRequest', async (request, reply) => {
      const [path, query] = request.url.split('?', 2);
      if (path === basePath) return reply.redirect(`${basePath}/${query ? `?${query}` : ''}`, 308);
    });
  }
  return app;
}
