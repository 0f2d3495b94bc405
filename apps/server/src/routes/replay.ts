import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ReplayStatus } from '@starmap/core';
import { MAX_SPEED, MIN_SPEED } from '@starmap/sim';
import { replayStatus, type Services } from '../services.js';
import { sendBadRequest } from './validation.js';

const ReplayCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play') }).strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('seek'), time: z.number().finite() }).strict(),
  z.object({ action: z.literal('speed'), speed: z.number().min(MIN_SPEED).max(MAX_SPEED) }).strict(),
  z.object({ action: z.literal('loop'), loop: z.boolean() }).strict(),
]);

/** The replay timeline: where it stands, and play/pause/seek/speed/loop. */
export async function replayRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/api/replay', async (_request, reply) => {
    if (!services.replay) return reply.code(404).send({ error: 'not_found', message: 'not replaying a recording (start with --replay FILE)' });
    return replayStatus(services.replay.feed, services.replay.file);
  });

  app.post('/api/replay', async (request, reply) => {
    const replay = services.replay;
    if (!replay) return reply.code(409).send({ error: 'conflict', message: 'not replaying a recording (start with --replay FILE)' });
    const parsed = ReplayCommandSchema.safeParse(request.body);
    if (!parsed.success) return sendBadRequest(reply, parsed.error);
    const command = parsed.data;
    const feed = replay.feed;
    if (command.action === 'play') feed.play();
    else if (command.action === 'pause') feed.pause();
    else if (command.action === 'speed') feed.setSpeed(command.speed);
    else if (command.action === 'loop') feed.setLoop(command.loop);
    else {
      const { start, end } = feed.position();
      if (command.time < start || command.time > end) {
        return reply.code(400).send({ error: 'bad_request', message: `time must lie within the recording (${new Date(start).toISOString()} – ${new Date(end).toISOString()})` });
      }
      feed.seek(command.time);
      // The map shows the recording from the new position, not a blend of two times.
      services.maps.reset();
    }
    const body: ReplayStatus = replayStatus(feed, replay.file);
    return body;
  });
}
