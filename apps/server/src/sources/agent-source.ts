import { z } from 'zod';
import type { AgentConnection } from '@starmap/core';
import { agentGetJson, describeEndpoint, type AgentEndpoint } from './agent-client.js';

/** The part of `GET /v1/healthz` (Cilium's StatusResponse) the header needs; the rest is kept raw. */
const HealthzSummary = z.object({
  cilium: z.object({ state: z.string(), msg: z.string().optional() }).optional(),
});

export interface AgentSourceOptions {
  endpoint: AgentEndpoint | null;
  pollIntervalMs?: number;
  timeoutMs?: number;
  onChange?: () => void;
}

/**
 * Polls one Cilium agent. Keeps the last good answer when the agent fails, and says why it is
 * degraded instead of taking the dashboard down with it.
 */
export class AgentSource {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastHealthz: unknown = null;
  readonly state: AgentConnection;

  constructor(private readonly options: AgentSourceOptions) {
    this.state = {
      target: options.endpoint ? describeEndpoint(options.endpoint) : '',
      phase: options.endpoint ? 'connecting' : 'disabled',
      since: new Date().toISOString(),
      lastError: null,
      ciliumState: null,
      ciliumVersion: null,
    };
  }

  /** The last `/v1/healthz` payload that parsed, even if the agent has failed since. */
  get healthz(): unknown {
    return this.lastHealthz;
  }

  start(): void {
    if (!this.options.endpoint || !this.stopped) return;
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private update(patch: Partial<AgentConnection>): void {
    const before = JSON.stringify(this.state);
    if (patch.phase && patch.phase !== this.state.phase) this.state.since = new Date().toISOString();
    Object.assign(this.state, patch);
    if (JSON.stringify(this.state) !== before) this.options.onChange?.();
  }

  async poll(): Promise<void> {
    const endpoint = this.options.endpoint;
    if (!endpoint) return;
    try {
      const body = await agentGetJson(endpoint, '/healthz', this.options.timeoutMs ?? 3_000);
      const parsed = HealthzSummary.safeParse(body);
      if (!parsed.success) {
        this.update({
          phase: 'reconnecting',
          lastError: `GET /v1/healthz: unexpected answer (${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message})`,
        });
      } else {
        this.lastHealthz = body;
        this.update({ phase: 'connected', lastError: null, ciliumState: parsed.data.cilium?.state ?? null });
      }
    } catch (err) {
      this.update({ phase: 'reconnecting', lastError: err instanceof Error ? err.message : String(err) });
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.options.pollIntervalMs ?? 5_000);
  }
}
