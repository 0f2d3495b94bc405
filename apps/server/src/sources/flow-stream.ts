import type * as grpc from '@grpc/grpc-js';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { flow, observer } from '@starmap/proto';
import { timestampToMillis, millisToTimestamp, type ConnectionPhase } from '@starmap/core';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '../util/backoff.js';
import { describeGrpcError, type ObserverClient, type ReceivedResponse } from './relay-client.js';

const RESUME_SLACK_MS = 2_000;
const RECENT_ID_CAPACITY = 20_000;

/** A fixed-size set of the most recently added ids. */
class RecentIds {
  private readonly ring: string[];
  private readonly set = new Set<string>();
  private next = 0;
  constructor(private readonly capacity: number) {
    this.ring = new Array<string>(capacity);
  }
  has(id: string): boolean {
    return this.set.has(id);
  }
  add(id: string): void {
    const old = this.ring[this.next];
    if (old !== undefined) this.set.delete(old);
    this.ring[this.next] = id;
    this.set.add(id);
    this.next = (this.next + 1) % this.capacity;
  }
}

export interface FlowStreamState {
  phase: ConnectionPhase;
  since: Date;
  attempt: number;
  lastError: string | null;
  nextRetryAt: Date | null;
  flowsReceived: number;
  lostEvents: number;
  /** Reconnects scheduled since start (for metrics). */
  reconnects: number;
}

export interface FlowStreamOptions {
  client: ObserverClient;
  /** Address, for messages. */
  target: string;
  /** Filters for the relay; `follow` is always set. */
  whitelist?: flow.IFlowFilter[];
  blacklist?: flow.IFlowFilter[];
  /** A flow and the encoded GetFlowsResponse it arrived in. */
  onFlow: (f: flow.IFlow, bytes: Buffer) => void;
  /**
   * Whether a flow id was already delivered, for the overlap after a reconnect. Without it the
   * stream remembers recent ids itself; the relay source asks its ring instead, which costs the
   * hot path nothing.
   */
  seen?: (id: string) => boolean;
  onState?: (state: FlowStreamState) => void;
  backoff?: BackoffOptions;
}

/**
 * One `GetFlows(follow)` stream that survives relay restarts: it reconnects with capped backoff
 * and asks for the flows it missed (`since` the last one it saw), skipping the ones it already had.
 */
export class FlowStream {
  private call: grpc.ClientReadableStream<ReceivedResponse> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private maxTs = 0;
  /** Flows at or before this time without a uuid are replays after a reconnect. */
  private resumeBoundary = 0;
  private readonly recentIds = new RecentIds(RECENT_ID_CAPACITY);
  private readonly stateValue: FlowStreamState = {
    phase: 'connecting',
    since: new Date(),
    attempt: 0,
    lastError: null,
    nextRetryAt: null,
    flowsReceived: 0,
    lostEvents: 0,
    reconnects: 0,
  };

  constructor(private readonly options: FlowStreamOptions) {}

  get state(): Readonly<FlowStreamState> {
    return this.stateValue;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const call = this.call;
    this.call = null;
    call?.cancel();
  }

  private setPhase(phase: ConnectionPhase, patch: Partial<FlowStreamState> = {}): void {
    const changed = this.stateValue.phase !== phase;
    Object.assign(this.stateValue, patch, { phase });
    if (changed) this.stateValue.since = new Date();
    this.options.onState?.(this.stateValue);
  }

  private connect(): void {
    if (this.stopped) return;
    const request: observer.IGetFlowsRequest = {
      follow: true,
      whitelist: this.options.whitelist ?? [],
      blacklist: this.options.blacklist ?? [],
    };
    if (this.maxTs > 0) {
      // Relays merge several nodes' streams, so order is loose: ask for a little more and dedupe.
      request.since = millisToTimestamp(this.maxTs - RESUME_SLACK_MS);
      this.resumeBoundary = this.maxTs;
    }
    // No waitForReady: a relay that cannot be reached fails the call at once with the reason
    // (refused, TLS handshake, DNS), which is what the user needs to see.
    const call = this.options.client.GetFlows(request);
    this.call = call;
    const connected = () => {
      if (this.call === call && this.stateValue.phase !== 'connected') {
        this.setPhase('connected', { attempt: 0, lastError: null, nextRetryAt: null });
      }
    };
    call.on('metadata', connected);
    call.on('data', (received: ReceivedResponse) => {
      connected();
      this.receive(received.response, received.bytes);
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (this.call !== call) return;
      this.call = null;
      if (this.stopped && err.code === grpcStatus.CANCELLED) return;
      const wasConnected = this.stateValue.phase === 'connected';
      // CANCELLED that we did not ask for means the relay went away mid-stream.
      const why = err.code === grpcStatus.CANCELLED ? 'the relay closed the connection' : describeGrpcError(err);
      this.scheduleRetry(
        new Error(wasConnected ? `lost the flow stream from ${this.options.target}: ${why}` : `relay ${this.options.target} unreachable: ${why}`),
      );
    });
    call.on('end', () => {
      if (this.call !== call) return;
      this.call = null;
      this.scheduleRetry(new Error('the relay ended the flow stream'));
    });
  }

  private receive(response: observer.GetFlowsResponse, bytes: Buffer): void {
    const f = response.flow;
    if (!f) {
      if (response.lost_events) this.stateValue.lostEvents += Number(response.lost_events.num_events_lost ?? 0);
      return;
    }
    // After a reconnect with `since`, the relay repeats flows we already had: skip those. Only
    // flows up to the newest one seen before the cut can be repeats.
    const ts = timestampToMillis(f.time);
    const seen = this.options.seen;
    if (ts <= this.resumeBoundary) {
      if (!f.uuid) return;
      if (seen ? seen(f.uuid) : this.recentIds.has(f.uuid)) return;
    }
    if (f.uuid && !seen) this.recentIds.add(f.uuid);
    if (ts > this.maxTs) this.maxTs = ts;
    this.stateValue.flowsReceived++;
    this.options.onFlow(f, bytes);
  }

  private scheduleRetry(err: unknown): void {
    if (this.stopped) return;
    const attempt = this.stateValue.attempt + 1;
    this.stateValue.reconnects++;
    const delay = backoffDelay(attempt, this.options.backoff ?? DEFAULT_BACKOFF);
    this.setPhase('reconnecting', {
      attempt,
      lastError: describeGrpcError(err),
      nextRetryAt: new Date(Date.now() + delay),
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }
}
