export { parseStatusResponse, parseDaemonConfiguration, parseServiceList } from './parse.js';
export type { ParseResult } from './result.js';
export { normalizeServiceList } from './service-table.js';
export type {
  ServiceTable,
  ServiceRow,
  ServiceFrontend,
  ServiceBackend,
  ServiceType,
  BackendState,
} from './service-table.js';
export { formatL3n4Addr, normalizeProtocol } from './address.js';
export { agentStatusResponseSchema } from './status.js';
export type {
  AgentStatusResponse,
  AgentKubeProxyReplacement,
  AgentRouting,
  AgentMasquerading,
  AgentEncryption,
} from './status.js';
export { daemonConfigurationSchema } from './config.js';
export type { DaemonConfiguration, NodeAddressing } from './config.js';
export { agentServiceListSchema, agentServiceSchema } from './service.js';
export type {
  AgentService,
  AgentServiceSpec,
  AgentFrontendAddress,
  AgentBackendAddress,
} from './service.js';
