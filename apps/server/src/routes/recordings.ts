import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RecordingLimitError, MAX_RECORDING_MS } from '../recording/manager.js';
import { flowQuery } from '../sources/flow-query.js';
import type { Services } from '../services.js';
import { NamespaceName, queryOrBadRequest, sendBadRequest } from './validation.js';

const StartBody = z
  .object({
    filter: z.string().max(4_096).optional(),
    namespaces: z.array(NamespaceName).max(100).optional(),
    maxDurationMs: z.number().int().min(1_000).max(MAX_RECORDING_MS).optional(),
  })
  .strict();

const IdParams = z.object({ id: z.string().uuid('not a recording id') });

/** Record from the browser: start, watch, stop, download. */
export async function recordingRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const recordings = services.recordings;

  app.get('/api/recordings', async () => ({ recordings: recordings.list() }));

  app.post('/api/recordings', async (request, reply) => {
    const parsed = StartBody.safeParse(request.body ?? {});
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const query = queryOrBadRequest(reply, () => flowQuery(parsed.data.filter, parsed.data.namespaces ?? []));
    if (!query) return reply;
    try {
      return reply.code(201).send(recordings.start(query, parsed.data.filter ?? '', parsed.data.maxDurationMs));
    } catch (err) {
      if (err instanceof RecordingLimitError) return reply.code(429).send({ error: 'too_many_recordings', message: err.message });
      throw err;
    }
  });

  app.get('/api/recordings/:id', async (request, reply) => {
    const params = IdParams.safeParse(request.params);
    if (!params.success) return sendBadRequest(reply, params.error);
    return recordings.status(params.data.id) ?? reply.code(404).send({ error: 'not_found', message: 'no such recording on this server' });
  });

  app.post('/api/recordings/:id/stop', async (request, reply) => {
    const params = IdParams.safeParse(request.params);
    if (!params.success) return sendBadRequest(reply, params.error);
    return (await recordings.stop(params.data.id)) ?? reply.code(404).send({ error: 'not_found', message: 'no such recording on this server' });
  });

  app.get('/api/recordings/:id/download', async (request, reply) => {
    const params = IdParams.safeParse(request.params);
    if (!params.success) return sendBadRequest(reply, params.error);
    const file = recordings.file(params.data.id);
    if (!file) return reply.code(404).send({ error: 'not_found', message: 'no stopped recording with this id on this server' });
    return reply
      .type('application/gzip')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(createReadStream(file.path));
  });
}
