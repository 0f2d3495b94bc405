/**
 * Streams a recording: lines in, decoded records out, with line numbers. A bad line is counted,
 * reported with its number and skipped (strict mode throws instead); a line over the length
 * limit is skipped without being held in memory; gzip is recognised by its magic bytes; broken
 * gzip ends the read with everything before the break delivered.
 *
 * Unknown line types (from a newer writer) are not bad lines: they are yielded as kind
 * `unknown` and listed in `stats.unknown`, in strict mode too.
 */
import { decodeRecordingLine, RecordingLineError, type RecordingEnd, type RecordingHeader, type RecordingLine } from '@starmap/core';
import { describeSource, GunzipFailure, recordingBytes, type ByteProgress, type RecordingSource } from './byte-source.js';
import { RecordingError } from './errors.js';
import { LineSplitter, type SplitLine } from './line-splitter.js';

export type { RecordingSource } from './byte-source.js';

/** A decoded line and the 1-based line number it was read from. */
export type RecordingRecord = RecordingLine & { line: number };

export interface BadLine {
  line: number;
  message: string;
}

export interface RecordingReaderOptions {
  /** Throw a RecordingError at the first bad line instead of skipping it (default false). */
  strict?: boolean;
  /** Longest line accepted, in bytes (default 16 MiB). Longer lines are bad lines. */
  maxLineBytes?: number;
  /** Name used in messages (default: the path, or "buffer"/"stream"). */
  name?: string;
  /** How many bad lines `stats.bad` lists (default 100); `stats.badLines` counts them all. */
  maxBadListed?: number;
}

export interface RecordingStats {
  /** Lines read, blank ones included. */
  lines: number;
  flows: number;
  /** node_status and lost_events responses. */
  events: number;
  snapshots: number;
  /** Lines of a type this version does not know (skipped by replay). */
  unknown: { line: number; type: string }[];
  /** The first `maxBadListed` bad lines with what is wrong with each. */
  bad: BadLine[];
  /** All bad lines, listed or not. */
  badLines: number;
  /** Bytes after decompression. */
  bytes: number;
  /** Bytes read from the source (compressed size for gzip). */
  rawBytes: number;
  gzip: boolean;
  /** The input broke off (truncated or corrupt gzip); `bad` says where. */
  truncated: boolean;
  /** Most bytes of one line held at once (bounded by maxLineBytes, however long a line is). */
  peakLineBytes: number;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

export class RecordingReader implements AsyncIterable<RecordingRecord> {
  readonly stats: RecordingStats = {
    lines: 0,
    flows: 0,
    events: 0,
    snapshots: 0,
    unknown: [],
    bad: [],
    badLines: 0,
    bytes: 0,
    rawBytes: 0,
    gzip: false,
    truncated: false,
    peakLineBytes: 0,
  };
  private headerLine: RecordingHeader | null = null;
  private endLine: RecordingEnd | null = null;
  private used = false;
  private readonly strict: boolean;
  private readonly maxLineBytes: number;
  private readonly maxBadListed: number;
  private readonly name: string;

  constructor(
    private readonly source: RecordingSource,
    opts: RecordingReaderOptions = {},
  ) {
    this.strict = opts.strict ?? false;
    this.maxLineBytes = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.maxBadListed = opts.maxBadListed ?? 100;
    this.name = opts.name ?? describeSource(source);
    if (!Number.isInteger(this.maxLineBytes) || this.maxLineBytes < 1) {
      throw new RecordingError('usage', `maxLineBytes must be a positive integer, got ${String(opts.maxLineBytes)}`);
    }
  }

  /** The first header line read, if any (a plain `hubble observe` file has none). */
  get header(): RecordingHeader | null {
    return this.headerLine;
  }

  /** The end line, if the recording was closed cleanly and has been read to its end. */
  get end(): RecordingEnd | null {
    return this.endLine;
  }

