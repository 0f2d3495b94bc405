import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { FilterError, type Flow, type ServerMessage } from '@starmap/core';
import { flowQuery, type FlowQuery } from '../sources/flow-query.js';
import { ClientQueue } from '../hub/client-queue.js';
import { DEFAULT_MAP_WINDOW_MS, MAX_MAP_WINDOW_MS, MIN_MAP_WINDOW_MS } from '../hub/map-hub.js';
import type { Services } from '../services.js';
import { STARMAP_VERSION } from '../version.js';
import { NamespaceName } from './validation.js';

export interface StreamOptions {
  /** How often queued flows are sent as one batch. */
  flushIntervalMs: number;
  /** Most flows in one batch message. */
  maxBatch: number;
  /** Most flows queued per client before the oldest are dropped. */
  queueCapacity: number;
  /** Bytes the socket may hold unsent before the client counts as slow and is skipped. */
  maxBufferedBytes: number;
  /** How often status is pushed when it changed. */
  statusIntervalMs: number;
  /** How often datapath modes and the service table are pushed when they changed. */
  servicesIntervalMs: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  flushIntervalMs: 100,
  maxBatch: 2_000,
  queueCapacity: 10_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  statusIntervalMs: 1_000,
  servicesIntervalMs: 2_000,
};

/** Largest message a browser may send; subscriptions are small. */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

const ClientMessageSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('subscribe'),
      id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      namespaces: z.array(NamespaceName).max(100),
      filter: z.string().max(4_096).optional(),
      backfill: z.number().int().min(0).max(5_000).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('map-subscribe'),
      id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      namespaces: z.array(NamespaceName).max(100),
      filter: z.string().max(4_096).optional(),
      windowMs: z.number().int().min(MIN_MAP_WINDOW_MS).max(MAX_MAP_WINDOW_MS).optional(),
    })
    .strict(),
  z.object({ type: z.literal('map-unsubscribe') }).strict(),
  z.object({ type: z.literal('ping'), t: z.number() }).strict(),
]);

/** A flow's JSON, made once however many clients receive it. */
const FLOW_JSON = new WeakMap<Flow, string>();
function flowJson(f: Flow): string {
  let text = FLOW_JSON.get(f);
  if (text === undefined) {
    text = JSON.stringify(f);
    FLOW_JSON.set(f, text);
  }
  return text;
}

