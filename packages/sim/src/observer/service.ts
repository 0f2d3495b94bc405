/**
 * `observer.Observer`, `peer.Peer` and `grpc.health.v1.Health` handlers speaking like
 * hubble-relay: GetFlows with number/first/follow/since/until, whitelist/blacklist and
 * field_mask; node status first; GetNodes/GetNamespaces/ServerStatus from the store.
 */
import * as grpc from '@grpc/grpc-js';
import { FilterError, compileFlowFilters, type FlowFilterInput } from '@starmap/core';
import {
  flow as flowpb,
  health,
  peer as peerpb,
  relay,
  toProtoJson,
  type ChangeNotification,
  type GetFlowsRequest,
  type GetFlowsResponse,
  type GetNamespacesResponse,
  type GetNodesResponse,
  type HealthCheckRequest,
  type HealthCheckResponse,
  type NotifyRequest,
  type ServerStatusResponse,
} from '@starmap/proto';
import type { Scenario } from '../scenario/types.js';
import { applyFieldMask, compileFieldMask, FieldMaskError } from './field-mask.js';
import type { StoredFlow } from './ring.js';
import type { FlowStore } from './store.js';

/** Services the health endpoint reports as SERVING ('' is the server as a whole). */
const HEALTHY_SERVICES = new Set(['', 'hubble.server.Observer', 'observer.Observer']);

/** Follow streams buffer at most this many flows for a slow client, then count losses. */
const MAX_QUEUED = 10_000;

export type JsonRecord = Record<string, unknown>;

function toNs(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): bigint | null {
  if (!ts) return null;
  return BigInt(String(ts.seconds ?? 0)) * 1_000_000_000n + BigInt(ts.nanos ?? 0);
}

function timestamp(ns: bigint) {
  return { seconds: Number(ns / 1_000_000_000n), nanos: Number(ns % 1_000_000_000n) };
}

function toNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return Number(String(v));
}

export interface ObserverServiceOptions {
  store: FlowStore;
  scenario: Scenario;
  /** When the (simulated) agents and relay started. */
  startedAtMs?: number;
  /** Version reported by ServerStatus and GetNodes. */
  version?: string;
}

export class ObserverService {
  /** Every GetFlowsRequest received, as proto JSON, oldest first. */
  readonly requests: JsonRecord[] = [];
  /** Open GetFlows streams and how to close each one down. */
  private readonly streams = new Map<grpc.ServerWritableStream<unknown, unknown>, () => void>();
  private readonly store: FlowStore;
  private readonly scenario: Scenario;
  private readonly startedAtMs: number;
  private readonly version: string;

  constructor(opts: ObserverServiceOptions) {
    this.store = opts.store;
    this.scenario = opts.scenario;
    this.startedAtMs = opts.startedAtMs ?? Date.now();
    this.version = opts.version ?? opts.scenario.ciliumVersion;
  }

  /** Open GetFlows streams. */
  activeStreams(): number {
    return this.streams.size;
  }

  /** Releases every open stream's resources (their server was shut down). */
  forgetStreams(): void {
    for (const abandon of [...this.streams.values()]) abandon();
    this.streams.clear();
  }

  /** Live-flow subscriptions held by open streams (for leak checks). */
  subscriptions(): number {
    return this.store.subscriberCount();
  }

  private uptimeNs(): number {
    return (Date.now() - this.startedAtMs) * 1e6;
  }

  /** The relay's own node: the one running the hubble-relay pod. */
  private relayNodeName(): string {
    const relayPod = this.scenario.pods.find((p) => p.workload === 'hubble-relay');
    const node = this.scenario.nodes.find((n) => n.name === relayPod?.node) ?? this.scenario.nodes[0];
    return node?.fullName ?? '';
  }

