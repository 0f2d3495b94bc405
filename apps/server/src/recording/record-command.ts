import { FilterError } from '@starmap/core';
import { parseConfig } from '../config.js';
import { agentEndpointsOf } from '../runtime.js';
import { flowQuery } from '../sources/flow-query.js';
import { relayTarget } from '../tls.js';
import { record } from './recorder.js';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const UNIT: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

export function parseDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new Error(`--duration: expected e.g. 30s, 5m or 1h, got "${text}"`);
  return Number(m[1]) * UNIT[m[2]!]!;
}

function human(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** `starmap record`: returns the exit code. */
export async function runRecord(opts: Record<string, string | boolean | undefined>, words: string[]): Promise<number> {
  let durationMs: number | undefined;
  let config;
  let query;
  const filterText = [opts.filter, ...words].filter((w): w is string => typeof w === 'string' && w !== '').join(' ');
  try {
    durationMs = typeof opts.duration === 'string' ? parseDuration(opts.duration) : undefined;
    config = parseConfig({ ...opts, port: 0 });
    query = flowQuery(filterText);
  } catch (err) {
    const message = err instanceof FilterError ? `filter: ${err.message}` : (err as Error).message;
    console.error(`starmap record: ${message}`);
    return 2;
  }
  const out = String(opts.out);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  const tty = process.stderr.isTTY;
  try {
    const summary = await record({
      target: relayTarget(config, config.hubbleServer ?? 'localhost:4245'),
      agentEndpoints: config.ciliumSocket || config.ciliumApi ? agentEndpointsOf(config) : [],
      out,
      query,
      durationMs,
      signal: abort.signal,
      overwrite: Boolean(opts.overwrite),
      onProgress: (p) => {
        const elapsed = new Date(p.elapsedMs).toISOString().slice(11, 19);
        const line = `recording ${out}: ${elapsed} elapsed, ${p.flows.toLocaleString('en-US')} flows, ${human(p.bytes)}${p.lastError ? ` — ${p.lastError}` : ''}`;
        process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
      },
    });
    if (tty) process.stderr.write('\n');
    console.error(`wrote ${out}: ${summary.flows} flows, ${summary.snapshots} snapshots, ${human(summary.outputBytes)}`);
    return summary.flows > 0 ? 0 : 1;
  } catch (err) {
    console.error(`starmap record: ${(err as Error).message}`);
    return 1;
  }
}
