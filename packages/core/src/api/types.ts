/**
 * The contract between apps/server and apps/web: REST responses and WebSocket messages.
 * Both sides import these types; the server validates what comes in, the web trusts what the
 * server sends.
 */
import type { Flow } from '../flows/types.js';
import type { ServiceBackend, ServiceRow } from '../agent/service-table.js';
import type { DatapathModes, NodeDifference } from '../datapath/types.js';
import type { ServiceMapDelta, ServiceMapSnapshot } from '../service-map/types.js';
import type { DropsSummary } from '../drops/drop-stats.js';

export type ConnectionPhase = 'connecting' | 'connected' | 'reconnecting' | 'disabled';

export interface RelayConnection {
  /** Address dialled, e.g. 'localhost:4245'. */
  target: string;
  phase: ConnectionPhase;
  /** ISO time of the last phase change. */
  since: string;
  /** Consecutive failed attempts since the last success. */
  attempt: number;
  lastError: string | null;
  /** ISO time of the next reconnect attempt while reconnecting. */
  nextRetryAt: string | null;
  /** Flows received from the relay since the server started. */
  flowsReceived: number;
}

export interface AgentConnection {
  /** 'unix:/var/run/cilium/cilium.sock' or 'http://host:port'. */
  target: string;
  phase: ConnectionPhase;
  since: string;
  lastError: string | null;
  /** Short agent state from /v1/healthz (cilium.state, e.g. 'Ok'), null until first read. */
  ciliumState: string | null;
  ciliumVersion: string | null;
}

export interface NodeInfo {
  name: string;
  /** NodeState name from relay GetNodes, e.g. 'NODE_CONNECTED'. */
  state: string;
  version: string;
  address: string;
  numFlows: number;
  maxFlows: number;
  seenFlows: number;
  uptimeNs: number;
}

/** Where a replay stands (mode 'replay'). Times are recorded times, ms since the epoch. */
export interface ReplayStatus {
  file: string;
  recordedTime: number;
  start: number;
  end: number;
  playing: boolean;
  speed: number;
  loop: boolean;
  ended: boolean;
  flows: number;
  /** Flows of the recording emitted so far (all loops). */
  emitted: number;
  /** Lines of the file that could not be read (skipped). */
  badLines: number;
  warnings: string[];
}

/** A recording started from the browser, as `/api/recordings` reports it. */
export interface RecordingStatus {
  id: string;
  state: 'recording' | 'stopped' | 'failed';
  startedAt: string;
  elapsedMs: number;
  flows: number;
  /** Bytes written to the file so far (compressed). */
  bytes: number;
  filter: string;
  error: string | null;
  /** File name offered for download. */
  fileName: string;
}

/** `POST /api/replay`: timeline controls. */
export type ReplayCommand =
  | { action: 'play' }
  | { action: 'pause' }
  | { action: 'seek'; time: number }
  | { action: 'speed'; speed: number }
  | { action: 'loop'; loop: boolean };

export interface StatusResponse {
  /** 'demo' when the embedded simulator serves the data. */
  mode: 'demo' | 'cluster' | 'replay';
  version: string;
  relay: RelayConnection;
  agent: AgentConnection;
  nodes: NodeInfo[];
  /** The replay timeline in mode 'replay', else null. */
  replay: ReplayStatus | null;
  /** Relay ServerStatus summary, null until read. */
  server: {
    numFlows: number;
    maxFlows: number;
    seenFlows: number;
    flowsRate: number;
    numConnectedNodes: number | null;
    numUnavailableNodes: number | null;
    version: string;
  } | null;
}

export interface NamespaceEntry {
  cluster: string;
  namespace: string;
}

export interface NamespacesResponse {
  namespaces: NamespaceEntry[];
}

export interface FlowsResponse {
  flows: Flow[];
  /** 'relay' when the relay answered the query, 'cache' when served from the server's ring (relay unavailable). */
  source: 'relay' | 'cache';
}

export interface ApiError {
  error: string;
  message: string;
  details?: unknown;
}

/** One Cilium agent as the server sees it (for the datapath badges, one entry per node). */
export interface AgentDatapath {
  target: string;
  phase: ConnectionPhase;
  lastError: string | null;
  /** Derived modes from the last good /v1/healthz (+ /v1/config); null until read. */
  modes: DatapathModes | null;
  /** ISO time of the last good /v1/healthz. */
  updatedAt: string | null;
}

export interface DatapathResponse {
  agents: AgentDatapath[];
  /** Badges whose values differ between agents (empty with one agent). */
  differences: NodeDifference[];
}

export interface BackendWithTraffic extends ServiceBackend {
  /** Flows towards this backend in the window (replies excluded). */
  flows: number;
  drops: number;
  lastSeen: string | null;
}

export interface ServiceWithTraffic extends Omit<ServiceRow, 'backends'> {
  backends: BackendWithTraffic[];
  flows: number;
  drops: number;
}

export interface ServicesResponse {
  /** Where the table came from; null when no agent has answered yet. */
  source: { endpoint: string; target: string; updatedAt: string } | null;
  /** Why the table is missing or stale, if it is. */
  error: string | null;
  /** Window of the per-backend flow counts. */
  windowMs: number;
  services: ServiceWithTraffic[];
  warnings: string[];
}

/** Browser → server over the WebSocket. */
export type ClientMessage =
  | {
      type: 'subscribe';
      /** Chosen by the client, echoed on every batch of this subscription. */
      id: number;
      /** Empty = all namespaces. */
      namespaces: string[];
      /** hubble-CLI filter text, e.g. `--verdict DROPPED --to-port 443`; its `--namespace` wins over `namespaces`. */
      filter?: string;
      /** How many recent flows to send first (0–5000). */
      backfill?: number;
    }
  | {
      type: 'map-subscribe';
      /** Chosen by the client, echoed on the snapshot and every delta of this map. */
      id: number;
      /** Empty = all namespaces. */
      namespaces: string[];
      /** hubble-CLI filter text, as for `subscribe`. */
      filter?: string;
      /** Sliding window of the map, 60,000–3,600,000 ms (default 300,000). */
      windowMs?: number;
    }
  | { type: 'map-unsubscribe' }
  | { type: 'ping'; t: number };

/** Server → browser over the WebSocket. */
export type ServerMessage =
  | { type: 'hello'; version: string; mode: StatusResponse['mode'] }
  | {
      type: 'flows';
      subscription: number;
      flows: Flow[];
      /** Flows dropped for this client since the last batch because it read too slowly. */
      missed: number;
    }
  | { type: 'status'; status: StatusResponse }
  | { type: 'datapath'; datapath: DatapathResponse }
  /** Pushed when the service table or its counts change; unfiltered (the browser filters). */
  | { type: 'services'; services: ServicesResponse }
  /** The whole map, sent once per map subscription; deltas with a higher `seq` follow. */
  | { type: 'map-snapshot'; subscription: number; snapshot: ServiceMapSnapshot }
  | { type: 'map-delta'; subscription: number; delta: ServiceMapDelta }
  /** Drop counts over the same filter and window as the map subscription, when they changed. */
  | { type: 'drops'; subscription: number; drops: DropsSummary }
  | { type: 'pong'; t: number }
  | { type: 'error'; message: string };
