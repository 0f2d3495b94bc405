import type { ClientMessage, Flow, ServerMessage, ServiceMapDelta, ServiceMapSnapshot } from '@starmap/core';
import { reconnectDelayMs } from './backoff';

/** The part of the browser's WebSocket we use; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type SocketPhase = 'connecting' | 'open' | 'closed';

export interface SocketState {
  phase: SocketPhase;
  /** Consecutive failed connections; 0 once the server said hello. */
  attempt: number;
  /** Browser time (ms) of the next attempt while closed. */
  retryAt: number | null;
  lastError: string | null;
}

export interface FlowSubscription {
  namespaces: readonly string[];
  /** Hubble-CLI filter text beside the namespaces (`--verdict DROPPED --to-port 443`); none when empty. */
  filter?: string;
  backfill: number;
  onBatch: (flows: Flow[], missed: number) => void;
}

export interface MapSubscription {
  /** Empty = all namespaces. */
  namespaces: readonly string[];
  /** Hubble-CLI filter text beside the namespaces; none when empty. */
  filter?: string;
  /** Sliding window of the map; the server's default (5 min) when absent. */
  windowMs?: number;
  /** The whole map: once per subscription, and again after every renewal. */
  onSnapshot: (snapshot: ServiceMapSnapshot) => void;
  /** Changes since the previous snapshot or delta. */
  onDelta: (delta: ServiceMapDelta) => void;
}

export interface LiveSocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  now?: () => number;
  /** A connection with no message for this long is presumed dead and replaced. */
  idleTimeoutMs?: number;
  pingIntervalMs?: number;
}

const CONNECTING = 0;
const OPEN = 1;

/**
 * The one WebSocket of the app. Reconnects with backoff when it closes; holds at most one
 * flow subscription (the newest `subscribe` wins) and at most one map subscription (the newest
 * `subscribeMap` wins), and renews both, under fresh ids, on every new connection. Messages
 * tagged with any other id are stale and dropped.
 */
export class LiveSocket {
  private socket: SocketLike | null = null;
  private running = false;
  private state: SocketState = { phase: 'closed', attempt: 0, retryAt: null, lastError: null };
  private subscription: (FlowSubscription & { id: number }) | null = null;
  private mapSubscription: (MapSubscription & { id: number }) | null = null;
  private nextSubscriptionId = 1;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;
  private readonly stateListeners = new Set<() => void>();
  private readonly messageListeners = new Set<(message: ServerMessage) => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly idleTimeoutMs: number;
  private readonly pingIntervalMs: number;

