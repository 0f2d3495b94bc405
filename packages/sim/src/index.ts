// @starmap/sim: the embedded demo cluster (Hubble relay stand-in + Cilium agent API).
export { startSimulator, type AgentPayloadSource, type Simulator, type SimulatorOptions } from './simulator.js';

// Scenario: the cluster as data.
export { createScenario, type ScenarioOptions } from './scenario/build.js';
export { ScenarioLookup } from './scenario/lookup.js';
export { Prng } from './scenario/prng.js';
export { canonicalIPv6, formatL4Address } from './scenario/addresses.js';
export type * from './scenario/types.js';
export { DEFAULT_PROFILE, PROFILES, getProfile, profileNames, type DatapathProfile, type IpFamilies } from './profiles.js';

// Flows.
export { FlowGenerator, stampFlow, type FlowGeneratorOptions } from './flows/generator.js';
export type { Flow } from './flows/factory.js';
export { ScenarioFeed, wallClockNs, type FlowFeed, type FlowSink, type ScenarioFeedOptions } from './feed.js';

// Observer pieces (for a recording player or custom servers).
export { FlowStore, timeNsOf } from './observer/store.js';
export { FlowRing, type StoredFlow } from './observer/ring.js';
export { ObserverService, type ObserverServiceOptions, type JsonRecord } from './observer/service.js';
export { RelayServer, type RelayTls } from './observer/relay-server.js';
export { applyFieldMask, compileFieldMask, FieldMaskError } from './observer/field-mask.js';

// Agent API.
export {
  buildClusterNodes,
  buildConfig,
  buildHealthz,
  buildServiceList,
  goDuration,
  type AgentPayloadOptions,
  type HubbleStats,
} from './agent/payloads.js';
export { AgentServer, AGENT_FAULTS, type AgentFault, type AgentRoutes, type AgentServerOptions } from './agent/server.js';

// Recording and replay.
export * from './recording/index.js';
