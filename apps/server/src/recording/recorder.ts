import { RecordingWriter, type RecordingSummary } from '@starmap/sim';
import { normalizeFlow, type Flow } from '@starmap/core';
import { toProtoJson } from '@starmap/proto';
import { FlowStream } from '../sources/flow-stream.js';
import type { AgentEndpoint } from '../sources/agent-client.js';
import { AgentSource } from '../sources/agent-source.js';
import type { FlowQuery } from '../sources/flow-query.js';
import { createObserverClient, unary, type RelayTarget } from '../sources/relay-client.js';
import { STARMAP_VERSION } from '../version.js';

export interface RecordProgress {
  elapsedMs: number;
  flows: number;
  bytes: number;
  relay: string;
  lastError: string | null;
}

export interface RecordOptions {
  target: RelayTarget;
  agentEndpoints: AgentEndpoint[];
  out: string;
  query: FlowQuery;
  /** Stop after this long; without it, only `signal` stops the recording. */
  durationMs?: number;
  signal?: AbortSignal;
  overwrite?: boolean;
  onProgress?: (p: RecordProgress) => void;
  /** Every recorded flow, normalized (for a live view of what is being recorded). */
  onFlow?: (f: Flow) => void;
}

const SNAPSHOT_OF = { healthz: 'healthz', config: 'config', services: 'services' } as const;

/**
 * Records a session: flows from a follow stream with the query pushed down to the relay, and
 * the agents' status, configuration and service table whenever they change, into the recording
 * format (hubble-observe jsonpb lines plus typed snapshot lines).
 */
export async function record(options: RecordOptions): Promise<RecordingSummary> {
  const writer = await RecordingWriter.create(options.out, {
    tool: { name: 'starmap', version: STARMAP_VERSION },
    source: `relay ${options.target.address}`,
    filters:
      options.query.whitelist.length || options.query.blacklist.length
        ? {
            whitelist: options.query.whitelist.map((f) => toProtoJson('flow.FlowFilter', f) as Record<string, unknown>),
            blacklist: options.query.blacklist.map((f) => toProtoJson('flow.FlowFilter', f) as Record<string, unknown>),
          }
        : undefined,
    overwrite: options.overwrite,
  });
  const client = createObserverClient(options.target);
  const started = Date.now();
  let flows = 0;

  try {
    const nodes = await unary(client.GetNodes.bind(client), {}, 5_000);
    writer.writeSnapshot('relay-nodes', nodes.toJSON());
  } catch {
    // The node list is a nicety; the flows are what matters.
  }

  const agent = new AgentSource({
    endpoints: options.agentEndpoints,
    onChange: (what) => {
      if (what === 'connection') return;
      for (const poller of agent.pollers) {
        const raw = poller.rawAnswer(what);
        if (raw !== null) writer.writeSnapshot(SNAPSHOT_OF[what], raw, { node: poller.target });
      }
    },
  });
  const stream = new FlowStream({
    client,
    target: options.target.address,
    whitelist: options.query.whitelist,
    blacklist: options.query.blacklist,
    onFlow: (raw) => {
      if (!options.query.matchesLocally(raw)) return;
      writer.writeResponse({ flow: raw, node_name: raw.node_name ?? '', time: raw.time ?? null });
      flows++;
      options.onFlow?.(normalizeFlow(raw));
    },
  });

  const progress = () =>
    options.onProgress?.({
      elapsedMs: Date.now() - started,
      flows,
      bytes: writer.stats().outputBytes,
      relay: stream.state.phase,
      lastError: stream.state.lastError,
    });

  agent.start();
  stream.start();
  const ticker = setInterval(progress, 1_000);
  await new Promise<void>((resolve) => {
    const timer = options.durationMs !== undefined ? setTimeout(resolve, options.durationMs) : null;
    options.signal?.addEventListener('abort', () => {
      if (timer) clearTimeout(timer);
      resolve();
    });
  });
  clearInterval(ticker);
  stream.stop();
  agent.stop();
  client.close();
  progress();
  return writer.close({ reason: options.signal?.aborted ? 'interrupted' : 'duration reached' });
}