  constructor(private readonly options: LiveSocketOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
    this.pingIntervalMs = options.pingIntervalMs ?? 15_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      // Closing a socket that is still connecting makes browsers log a warning; let it open first.
      if (socket.readyState === CONNECTING) socket.onopen = () => socket.close(1000, 'client stopped');
      else socket.close(1000, 'client stopped');
    }
    this.setState({ phase: 'closed', attempt: 0, retryAt: null, lastError: null });
  }

  getState = (): SocketState => this.state;

  /** For `useSyncExternalStore`. */
  onStateChange = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  onMessage(listener: (message: ServerMessage) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** Replaces the current flow subscription; the returned function ends it. */
  subscribe(subscription: FlowSubscription): () => void {
    const current = { ...subscription, id: this.nextSubscriptionId++ };
    this.subscription = current;
    this.sendSubscription();
    return () => {
      if (this.subscription === current) this.subscription = null;
    };
  }

  /** Id of the live subscription, for tests and diagnostics. */
  get subscriptionId(): number | null {
    return this.subscription?.id ?? null;
  }

  /** Replaces the current map subscription; the returned function ends it. */
  subscribeMap(subscription: MapSubscription): () => void {
    const current = { ...subscription, id: this.nextSubscriptionId++ };
    this.mapSubscription = current;
    this.sendMapSubscription();
    return () => {
      if (this.mapSubscription !== current) return;
      this.mapSubscription = null;
      this.send({ type: 'map-unsubscribe' });
    };
  }

  /**
   * Asks for a fresh snapshot of the current map under a new id, for a receiver that lost track
   * (a delta out of sequence). Messages still in flight for the old id are dropped.
   */
  renewMap(): void {
    if (!this.mapSubscription) return;
    this.mapSubscription = { ...this.mapSubscription, id: this.nextSubscriptionId++ };
    this.sendMapSubscription();
  }

  /** Id of the live map subscription, for tests and diagnostics. */
  get mapSubscriptionId(): number | null {
    return this.mapSubscription?.id ?? null;
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    this.setState({ ...this.state, phase: 'connecting', retryAt: null });
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch (err) {
      this.scheduleReconnect(`cannot open ${this.options.url}: ${(err as Error).message}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.lastMessageAt = this.now();
      this.setState({ ...this.state, phase: 'open', retryAt: null });
      this.startPings();
      if (this.subscription) this.subscription = { ...this.subscription, id: this.nextSubscriptionId++ };
      this.sendSubscription();
      if (this.mapSubscription) this.mapSubscription = { ...this.mapSubscription, id: this.nextSubscriptionId++ };
      this.sendMapSubscription();
    };
    socket.onmessage = (event) => this.handleMessage(event.data);
    socket.onerror = () => {
      // Browsers give no detail here; the close event that follows carries the code.
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      detach(socket);
      this.socket = null;
      this.stopPings();
      const why = event.reason ? `${event.reason} (code ${event.code})` : `connection closed (code ${event.code})`;
      this.scheduleReconnect(why);
    };
  }

  private scheduleReconnect(error: string): void {
    if (!this.running) return;
    const attempt = this.state.attempt + 1;
    const delay = reconnectDelayMs(attempt, this.random);
    this.setState({ phase: 'closed', attempt, retryAt: this.now() + delay, lastError: error });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private handleMessage(data: unknown): void {
    this.lastMessageAt = this.now();
    if (typeof data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'hello':
        // Only a server that answers counts as a success; a socket that opens and drops must keep backing off.
        if (this.state.attempt !== 0 || this.state.lastError !== null) {
          this.setState({ ...this.state, attempt: 0, lastError: null });
        }
        break;
      case 'flows': {
        const sub = this.subscription;
        if (sub && message.subscription === sub.id && Array.isArray(message.flows)) {
          sub.onBatch(message.flows, typeof message.missed === 'number' ? message.missed : 0);
        }
        break;
      }
      case 'map-snapshot': {
        const sub = this.mapSubscription;
        if (sub && message.subscription === sub.id && isObject(message.snapshot)) sub.onSnapshot(message.snapshot);
        break;
      }
      case 'map-delta': {
        const sub = this.mapSubscription;
        if (sub && message.subscription === sub.id && isObject(message.delta)) sub.onDelta(message.delta);
        break;
      }
      case 'error':
        this.setState({ ...this.state, lastError: `server: ${message.message}` });
        break;
      default:
        break;
    }
    for (const listener of this.messageListeners) listener(message);
  }

  private sendSubscription(): void {
    const sub = this.subscription;
    if (!sub) return;
    this.send({ type: 'subscribe', id: sub.id, namespaces: [...sub.namespaces], ...filterField(sub.filter), backfill: sub.backfill });
  }

  private sendMapSubscription(): void {
    const sub = this.mapSubscription;
    if (!sub) return;
    const windowMs = sub.windowMs === undefined ? {} : { windowMs: sub.windowMs };
    this.send({ type: 'map-subscribe', id: sub.id, namespaces: [...sub.namespaces], ...filterField(sub.filter), ...windowMs });
  }

  private send(message: ClientMessage): void {
    const socket = this.socket;
    if (socket && socket.readyState === OPEN) socket.send(JSON.stringify(message));
  }

  private startPings(): void {
    this.stopPings();
    this.pingTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket) return;
      if (this.now() - this.lastMessageAt > this.idleTimeoutMs) {
        // Half-open connections never fire `close` on their own.
        socket.close(4000, 'no message from server');
        socket.onclose?.({ code: 4000, reason: 'no message from server' } as CloseEvent);
        return;
      }
      this.send({ type: 'ping', t: this.now() });
    }, this.pingIntervalMs);
  }

  private stopPings(): void {
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopPings();
  }

  private setState(next: SocketState): void {
    this.state = next;
    for (const listener of this.stateListeners) listener();
  }
}

function filterField(filter: string | undefined): { filter?: string } {
  return filter && filter.trim() !== '' ? { filter } : {};
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function detach(socket: SocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