  observerHandlers(): grpc.UntypedServiceImplementation {
    return {
      GetFlows: (call: grpc.ServerWritableStream<GetFlowsRequest, GetFlowsResponse>) => {
        void this.getFlows(call).catch((err: unknown) => {
          if (!call.writableEnded) call.emit('error', { code: grpc.status.INTERNAL, details: `GetFlows failed: ${String(err)}` });
        });
      },
      GetAgentEvents: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'GetAgentEvents not implemented' });
      },
      GetDebugEvents: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        call.emit('error', { code: grpc.status.UNIMPLEMENTED, details: 'GetDebugEvents not implemented' });
      },
      GetNodes: (_call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<GetNodesResponse>) => {
        cb(null, this.getNodes());
      },
      GetNamespaces: (_call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<GetNamespacesResponse>) => {
        cb(null, { namespaces: this.store.namespaces(this.scenario.clusterName) });
      },
      ServerStatus: (_call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<ServerStatusResponse>) => {
        cb(null, this.serverStatus());
      },
    };
  }

  peerHandlers(): grpc.UntypedServiceImplementation {
    return {
      Notify: (call: grpc.ServerWritableStream<NotifyRequest, ChangeNotification>) => {
        for (const node of this.scenario.nodes) {
          // No `tls`: the simulated peers speak plaintext, as the simulator does.
          call.write({ name: node.fullName, address: node.hubbleAddress, type: peerpb.ChangeNotificationType.PEER_ADDED });
        }
        // Relay keeps this stream open to learn about changes; so do we, until cancelled.
        call.on('cancelled', () => call.end());
      },
    };
  }

  healthHandlers(): grpc.UntypedServiceImplementation {
    const status = (service: string): HealthCheckResponse | null =>
      HEALTHY_SERVICES.has(service) ? { status: health.HealthCheckResponse.ServingStatus.SERVING } : null;
    return {
      Check: (call: grpc.ServerUnaryCall<HealthCheckRequest, HealthCheckResponse>, cb: grpc.sendUnaryData<HealthCheckResponse>) => {
        const service = call.request.service ?? '';
        const res = status(service);
        if (res) cb(null, res);
        else cb({ code: grpc.status.NOT_FOUND, details: `unknown service ${JSON.stringify(service)}` });
      },
      Watch: (call: grpc.ServerWritableStream<HealthCheckRequest, HealthCheckResponse>) => {
        call.write(status(call.request.service ?? '') ?? { status: health.HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN });
        call.on('cancelled', () => call.end());
      },
    };
  }

  getNodes(): GetNodesResponse {
    const byName = new Map(this.store.nodes().map((n) => [n.name, n]));
    return {
      nodes: this.scenario.nodes.map((node) => {
        const s = byName.get(node.fullName);
        return {
          name: node.fullName,
          version: this.version,
          address: node.hubbleAddress,
          state: relay.NodeState.NODE_CONNECTED,
          tls: { enabled: false, server_name: '' },
          uptime_ns: this.uptimeNs(),
          num_flows: s?.numFlows ?? 0,
          max_flows: s?.maxFlows ?? this.store.capacityPerNode,
          seen_flows: s?.seenFlows ?? 0,
        };
      }),
    };
  }

  serverStatus(): ServerStatusResponse {
    return {
      num_flows: this.store.numFlows,
      max_flows: this.scenario.nodes.length * this.store.capacityPerNode,
      seen_flows: this.store.seenFlows,
      uptime_ns: this.uptimeNs(),
      num_connected_nodes: { value: this.scenario.nodes.length },
      num_unavailable_nodes: { value: 0 },
      unavailable_nodes: [],
      version: this.version,
      flows_rate: this.store.flowsRate(),
    };
  }

  private async getFlows(call: grpc.ServerWritableStream<GetFlowsRequest, GetFlowsResponse>): Promise<void> {
    const req = call.request;
    this.requests.push(toProtoJson('observer.GetFlowsRequest', req) as JsonRecord);

    let matches: (f: flowpb.Flow.$Properties) => boolean;
    let mask: ReturnType<typeof compileFieldMask>;
    try {
      matches = compileFlowFilters(
        (req.whitelist ?? []) as readonly FlowFilterInput[],
        (req.blacklist ?? []) as readonly FlowFilterInput[],
      ) as (f: flowpb.Flow.$Properties) => boolean;
      mask = compileFieldMask(req.field_mask?.paths);
    } catch (err) {
      if (err instanceof FilterError || err instanceof FieldMaskError) {
        call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: err.message });
        return;
      }
      throw err;
    }
    const since = toNs(req.since);
    const until = toNs(req.until);
    if (since !== null && until !== null && until < since) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'until must not be before since' });
      return;
    }
    const number = toNumber(req.number);
    const follow = req.follow === true;
    const first = req.first === true;

    const stream = call as unknown as grpc.ServerWritableStream<unknown, unknown>;
    let closed = false;
    let unsubscribe: () => void = () => {};
    let wake: (() => void) | null = null;
    let drained: (() => void) | null = null;
    const finish = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      this.streams.delete(stream);
      wake?.();
      drained?.();
    };
    this.streams.set(stream, finish);
    call.on('cancelled', () => {
      finish();
      if (!call.writableEnded) call.end();
    });
    call.on('finish', finish);
    call.on('close', finish);
    call.on('error', finish);

    const inWindow = (e: StoredFlow) => (since === null || e.timeNs >= since) && (until === null || e.timeNs <= until);
    const selected = (e: StoredFlow) => inWindow(e) && matches(e.flow);
    const response = (e: StoredFlow): GetFlowsResponse => ({
      flow: applyFieldMask(e.flow, mask),
      node_name: e.nodeName,
      time: timestamp(e.timeNs),
    });

    // Subscribe before reading history so that nothing falls between the two.
    const queue: StoredFlow[] = [];
    let lost = 0;
    if (follow) {
      unsubscribe = this.store.subscribe((e) => {
        if (queue.length >= MAX_QUEUED) lost++;
        else queue.push(e);
        wake?.();
      });
    }

    const write = async (msg: GetFlowsResponse): Promise<boolean> => {
      if (closed) return false;
      if (!call.write(msg)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            call.off('drain', done);
            call.off('close', done);
            drained = null;
            resolve();
          };
          drained = done;
          call.on('drain', done);
          call.on('close', done);
        });
      }
      return !closed;
    };

    await write({
      node_status: { state_change: relay.NodeState.NODE_CONNECTED, node_names: this.scenario.nodes.map((n) => n.fullName) },
      node_name: this.relayNodeName(),
      time: timestamp(BigInt(Date.now()) * 1_000_000n),
    });

    const history = this.store.history();
    const historyEnd = history.length > 0 ? (history[history.length - 1] as StoredFlow).seq : -1;
    let picked: StoredFlow[];
    if (!follow || number > 0 || first || since !== null) {
      const matching = history.filter(selected);
      if (first || since !== null) picked = number > 0 ? matching.slice(0, number) : matching;
      else picked = number > 0 ? matching.slice(-number) : follow ? [] : matching;
    } else {
      picked = [];
    }
    for (const e of picked) if (!(await write(response(e)))) return;

    if (!follow) {
      finish();
      if (!call.writableEnded) call.end();
      return;
    }

    // Follow: stream new flows until cancelled, or until `until` has passed.
    let untilTimer: NodeJS.Timeout | null = null;
    if (until !== null) {
      const waitMs = Number((until - BigInt(Date.now()) * 1_000_000n) / 1_000_000n);
      untilTimer = setTimeout(() => {
        finish();
        call.end();
      }, Math.max(0, waitMs) + 50);
      untilTimer.unref();
    }
    try {
      while (!closed) {
        if (queue.length === 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        if (lost > 0) {
          const n = lost;
          lost = 0;
          const lostMsg = { lost_events: { source: flowpb.LostEventSource.OBSERVER_EVENTS_QUEUE, num_events_lost: n }, node_name: this.relayNodeName(), time: timestamp(BigInt(Date.now()) * 1_000_000n) };
          if (!(await write(lostMsg))) break;
        }
        const e = queue.shift() as StoredFlow;
        if (e.seq <= historyEnd) continue;
        if (until !== null && e.timeNs > until) {
          finish();
          call.end();
          break;
        }
        if (!selected(e)) continue;
        if (!(await write(response(e)))) break;
      }
    } finally {
      if (untilTimer) clearTimeout(untilTimer);
    }
  }
}