  /** Reads everything; returns the records (use the iterator for big files). */
  async readAll(): Promise<RecordingRecord[]> {
    const out: RecordingRecord[] = [];
    for await (const r of this) out.push(r);
    return out;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordingRecord> {
    if (this.used) throw new RecordingError('usage', `recording ${this.name} is already being read; make a new RecordingReader`);
    this.used = true;
    return this.records();
  }

  private bad(line: number, message: string, code: 'bad-line' | 'line-too-long' | 'truncated' | 'corrupt'): void {
    this.stats.badLines++;
    if (this.stats.bad.length < this.maxBadListed) this.stats.bad.push({ line, message });
    if (this.strict) throw new RecordingError(code, `${this.name}: line ${line}: ${message}`, line);
  }

  private decode(line: number, text: string): RecordingRecord | null {
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return null;
    let decoded: RecordingLine;
    try {
      decoded = decodeRecordingLine(text);
    } catch (err) {
      if (!(err instanceof RecordingLineError)) throw err;
      this.bad(line, err.message, 'bad-line');
      return null;
    }
    switch (decoded.kind) {
      case 'flow':
        this.stats.flows++;
        break;
      case 'event':
        this.stats.events++;
        break;
      case 'snapshot':
        this.stats.snapshots++;
        break;
      case 'header':
        this.headerLine ??= decoded.header;
        break;
      case 'end':
        this.endLine = decoded.end;
        break;
      case 'unknown':
        this.stats.unknown.push({ line, type: decoded.type });
        break;
    }
    return { ...decoded, line };
  }

  private async *records(): AsyncGenerator<RecordingRecord> {
    const splitter = new LineSplitter(this.maxLineBytes);
    const progress: ByteProgress = { rawBytes: 0, bytes: 0, gzip: false };
    try {
      for await (const chunk of recordingBytes(this.source, this.name, progress)) {
        this.syncBytes(progress);
        yield* this.handleLines(splitter.push(chunk), splitter);
      }
    } catch (err) {
      this.syncBytes(progress);
      if (!(err instanceof GunzipFailure)) throw err;
      this.stats.truncated = true;
      const line = splitter.currentLine;
      const lost = splitter.discardPending();
      const what =
        err.kind === 'truncated'
          ? `gzip data ends unexpectedly after ${progress.rawBytes} compressed bytes (the file is truncated)`
          : `gzip data is corrupt near compressed byte ${err.atByte} (zlib: ${err.zlibMessage})`;
      const tail = lost > 0 ? `; the ${lost} bytes read of line ${line} are incomplete and skipped` : '';
      this.stats.lines = Math.max(this.stats.lines, lost > 0 ? line : line - 1);
      const read = line > 1 ? `lines 1-${line - 1} were read` : 'no complete line was read';
      this.bad(line, `${what}; ${read}${tail}`, err.kind);
      return;
    }
    this.syncBytes(progress);
    yield* this.handleLines(splitter.finish(), splitter);
    if (progress.rawBytes === 0) throw new RecordingError('empty', `empty recording: ${this.name} has 0 bytes`);
    if (progress.bytes === 0) throw new RecordingError('empty', `empty recording: ${this.name} is gzip data that decompresses to 0 bytes`);
  }

  /** A generator, so that lines before a bad one are delivered before strict mode throws. */
  private *handleLines(lines: SplitLine[], splitter: LineSplitter): Generator<RecordingRecord> {
    this.stats.peakLineBytes = splitter.peakBufferedBytes;
    for (const l of lines) {
      this.stats.lines = l.line;
      if ('tooLong' in l) {
        this.bad(l.line, `line is ${formatBytes(l.bytes)} long, over the ${formatBytes(this.maxLineBytes)} limit; skipped to the next line`, 'line-too-long');
        continue;
      }
      const r = this.decode(l.line, l.text);
      if (r) yield r;
    }
  }

  private syncBytes(p: ByteProgress): void {
    this.stats.bytes = p.bytes;
    this.stats.rawBytes = p.rawBytes;
    this.stats.gzip = p.gzip;
  }
}

/** Opens and reads a whole recording (convenience for tests and small files). */
export async function readRecording(source: RecordingSource, opts: RecordingReaderOptions = {}): Promise<{ records: RecordingRecord[]; reader: RecordingReader }> {
  const reader = new RecordingReader(source, opts);
  const records = await reader.readAll();
  return { records, reader };
}