function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** One browser's live session: its subscription, its bounded queue, its batches. */
class StreamSession {
  private readonly queue: ClientQueue;
  private subscriptionId = -1;
  private unsubscribe: (() => void) | null = null;
  private unsubscribeMap: (() => void) | null = null;
  /** While a backfill is being fetched, live flows wait in the queue behind it. */
  private holding = false;
  private lastStatus = '';
  private lastDatapath = '';
  private lastServices = '';
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly untrackQueue: () => void;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly services: Services,
    private readonly options: StreamOptions,
  ) {
    this.queue = new ClientQueue(options.queueCapacity);
    services.metrics.websocketClients.inc();
    this.untrackQueue = services.metrics.trackQueue(() => this.queue.length);
    send(socket, { type: 'hello', version: STARMAP_VERSION, mode: services.mode });
    this.pushStatus();
    this.timers.push(setInterval(() => this.flush(), options.flushIntervalMs));
    this.timers.push(setInterval(() => this.pushStatus(), options.statusIntervalMs));
    this.timers.push(setInterval(() => this.pushAgentViews(), options.servicesIntervalMs));
    this.pushAgentViews();
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
  }

  private onMessage(data: unknown, isBinary: boolean): void {
    if (isBinary) return send(this.socket, { type: 'error', message: 'binary messages are not supported; send JSON text' });
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return send(this.socket, { type: 'error', message: 'message is not valid JSON' });
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return send(this.socket, { type: 'error', message: `invalid message: ${issue?.path.join('.') || 'message'}: ${issue?.message}` });
    }
    const msg = parsed.data;
    if (msg.type === 'ping') return send(this.socket, { type: 'pong', t: msg.t });
    let query: FlowQuery;
    try {
      query = flowQuery(msg.type === 'map-unsubscribe' ? undefined : msg.filter, msg.type === 'map-unsubscribe' ? [] : msg.namespaces);
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      return send(this.socket, { type: 'error', message: `filter: ${err.message}` });
    }
    if (msg.type === 'map-subscribe') return this.subscribeMap(msg.id, query, msg.windowMs ?? DEFAULT_MAP_WINDOW_MS);
    if (msg.type === 'map-unsubscribe') {
      this.unsubscribeMap?.();
      this.unsubscribeMap = null;
      return;
    }
    void this.subscribe(msg.id, query, msg.backfill ?? 0);
  }

  private async subscribe(id: number, query: FlowQuery, backfill: number): Promise<void> {
    this.unsubscribe?.();
    this.queue.clear();
    this.subscriptionId = id;
    this.holding = backfill > 0;
    this.unsubscribe = this.services.feeds.subscribe(query, (f) => this.queue.push(f));
    if (backfill === 0) return;
    const result = await this.services.relay.queryFlows(backfill, query);
    if (this.subscriptionId !== id) return; // superseded while fetching
    const seen = new Set(result.flows.map((f) => f.id));
    const live = this.queue.take(Number.MAX_SAFE_INTEGER);
    this.sendFlows(result.flows, 0);
    this.holding = false;
    for (const f of live.flows) if (!seen.has(f.id)) this.queue.push(f);
    this.flush(live.missed);
  }

  /** One map per socket: a new map subscription replaces the previous one. */
  private subscribeMap(id: number, query: FlowQuery, windowMs: number): void {
    this.unsubscribeMap?.();
    this.unsubscribeMap = this.services.maps.subscribe(query, windowMs, (update) => {
      // A map delta that cannot be sent is not queued: the next snapshot will be needed anyway.
      if (update.kind === 'snapshot') send(this.socket, { type: 'map-snapshot', subscription: id, snapshot: update.snapshot });
      else if (update.kind === 'drops') send(this.socket, { type: 'drops', subscription: id, drops: update.drops });
      else if (this.socket.bufferedAmount <= this.options.maxBufferedBytes) send(this.socket, { type: 'map-delta', subscription: id, delta: update.delta });
      else this.resyncMap(id, query, windowMs);
    });
  }

  private resyncPending = false;

  /** A slow client that missed a delta gets a fresh snapshot once it has caught up. */
  private resyncMap(id: number, query: FlowQuery, windowMs: number): void {
    if (this.resyncPending) return;
    this.resyncPending = true;
    const retry = setInterval(() => {
      if (this.socket.readyState !== this.socket.OPEN) return clearInterval(retry);
      if (this.socket.bufferedAmount > this.options.maxBufferedBytes) return;
      clearInterval(retry);
      this.resyncPending = false;
      this.subscribeMap(id, query, windowMs);
    }, 250);
    this.timers.push(retry);
  }

  private sendFlows(flows: Flow[], missed: number): void {
    if (missed > 0) this.services.metrics.clientFlowsDropped.inc(missed);
    if (this.socket.readyState !== this.socket.OPEN) return;
    for (let i = 0; i < flows.length || (i === 0 && missed > 0); i += this.options.maxBatch) {
      const parts = flows.slice(i, i + this.options.maxBatch).map(flowJson);
      // The same as JSON.stringify of a `flows` ServerMessage, built from per-flow JSON shared by all clients.
      this.socket.send(`{"type":"flows","subscription":${this.subscriptionId},"missed":${i === 0 ? missed : 0},"flows":[${parts.join(',')}]}`);
    }
  }

  private flush(extraMissed = 0): void {
    if (this.holding || this.subscriptionId < 0) return;
    // A slow reader keeps its flows queued (bounded, oldest dropped) instead of growing our buffers.
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) return;
    if (this.queue.length === 0 && extraMissed === 0) return;
    // Everything queued goes now (split into messages of maxBatch): a cap per tick would turn
    // any timer slip into queueing delay and dropped flows.
    const { flows, missed } = this.queue.take(Number.MAX_SAFE_INTEGER);
    this.sendFlows(flows, missed + extraMissed);
  }

  private pushStatus(): void {
    const status = this.services.status();
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    this.lastStatus = text;
    send(this.socket, { type: 'status', status });
  }

  /** Datapath modes and the service table (with live backend counts), when they changed. */
  private pushAgentViews(): void {
    const datapath = this.services.agent.datapath();
    const datapathText = JSON.stringify(datapath);
    if (datapathText !== this.lastDatapath) {
      this.lastDatapath = datapathText;
      send(this.socket, { type: 'datapath', datapath });
    }
    const table = this.services.serviceTraffic.response();
    const tableText = JSON.stringify(table);
    if (tableText !== this.lastServices) {
      this.lastServices = tableText;
      send(this.socket, { type: 'services', services: table });
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.services.metrics.websocketClients.dec();
    this.untrackQueue();
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.unsubscribeMap?.();
    this.unsubscribeMap = null;
    this.queue.clear();
  }
}

export async function streamRoutes(app: FastifyInstance, services: Services, options: StreamOptions): Promise<void> {
  app.get('/api/stream', { websocket: true }, (socket) => {
    new StreamSession(socket, services, options);
  });
}
