/**
 * Streams a recording to a file or stream: a header first, then flow and snapshot lines as they
 * come, and on close an `end` line with the real flow time range and counts (the header cannot
 * hold them: they are unknown when writing starts). Gzip when the path ends in `.gz`; the gzip
 * stream is sync-flushed every second so a killed recorder loses at most about a second.
 */
import { createWriteStream, readFileSync, WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import {
  encodeRecordingLine,
  encodeResponseLine,
  formatRecordingTime,
  msToNs,
  RECORDING_FORMAT,
  RECORDING_FORMAT_VERSION,
  timestampToNs,
  type RecordingEnd,
  type RecordingHeader,
  type RecordingSnapshot,
  type SnapshotKind,
} from '@starmap/core';
import type { observer } from '@starmap/proto';
import { RecordingError } from './errors.js';

export type GetFlowsResponse = observer.GetFlowsResponse.$Properties;

export interface RecordingWriterOptions {
  /** Compress with gzip (default: for a path, when it ends in `.gz`; for a stream, false). */
  gzip?: boolean;
  /** Replace an existing file (default false: refuse with an error). */
  overwrite?: boolean;
  /** Writer name and version for the header (default: starmap and this package's version). */
  tool?: { name: string; version: string };
  /** Where the flows come from, e.g. `relay 127.0.0.1:4245`. */
  source?: string;
  /** The requested time window (RFC 3339), if any. */
  range?: { since?: string; until?: string };
  /** GetFlows whitelist/blacklist in proto JSON, if the recording is filtered. */
  filters?: { whitelist?: Record<string, unknown>[]; blacklist?: Record<string, unknown>[] };
  /** Gzip sync-flush period in ms (default 1000; 0 disables). */
  flushIntervalMs?: number;
  /** Wall clock in ms (tests may replace it). */
  nowMs?: () => number;
}

export interface RecordingCounts {
  flows: number;
  /** node_status and lost_events responses. */
  events: number;
  snapshots: number;
  /** Lines written (header and end included once written). */
  lines: number;
  /** Bytes of JSON text written, before compression. */
  bytes: number;
  /** Bytes that reached the file or stream (after compression when gzip). */
  outputBytes: number;
}

export interface RecordingSummary extends RecordingCounts {
  /** First and last flow time in ms since the epoch (null without flows). */
  firstFlowMs: number | null;
  lastFlowMs: number | null;
  gzip: boolean;
}

function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class RecordingWriter {
  private readonly counts: RecordingCounts = { flows: 0, events: 0, snapshots: 0, lines: 0, bytes: 0, outputBytes: 0 };
  private firstNs: bigint | null = null;
  private lastNs: bigint | null = null;
  private failure: Error | null = null;
  private closing: Promise<RecordingSummary> | null = null;
  private dirty = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly nowMs: () => number;

  private constructor(
    /** Where lines go first: the gzip stream or the output itself. */
    private readonly entry: Writable,
    /** The file or caller's stream. */
    private readonly output: Writable,
    private readonly gzip: zlib.Gzip | null,
    private readonly endOutput: boolean,
    private readonly name: string,
    opts: RecordingWriterOptions,
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
    const onError = (err: Error) => {
      this.failure ??= new RecordingError('io', `cannot write recording ${name}: ${err.message}`);
    };
    output.on('error', onError);
    gzip?.on('error', onError);
    if (gzip) {
      gzip.on('data', (chunk: Buffer) => (this.counts.outputBytes += chunk.byteLength));
      const period = opts.flushIntervalMs ?? 1000;
      if (period > 0) {
        this.flushTimer = setInterval(() => {
          if (!this.dirty || this.closing) return;
          this.dirty = false;
          gzip.flush(zlib.constants.Z_SYNC_FLUSH);
        }, period);
        this.flushTimer.unref();
      }
    }
    const header: RecordingHeader = {
      type: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_FORMAT_VERSION,
      tool: opts.tool ?? { name: 'starmap', version: toolVersion() },
      created: formatRecordingTime(msToNs(this.nowMs())),
      ...(opts.source !== undefined ? { source: opts.source } : {}),
      ...(opts.range !== undefined ? { range: opts.range } : {}),
      ...(opts.filters !== undefined ? { filters: opts.filters } : {}),
    };
    this.writeLine(this.encode(() => encodeRecordingLine({ kind: 'header', header }), 'header'));
  }

  /** Opens `path` for writing (gzip when it ends in `.gz`); fails if it exists unless `overwrite`. */
  static async create(path: string, opts: RecordingWriterOptions = {}): Promise<RecordingWriter> {
    const file = createWriteStream(path, { flags: opts.overwrite ? 'w' : 'wx' });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'EEXIST' ? 'the file already exists (pass overwrite to replace it)' : err.message;
        reject(new RecordingError('io', `cannot create recording ${path}: ${why}`));
      });
    });
    const useGzip = opts.gzip ?? path.endsWith('.gz');
    return RecordingWriter.build(file, useGzip, true, path, opts);
  }

  /** Writes to a stream (e.g. stdout); `end: false` leaves the stream open on close. */
  static toStream(out: Writable, opts: RecordingWriterOptions & { end?: boolean } = {}): RecordingWriter {
    return RecordingWriter.build(out, opts.gzip ?? false, opts.end ?? true, 'stream', opts);
  }

  private static build(out: Writable, useGzip: boolean, endOutput: boolean, name: string, opts: RecordingWriterOptions): RecordingWriter {
    if (!useGzip) {
      return new RecordingWriter(out, out, null, endOutput, name, opts);
    }
    const gz = zlib.createGzip();
    gz.pipe(out, { end: endOutput });
    return new RecordingWriter(gz, out, gz, endOutput, name, opts);
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  /** What has been written so far. */
  stats(): RecordingSummary {
    const ms = (ns: bigint | null) => (ns === null ? null : Number(ns) / 1e6);
    const outputBytes = this.gzip ? this.counts.outputBytes : this.counts.bytes;
    return { ...this.counts, outputBytes, firstFlowMs: ms(this.firstNs), lastFlowMs: ms(this.lastNs), gzip: this.gzip !== null };
  }

  /**
   * Writes one GetFlowsResponse (flow, node_status or lost_events) as a jsonpb line. Returns
   * false when the output is backed up; await `drained()` before writing much more.
   */
  writeResponse(response: GetFlowsResponse): boolean {
    this.assertOpen();
    if (!response.flow && !response.node_status && !response.lost_events) {
      throw new RecordingError('usage', 'cannot record a GetFlowsResponse without flow, node_status or lost_events');
    }
    const text = this.encode(() => encodeResponseLine(response), 'GetFlowsResponse');
    if (response.flow) {
      this.counts.flows++;
      const t = timestampToNs(response.time) ?? timestampToNs(response.flow.time);
      if (t !== null) {
        if (this.firstNs === null || t < this.firstNs) this.firstNs = t;
        if (this.lastNs === null || t > this.lastNs) this.lastNs = t;
      }
    } else {
      this.counts.events++;
    }
    return this.writeLine(text);
  }

  /** Writes an agent (or relay) payload as it was served, stamped with `timeMs` (default now). */
  writeSnapshot(of: SnapshotKind, data: unknown, opts: { node?: string; timeMs?: number } = {}): boolean {
    this.assertOpen();
    const snapshot: RecordingSnapshot = {
      type: 'snapshot',
      of,
      time: formatRecordingTime(msToNs(opts.timeMs ?? this.nowMs())),
      ...(opts.node !== undefined ? { node: opts.node } : {}),
      data,
    };
    const text = this.encode(() => encodeRecordingLine({ kind: 'snapshot', snapshot }), `${of} snapshot`);
    this.counts.snapshots++;
    return this.writeLine(text);
  }

  /** Resolves when the output has room again (at once if it has). */
  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.entry.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.entry.off('drain', done);
        this.entry.off('error', done);
        this.entry.off('close', done);
        resolve();
      };
      this.entry.on('drain', done);
      this.entry.on('error', done);
      this.entry.on('close', done);
    });
    if (this.failure) throw this.failure;
  }

  /**
   * Writes the end line and closes the output. Idempotent: later calls return the same summary
   * and write nothing; writes after it throw.
   */
  close(opts: { reason?: string } = {}): Promise<RecordingSummary> {
    if (this.closing) return this.closing;
    this.closing = this.finish(opts.reason);
    return this.closing;
  }

  private async finish(reason: string | undefined): Promise<RecordingSummary> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (!this.failure) {
      const end: RecordingEnd = {
        type: 'end',
        time: formatRecordingTime(msToNs(this.nowMs())),
        range: {
          ...(this.firstNs !== null ? { first: formatRecordingTime(this.firstNs) } : {}),
          ...(this.lastNs !== null ? { last: formatRecordingTime(this.lastNs) } : {}),
        },
        counts: { flows: this.counts.flows, events: this.counts.events, snapshots: this.counts.snapshots, lines: this.counts.lines },
        ...(reason !== undefined ? { reason } : {}),
      };
      this.writeLine(this.encode(() => encodeRecordingLine({ kind: 'end', end }), 'end'));
    }
    await this.endStreams();
    if (this.failure) throw this.failure;
    return this.stats();
  }

  /** Ends what this writer owns and waits until every byte reached the output. */
  private endStreams(): Promise<void> {
    return new Promise<void>((resolve) => {
      const out = this.output;
      out.once('error', () => resolve());
      if (this.gzip && !this.endOutput) {
        // The caller's stream stays open: done when gzip has pushed its last bytes into it.
        this.gzip.once('end', () => resolve());
        this.gzip.once('error', () => resolve());
        this.gzip.end();
      } else if (this.endOutput) {
        if (out.destroyed) return resolve();
        // A file is done when its descriptor is closed; another stream when it has finished.
        out.once(out instanceof WriteStream ? 'close' : 'finish', () => resolve());
        this.gzip?.once('error', () => resolve());
        this.entry.end();
      } else if (out.writableLength === 0 || out.destroyed) {
        resolve();
      } else {
        out.once('drain', () => resolve());
      }
    });
  }

  private assertOpen(): void {
    if (this.closing) throw new RecordingError('usage', `recording ${this.name} is closed; nothing more can be written`);
    if (this.failure) throw this.failure;
  }

  private encode(make: () => string, what: string): string {
    try {
      return make();
    } catch (err) {
      throw new RecordingError('usage', `cannot record ${what}: ${message(err)}`);
    }
  }

  private writeLine(text: string): boolean {
    const line = `${text}\n`;
    this.counts.lines++;
    this.counts.bytes += Buffer.byteLength(line);
    this.dirty = true;
    return this.entry.write(line);
  }
}
