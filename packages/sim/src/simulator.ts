/**
 * The embedded demo cluster: a scenario, a flow feed, the observer store behind a gRPC server
 * that speaks like hubble-relay, and the Cilium agent REST API — all on loopback.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildClusterNodes, buildConfig, buildHealthz, buildServiceList } from './agent/payloads.js';
import { AgentServer, type AgentFault } from './agent/server.js';
import { ScenarioFeed, type FlowFeed } from './feed.js';
import { FlowGenerator } from './flows/generator.js';
import { RelayServer, type RelayTls } from './observer/relay-server.js';
import { ObserverService, type JsonRecord } from './observer/service.js';
import { FlowStore } from './observer/store.js';
import type { DatapathProfile } from './profiles.js';
import type { AgentSnapshotSet, RecordingFeed } from './recording/replay-feed.js';
import { createScenario } from './scenario/build.js';
import type { Scenario } from './scenario/types.js';

export interface SimulatorOptions {
  /** Scenario and traffic seed (default 1). */
  seed?: number;
  /** Generated flows per second across the cluster (default 50). */
  flowsPerSecond?: number;
  /** Datapath profile name (default `native-kpr-dsr`). */
  profile?: string;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** gRPC port of the relay stand-in (default 0: ephemeral). */
  grpcPort?: number;
  /** Unix socket for the agent API (default null: none). */
  agentSocketPath?: string | null;
  /** TCP port for the agent API (default 0: ephemeral; null: none). */
  agentHttpPort?: number | null;
  /** Flows kept per node, like Hubble's ring (default 4095). */
  ringCapacity?: number;
  /** Cilium cluster name (default `kind-kind`). */
  clusterName?: string;
  /** Node whose agent the REST API is (default the first node). */
  agentNode?: string;
  /** Seconds of past traffic in the rings at start (default 30). */
  backfillSeconds?: number;
  /** Replace the scenario's generator (e.g. a recording player). */
  feed?: FlowFeed;
  /** Serve gRPC over TLS (mTLS with `clientCa`), as a relay with TLS enabled does. */
  tls?: RelayTls | null;
  /**
   * Replay a recording: its flows feed the observer and its agent snapshots at the playback
   * position are served by the agent API (the scenario's payloads where the recording has none).
   */
  replay?: RecordingFeed;
  /** Recorded agent payloads to serve instead of the scenario's (`replay` sets this). */
  agentSnapshots?: () => AgentSnapshotSet;
}

/** Where an agent API route's payload comes from right now. */
export type AgentPayloadSource = 'recording' | 'scenario';

export interface Simulator {
  /** `127.0.0.1:PORT`; stays the same across stopRelay/startRelay. */
  readonly relayAddress: string;
  readonly agentSocketPath: string | null;
  readonly agentHttpUrl: string | null;
  readonly scenario: Scenario;
  readonly profile: DatapathProfile;
  readonly observer: {
    /** Every GetFlowsRequest received, as proto JSON. */
    readonly requests: JsonRecord[];
    activeStreams(): number;
    /** Live-flow subscriptions held by open streams (0 when none is open: no leak). */
    subscriptions(): number;
    /** Flows currently buffered across all nodes. */
    numFlows(): number;
  };
  readonly agent: {
    setFault(fault: AgentFault): Promise<void>;
    readonly fault: AgentFault;
    /** Per route (`/healthz`, `/config`, `/service`, `/cluster/nodes`): recorded or scenario payload. */
    payloadSources(): Record<string, AgentPayloadSource>;
  };
  /** The recording being replayed, if any. */
  readonly replay: RecordingFeed | null;
  stopRelay(): Promise<void>;
  startRelay(): Promise<void>;
  pauseFlows(): void;
  resumeFlows(): void;
  close(): Promise<void>;
}

