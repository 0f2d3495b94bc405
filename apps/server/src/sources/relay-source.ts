import type { flow, observer } from '@starmap/proto';
import {
  normalizeFlow,
  type Flow,
  type NamespaceEntry,
  type NodeInfo,
  type RelayConnection,
  type StatusResponse,
} from '@starmap/core';
import { relay } from '@starmap/proto';
import { FlowRing } from '../hub/flow-ring.js';
import type { BackoffOptions } from '../util/backoff.js';
import { FlowStream, type FlowStreamState } from './flow-stream.js';
import type { FlowQuery } from './flow-query.js';
import { createObserverClient, describeGrpcError, unary, type ObserverClient, type ReceivedResponse, type RelayTarget } from './relay-client.js';

/** A normalized flow and the decoded original (for filters written against Hubble's fields). */
export type FlowListener = (f: Flow, raw: flow.IFlow) => void;

export interface RelaySourceOptions {
  target: RelayTarget;
  ringCapacity: number;
  backoff?: BackoffOptions;
  /** How often GetNodes and ServerStatus are refreshed. */
  pollIntervalMs?: number;
  onChange?: () => void;
}

const QUERY_TIMEOUT_MS = 5_000;

function toNumber(v: number | { toNumber(): number } | null | undefined): number {
  if (v == null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

/**
 * The dashboard's connection to hubble-relay: one unfiltered follow stream that feeds the ring
 * of recent flows and every all-namespace subscriber, plus periodic node and status reads.
 */
export class RelaySource {
  readonly client: ObserverClient;
  readonly ring: FlowRing;
  /** Flows the relay returned to history queries (they may predate the ring), so a browser can open them. */
  readonly queried: FlowRing;
  private readonly stream: FlowStream;
  private readonly listeners = new Set<FlowListener>();
  private pollTimer: NodeJS.Timeout | null = null;
  private nodes: NodeInfo[] = [];
  private serverStatus: StatusResponse['server'] = null;

  constructor(private readonly options: RelaySourceOptions) {
    this.client = createObserverClient(options.target);
    this.ring = new FlowRing(options.ringCapacity);
    this.queried = new FlowRing(5_000);
    this.stream = new FlowStream({
      client: this.client,
      target: options.target.address,
      backoff: options.backoff,
      onFlow: (raw, bytes) => this.ingest(raw, bytes),
      seen: (id) => this.ring.has(id),
      onState: () => options.onChange?.(),
    });
  }

  start(): void {
    this.stream.start();
    void this.poll();
  }

  stop(): void {
    this.stream.stop();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.client.close();
  }

  /** Receives every flow of the unfiltered stream, normalized. Returns the unsubscribe function. */
  subscribe(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ingest(raw: flow.IFlow, bytes: Buffer): void {
    const normalized = normalizeFlow(raw);
    this.ring.push(normalized.id, bytes);
    for (const listener of this.listeners) listener(normalized, raw);
  }

  /** One flow's original, from the ring or from what history queries returned. */
  original(id: string): flow.IFlow | undefined {
    return this.ring.get(id) ?? this.queried.get(id);
  }

  get target(): string {
    return this.options.target.address;
  }

  get streamState(): Readonly<FlowStreamState> {
    return this.stream.state;
  }

  connection(): RelayConnection {
    const s = this.stream.state;
    return {
      target: this.options.target.address,
      phase: s.phase,
      since: s.since.toISOString(),
      attempt: s.attempt,
      lastError: s.lastError,
      nextRetryAt: s.nextRetryAt ? s.nextRetryAt.toISOString() : null,
      flowsReceived: s.flowsReceived,
    };
  }

  get nodeList(): NodeInfo[] {
    return this.nodes;
  }

  get server(): StatusResponse['server'] {
    return this.serverStatus;
  }

  private async poll(): Promise<void> {
    await Promise.allSettled([this.refreshNodes(), this.refreshServerStatus()]);
    if (this.stream.state.phase !== 'disabled') {
      this.pollTimer = setTimeout(() => void this.poll(), this.options.pollIntervalMs ?? 5_000);
    }
  }

  async refreshNodes(): Promise<void> {
    try {
      const res = await unary(this.client.GetNodes.bind(this.client), {}, QUERY_TIMEOUT_MS);
      this.nodes = (res.nodes ?? []).map((n) => ({
        name: n.name ?? '',
        state: (relay.NodeState as unknown as Record<number, string>)[n.state ?? 0] ?? `NODE_STATE_${n.state}`,
        version: n.version ?? '',
        address: n.address ?? '',
        numFlows: toNumber(n.num_flows),
        maxFlows: toNumber(n.max_flows),
        seenFlows: toNumber(n.seen_flows),
        uptimeNs: toNumber(n.uptime_ns),
      }));
      this.options.onChange?.();
    } catch {
      // The stream state already says the relay is unreachable; keep the last node list.
    }
  }

  async refreshServerStatus(): Promise<void> {
    try {
      const s = await unary(this.client.ServerStatus.bind(this.client), {}, QUERY_TIMEOUT_MS);
      this.serverStatus = {
        numFlows: toNumber(s.num_flows),
        maxFlows: toNumber(s.max_flows),
        seenFlows: toNumber(s.seen_flows),
        flowsRate: s.flows_rate ?? 0,
        numConnectedNodes: s.num_connected_nodes ? (s.num_connected_nodes.value ?? 0) : null,
        numUnavailableNodes: s.num_unavailable_nodes ? (s.num_unavailable_nodes.value ?? 0) : null,
        version: s.version ?? '',
      };
    } catch {
      // Same as above: the last status stays, the connection state tells the user.
    }
  }

  /** Namespaces from the relay, or those seen in the ring when the relay cannot answer. */
  async namespaces(): Promise<{ namespaces: NamespaceEntry[]; source: 'relay' | 'cache' }> {
    try {
      const res = await unary(this.client.GetNamespaces.bind(this.client), {}, QUERY_TIMEOUT_MS);
      const namespaces = (res.namespaces ?? []).map((n) => ({ cluster: n.cluster ?? '', namespace: n.namespace ?? '' }));
      namespaces.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.cluster.localeCompare(b.cluster));
      return { namespaces, source: 'relay' };
    } catch {
      const seen = new Map<string, NamespaceEntry>();
      for (const f of this.ring.recent(this.ring.size)) {
        for (const ep of [f.source, f.destination]) {
          if (ep.namespace) seen.set(`${ep.clusterName}/${ep.namespace}`, { cluster: ep.clusterName, namespace: ep.namespace });
        }
      }
      return { namespaces: [...seen.values()].sort((a, b) => a.namespace.localeCompare(b.namespace)), source: 'cache' };
    }
  }

  /**
   * The last `limit` flows matching the query, asked of the relay (so the filter runs there and
   * history beyond our ring is reachable); from the ring when the relay cannot answer.
   */
  async queryFlows(limit: number, query: FlowQuery): Promise<{ flows: Flow[]; source: 'relay' | 'cache'; error?: string }> {
    const request: observer.IGetFlowsRequest = { number: limit, follow: false, whitelist: query.whitelist, blacklist: query.blacklist };
    try {
      const flows = await new Promise<Flow[]>((resolve, reject) => {
        const out: Flow[] = [];
        const call = this.client.GetFlows(request, { deadline: new Date(Date.now() + QUERY_TIMEOUT_MS) });
        call.on('data', ({ response, bytes }: ReceivedResponse) => {
          if (!response.flow || !query.matchesLocally(response.flow)) return;
          const f = normalizeFlow(response.flow);
          if (!this.ring.has(f.id) && !this.queried.has(f.id)) this.queried.push(f.id, bytes);
          out.push(f);
        });
        call.on('error', reject);
        call.on('end', () => resolve(out));
      });
      return { flows, source: 'relay' };
    } catch (err) {
      return { flows: this.ring.recent(limit, query.matches), source: 'cache', error: describeGrpcError(err) };
    }
  }
}

