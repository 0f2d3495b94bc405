/** Entry points for agent responses: raw body or decoded JSON in, typed value or error out. */
import { daemonConfigurationSchema, type DaemonConfiguration } from './config.js';
import { parseWith, type ParseResult } from './result.js';
import { agentServiceListSchema, type AgentService } from './service.js';
import { agentStatusResponseSchema, type AgentStatusResponse } from './status.js';

/** `GET /v1/healthz`. */
export function parseStatusResponse(json: unknown): ParseResult<AgentStatusResponse> {
  return parseWith('/v1/healthz response', agentStatusResponseSchema, json);
}

/** `GET /v1/config`. */
export function parseDaemonConfiguration(json: unknown): ParseResult<DaemonConfiguration> {
  return parseWith('/v1/config response', daemonConfigurationSchema, json);
}

/** `GET /v1/service`. */
export function parseServiceList(json: unknown): ParseResult<AgentService[]> {
  return parseWith('/v1/service response', agentServiceListSchema, json);
}