function checkPort(name: string, port: number | null | undefined): void {
  if (port === null || port === undefined) return;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number 0-65535, got ${port}`);
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  checkPort('grpcPort', opts.grpcPort);
  checkPort('agentHttpPort', opts.agentHttpPort);
  const ringCapacity = opts.ringCapacity ?? 4095;
  if (!Number.isInteger(ringCapacity) || ringCapacity < 1) throw new Error(`ringCapacity must be a positive integer, got ${ringCapacity}`);
  const host = opts.host ?? '127.0.0.1';
  const scenario = createScenario(opts.seed ?? 1, {
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    ...(opts.clusterName !== undefined ? { clusterName: opts.clusterName } : {}),
  });
  const agentNode = scenario.nodes.find((n) => n.name === (opts.agentNode ?? scenario.nodes[0]?.name));
  if (!agentNode) throw new Error(`unknown agent node "${opts.agentNode}"; nodes: ${scenario.nodes.map((n) => n.name).join(', ')}`);
  const startedAtMs = Date.now();

  const store = new FlowStore(scenario.nodes.map((n) => n.fullName), ringCapacity);
  if (opts.feed && opts.replay) throw new Error('pass either feed or replay, not both');
  const feed =
    opts.feed ??
    opts.replay ??
    new ScenarioFeed(new FlowGenerator(scenario), {
      flowsPerSecond: opts.flowsPerSecond ?? 50,
      backfillSeconds: opts.backfillSeconds ?? 30,
    });
  const service = new ObserverService({ store, scenario, startedAtMs });
  const relay = new RelayServer(service, host, opts.grpcPort ?? 0, opts.tls ?? null);

  const payloadOpts = () => {
    const n = store.nodes().find((x) => x.name === agentNode.fullName);
    const uptimeMs = Date.now() - startedAtMs;
    return {
      nodeName: agentNode.name,
      uptimeMs,
      hubble: {
        currentFlows: n?.numFlows ?? 0,
        maxFlows: ringCapacity,
        seenFlows: n?.seenFlows ?? 0,
        uptimeNs: uptimeMs * 1e6,
        flowsRate: store.flowsRate() / Math.max(1, scenario.nodes.length),
      },
    };
  };
  const snapshots = opts.agentSnapshots ?? (opts.replay ? () => (opts.replay as RecordingFeed).agentSnapshots() : null);
  const recorded = (kind: keyof AgentSnapshotSet): unknown => snapshots?.()[kind];
  const ROUTE_KINDS: Record<string, keyof AgentSnapshotSet> = { '/healthz': 'healthz', '/config': 'config', '/service': 'services', '/cluster/nodes': 'cluster-nodes' };
  const agentSocketPath = opts.agentSocketPath ?? null;
  if (agentSocketPath) mkdirSync(dirname(agentSocketPath), { recursive: true });
  const agent = new AgentServer({
    socketPath: agentSocketPath,
    httpPort: opts.agentHttpPort === undefined ? 0 : opts.agentHttpPort,
    host,
    routes: {
      '/healthz': () => recorded('healthz') ?? buildHealthz(scenario, payloadOpts()),
      '/config': () => recorded('config') ?? buildConfig(scenario, payloadOpts()),
      '/service': () => recorded('services') ?? buildServiceList(scenario, payloadOpts()),
      '/cluster/nodes': () => recorded('cluster-nodes') ?? buildClusterNodes(scenario, payloadOpts()),
    },
  });

  try {
    await relay.start();
    await agent.start();
  } catch (err) {
    await relay.stop();
    await agent.stop();
    throw err;
  }
  feed.start((f) => store.add(f));

  let closed = false;
  return {
    relayAddress: relay.address,
    agentSocketPath,
    agentHttpUrl: agent.httpUrl,
    scenario,
    profile: scenario.profile,
    observer: {
      requests: service.requests,
      activeStreams: () => service.activeStreams(),
      subscriptions: () => service.subscriptions(),
      numFlows: () => store.numFlows,
    },
    agent: {
      setFault: (fault) => agent.setFault(fault),
      get fault() {
        return agent.currentFault;
      },
      payloadSources: () => {
        const current = snapshots?.() ?? {};
        return Object.fromEntries(
          Object.entries(ROUTE_KINDS).map(([route, kind]) => [route, current[kind] !== undefined ? 'recording' : 'scenario'] as const),
        );
      },
    },
    replay: opts.replay ?? null,
    stopRelay: () => relay.stop(),
    startRelay: () => relay.start(),
    pauseFlows: () => feed.pause(),
    resumeFlows: () => feed.resume(),
    close: async () => {
      if (closed) return;
      closed = true;
      feed.stop();
      await relay.stop();
      await agent.stop();
    },
  };
}
