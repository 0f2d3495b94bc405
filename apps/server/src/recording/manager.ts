import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordingStatus } from '@starmap/core';
import type { RecordingSummary } from '@starmap/sim';
import type { AgentEndpoint } from '../sources/agent-client.js';
import type { FlowQuery } from '../sources/flow-query.js';
import type { RelayTarget } from '../sources/relay-client.js';
import { record, type RecordProgress } from './recorder.js';


interface Active {
  status: RecordingStatus;
  path: string;
  abort: AbortController;
  done: Promise<RecordingSummary | null>;
}

export const MAX_ACTIVE_RECORDINGS = 3;
export const MAX_RECORDING_MS = 60 * 60_000;

/**
 * Recordings started from the browser: each one its own relay stream (so recording never slows
 * the live view) into a gzip file in the server's temp folder, downloadable when stopped.
 * Recordings live in this server process: behind several replicas, use sticky sessions.
 */
export class RecordingManager {
  private readonly recordings = new Map<string, Active>();
  private readonly dir = join(tmpdir(), `starmap-recordings-${process.pid}`);

  constructor(private readonly source: () => { target: RelayTarget; agentEndpoints: AgentEndpoint[] }) {}

  get activeCount(): number {
    return [...this.recordings.values()].filter((r) => r.status.state === 'recording').length;
  }

  start(query: FlowQuery, filter: string, maxDurationMs = MAX_RECORDING_MS): RecordingStatus {
    if (this.activeCount >= MAX_ACTIVE_RECORDINGS) {
      throw new RecordingLimitError(`at most ${MAX_ACTIVE_RECORDINGS} recordings can run at once; stop one first`);
    }
    mkdirSync(this.dir, { recursive: true });
    const id = randomUUID();
    const started = new Date();
    const path = join(this.dir, `${id}.jsonl.gz`);
    const status: RecordingStatus = {
      id,
      state: 'recording',
      startedAt: started.toISOString(),
      elapsedMs: 0,
      flows: 0,
      bytes: 0,
      filter,
      error: null,
      fileName: `starmap-${started.toISOString().replace(/[:.]/g, '-').slice(0, 19)}.jsonl.gz`,
    };
    const abort = new AbortController();
    const { target, agentEndpoints } = this.source();
    const onProgress = (p: RecordProgress) => {
      status.elapsedMs = p.elapsedMs;
      status.flows = p.flows;
      status.bytes = p.bytes;
    };
    const done = record({ target, agentEndpoints, out: path, query, durationMs: Math.min(maxDurationMs, MAX_RECORDING_MS), signal: abort.signal, onProgress }).then(
      (summary) => {
        status.state = 'stopped';
        status.flows = summary.flows;
        status.bytes = statSync(path).size;
        status.elapsedMs = Date.now() - started.getTime();
        return summary;
      },
      (err: unknown) => {
        status.state = 'failed';
        status.error = err instanceof Error ? err.message : String(err);
        return null;
      },
    );
    this.recordings.set(id, { status, path, abort, done });
    return { ...status };
  }

  status(id: string): RecordingStatus | undefined {
    const r = this.recordings.get(id);
    return r ? { ...r.status } : undefined;
  }

  list(): RecordingStatus[] {
    return [...this.recordings.values()].map((r) => ({ ...r.status }));
  }

  async stop(id: string): Promise<RecordingStatus | undefined> {
    const r = this.recordings.get(id);
    if (!r) return undefined;
    r.abort.abort();
    await r.done;
    return { ...r.status };
  }

  /** The file of a stopped recording. */
  file(id: string): { path: string; fileName: string } | undefined {
    const r = this.recordings.get(id);
    return r && r.status.state === 'stopped' ? { path: r.path, fileName: r.status.fileName } : undefined;
  }

  async close(): Promise<void> {
    for (const r of this.recordings.values()) r.abort.abort();
    await Promise.all([...this.recordings.values()].map((r) => r.done));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export class RecordingLimitError extends Error {}
