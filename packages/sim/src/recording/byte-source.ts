/**
 * Where a recording's bytes come from (a file path, a buffer, or any chunk iterable) and gzip
 * detection by magic bytes, so a gzipped file named `.jsonl` reads as well as a `.jsonl.gz`.
 */
import { createReadStream } from 'node:fs';
import zlib from 'node:zlib';
import { RecordingError } from './errors.js';

export type RecordingSource = string | Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Counts what went through, for messages and stats. */
export interface ByteProgress {
  /** Bytes read from the source (compressed bytes for gzip). */
  rawBytes: number;
  /** Bytes after decompression (equal to rawBytes for plain input). */
  bytes: number;
  gzip: boolean;
}

/** Raised inside the pipeline when gzip data breaks; the reader turns it into its own message. */
export class GunzipFailure extends Error {
  constructor(
    readonly kind: 'truncated' | 'corrupt',
    /** Compressed bytes fed to zlib when it failed. */
    readonly atByte: number,
    readonly zlibMessage: string,
  ) {
    super(`${kind} gzip data at byte ${atByte}: ${zlibMessage}`);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;
/**
 * Compressed bytes handed to zlib at a time. Each piece is flushed and its output consumed
 * before the next, so memory stays bounded (deflate expands at most about 1000×: 4 MiB for a
 * pathological piece) and nothing decompressed is lost when the data ends early.
 */
const GUNZIP_PIECE_BYTES = 4 * 1024;

export function describeSource(source: RecordingSource): string {
  return typeof source === 'string' ? source : source instanceof Uint8Array ? 'buffer' : 'stream';
}

async function* rawChunks(source: RecordingSource, name: string): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  const iterable: AsyncIterable<Uint8Array> | Iterable<Uint8Array> = typeof source === 'string' ? createReadStream(source, { highWaterMark: 64 * 1024 }) : source;
  try {
    for await (const chunk of iterable) yield chunk;
  } catch (err) {
    if (err instanceof RecordingError) throw err;
    throw new RecordingError('io', `cannot read recording ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Decompressed chunks of the source, gzip or not; progress is updated as bytes flow. */
export async function* recordingBytes(source: RecordingSource, name: string, progress: ByteProgress): AsyncGenerator<Uint8Array> {
  const raw = rawChunks(source, name);
  // Peek until the magic bytes can be judged.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < GZIP_MAGIC.length) {
    const next = await raw.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.byteLength;
  }
  const first = Buffer.concat(head);
  progress.gzip = first.length >= 2 && first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1];
  async function* all(): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await raw.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (!progress.gzip) {
    for await (const chunk of all()) {
      progress.rawBytes += chunk.byteLength;
      progress.bytes += chunk.byteLength;
      yield chunk;
    }
    return;
  }
  yield* gunzip(all(), progress);
}

async function* gunzip(raw: AsyncIterable<Uint8Array>, progress: ByteProgress): AsyncGenerator<Uint8Array> {
  const z = zlib.createGunzip();
  let out: Buffer[] = [];
  let failure: Error | null = null;
  let ended = false;
  let settle: (() => void) | null = null;
  z.on('data', (chunk: Buffer) => out.push(chunk));
  z.on('error', (err) => {
    failure = err;
    settle?.();
  });
  z.on('end', () => {
    ended = true;
    settle?.();
  });
  const waitFor = (start: (done: () => void) => void) =>
    new Promise<void>((resolve) => {
      settle = resolve;
      start(resolve);
    });
  const fail = (err: Error): GunzipFailure => {
    const code = (err as NodeJS.ErrnoException).code;
    return new GunzipFailure(code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt', progress.rawBytes, err.message);
  };
  function* drain(): Generator<Uint8Array> {
    const ready = out;
    out = [];
    for (const chunk of ready) {
      progress.bytes += chunk.byteLength;
      yield chunk;
    }
  }
  try {
    for await (const chunk of raw) {
      for (let i = 0; i < chunk.byteLength; i += GUNZIP_PIECE_BYTES) {
        const piece = chunk.subarray(i, i + GUNZIP_PIECE_BYTES);
        await waitFor((done) => {
          z.write(piece);
          z.flush(zlib.constants.Z_SYNC_FLUSH, done);
        });
        // 'data' events of this flush may still be queued for the next tick.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (!failure) progress.rawBytes += piece.byteLength;
        yield* drain();
        if (failure) throw fail(failure);
      }
    }
    if (!ended) await waitFor(() => z.end());
    await new Promise<void>((resolve) => setImmediate(resolve));
    yield* drain();
    if (failure) throw fail(failure);
  } finally {
    z.destroy();
  }
}
