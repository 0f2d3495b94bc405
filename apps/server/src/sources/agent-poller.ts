import {
  deriveDatapathModes,
  normalizeServiceList,
  parseDaemonConfiguration,
  parseServiceList,
  parseStatusResponse,
  type AgentConnection,
  type AgentStatusResponse,
  type DaemonConfiguration,
  type DatapathModes,
  type ServiceTable,
} from '@starmap/core';
import { agentGetJson, describeEndpoint, type AgentEndpoint } from './agent-client.js';

export type AgentResource = 'healthz' | 'config' | 'services';

export interface AgentPollIntervals {
  healthz: number;
  config: number;
  services: number;
}

export const DEFAULT_AGENT_INTERVALS: AgentPollIntervals = { healthz: 5_000, config: 30_000, services: 5_000 };

export interface AgentPollerOptions {
  endpoint: AgentEndpoint;
  intervals?: Partial<AgentPollIntervals>;
  timeoutMs?: number;
  /** Called when a resource's content or the connection state changed. */
  onChange?: (what: AgentResource | 'connection') => void;
}

interface Resource<T> {
  value: T | null;
  /** The last good answer as the agent sent it (for recordings). */
  json: unknown;
  /** Raw text of the last good answer, for change detection. */
  text: string;
  updatedAt: Date | null;
  error: string | null;
}

const PATHS: Record<AgentResource, string> = { healthz: '/healthz', config: '/config', services: '/service' };

/**
 * Polls one Cilium agent's REST API: status, configuration and service table, each validated
 * against Cilium's schemas. A failing agent keeps its last good answers and says what is wrong.
 */
export class AgentPoller {
  readonly target: string;
  readonly state: AgentConnection;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = true;
  private readonly healthz: Resource<AgentStatusResponse> = { value: null, json: null, text: '', updatedAt: null, error: null };
  private readonly config: Resource<DaemonConfiguration> = { value: null, json: null, text: '', updatedAt: null, error: null };
  private readonly services: Resource<ServiceTable> = { value: null, json: null, text: '', updatedAt: null, error: null };
  private modesCache: DatapathModes | null = null;
  /** Failed polls since start (for metrics). */
  pollErrors = 0;

  constructor(private readonly options: AgentPollerOptions) {
    this.target = describeEndpoint(options.endpoint);
    this.state = { target: this.target, phase: 'connecting', since: new Date().toISOString(), lastError: null, ciliumState: null, ciliumVersion: null };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const intervals = { ...DEFAULT_AGENT_INTERVALS, ...this.options.intervals };
    for (const resource of ['healthz', 'config', 'services'] as const) void this.loop(resource, intervals[resource]);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  /** The last good answer for a resource, exactly as the agent sent it. */
  rawAnswer(resource: AgentResource): unknown {
    return (resource === 'healthz' ? this.healthz : resource === 'config' ? this.config : this.services).json;
  }

  get status(): AgentStatusResponse | null {
    return this.healthz.value;
  }

  get statusUpdatedAt(): Date | null {
    return this.healthz.updatedAt;
  }

  get serviceTable(): { table: ServiceTable | null; updatedAt: Date | null; error: string | null } {
    return { table: this.services.value, updatedAt: this.services.updatedAt, error: this.services.error };
  }

  /** Datapath modes from the last good status and configuration. */
  get modes(): DatapathModes | null {
    if (!this.modesCache && this.healthz.value) {
      this.modesCache = deriveDatapathModes(this.healthz.value, this.config.value ?? undefined);
    }
    return this.modesCache;
  }

  private async loop(resource: AgentResource, intervalMs: number): Promise<void> {
    if (this.stopped) return;
    await this.poll(resource);
    if (!this.stopped) this.timers.push(setTimeout(() => void this.loop(resource, intervalMs), intervalMs));
  }

  async poll(resource: AgentResource): Promise<void> {
    const path = PATHS[resource];
    let body: unknown;
    try {
      body = await agentGetJson(this.options.endpoint, path, this.options.timeoutMs ?? 3_000);
    } catch (err) {
      this.fail(resource, err instanceof Error ? err.message : String(err));
      return;
    }
    const text = JSON.stringify(body);
    if (resource === 'healthz') this.accept(resource, this.healthz, body, text, () => parseStatusResponse(body));
    else if (resource === 'config') this.accept(resource, this.config, body, text, () => parseDaemonConfiguration(body));
    else
      this.accept(resource, this.services, body, text, () => {
        const parsed = parseServiceList(body);
        return parsed.ok ? { ok: true, value: normalizeServiceList(parsed.value) } : parsed;
      });
  }

  private accept<T>(
    resource: AgentResource,
    slot: Resource<T>,
    json: unknown,
    text: string,
    parse: () => { ok: true; value: T } | { ok: false; error: string },
  ): void {
    if (text === slot.text && slot.error === null) {
      slot.updatedAt = new Date();
      if (resource === 'healthz') this.setConnection('connected', null);
      return;
    }
    const parsed = parse();
    if (!parsed.ok) {
      this.fail(resource, `GET /v1${PATHS[resource]}: ${parsed.error}`);
      return;
    }
    slot.value = parsed.value;
    slot.json = json;
    slot.text = text;
    slot.error = null;
    slot.updatedAt = new Date();
    if (resource !== 'services') this.modesCache = null;
    if (resource === 'healthz') {
      const status = parsed.value as AgentStatusResponse;
      this.state.ciliumState = status.cilium?.state ?? null;
      this.state.ciliumVersion = this.modes?.agentVersion ?? null;
      this.setConnection('connected', null);
    }
    this.options.onChange?.(resource);
  }

  private fail(resource: AgentResource, message: string): void {
    this.pollErrors++;
    const slot = resource === 'healthz' ? this.healthz : resource === 'config' ? this.config : this.services;
    const changed = slot.error !== message;
    slot.error = message;
    if (resource === 'healthz') this.setConnection('reconnecting', message);
    else if (changed) this.options.onChange?.(resource);
  }

  private setConnection(phase: AgentConnection['phase'], lastError: string | null): void {
    if (this.state.phase === phase && this.state.lastError === lastError) return;
    if (this.state.phase !== phase) this.state.since = new Date().toISOString();
    this.state.phase = phase;
    this.state.lastError = lastError;
    this.options.onChange?.('connection');
  }
}
