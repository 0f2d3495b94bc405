/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * a longer line is counted, dropped, and reported once its newline (or the end) arrives. Bytes
 * are decoded as UTF-8 per whole line, so a character split across chunks stays intact.
 */
export type SplitLine =
  | { line: number; text: string }
  /** The line had `bytes` bytes (newline excluded), more than the limit; its content is gone. */
  | { line: number; tooLong: true; bytes: number };

const NEWLINE = 0x0a;

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  /** Bytes of the current line when it is over the limit (its parts were dropped). */
  private skippedBytes = -1;
  private lineNo = 0;
  private peak = 0;

  constructor(readonly maxLineBytes: number) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }

  /** Most bytes of one unfinished line held at once (to show memory stays bounded). */
  get peakBufferedBytes(): number {
    return this.peak;
  }

  /** Number of the line being read (the last complete one after `finish`). */
  get currentLine(): number {
    return this.lineNo + 1;
  }

  /** Bytes of the unfinished line held or skipped so far. */
  get pendingBytes(): number {
    return this.skippedBytes >= 0 ? this.skippedBytes : this.partBytes;
  }

  /** Lines completed by this chunk. */
  push(chunk: Uint8Array): SplitLine[] {
    const buf = asBuffer(chunk);
    const out: SplitLine[] = [];
    let start = 0;
    while (start <= buf.length) {
      const nl = buf.indexOf(NEWLINE, start);
      const end = nl === -1 ? buf.length : nl;
      if (nl !== -1 && this.partBytes === 0 && this.skippedBytes < 0 && end - start <= this.maxLineBytes) {
        // Fast path: the whole line is inside this chunk.
        this.lineNo++;
        out.push({ line: this.lineNo, text: buf.toString('utf8', start, end) });
        start = nl + 1;
        continue;
      }
      this.take(buf, start, end);
      if (nl === -1) break;
      out.push(this.completeLine());
      start = nl + 1;
    }
    return out;
  }

  /** The last line if the input did not end with a newline. */
  finish(): SplitLine[] {
    if (this.partBytes === 0 && this.skippedBytes < 0) return [];
    return [this.completeLine()];
  }

  /** Drops the unfinished line (the input broke off inside it); returns its size in bytes. */
  discardPending(): number {
    const bytes = this.pendingBytes;
    this.parts = [];
    this.partBytes = 0;
    this.skippedBytes = -1;
    return bytes;
  }

  private take(buf: Buffer, start: number, end: number): void {
    const n = end - start;
    if (n === 0) return;
    if (this.skippedBytes >= 0) {
      this.skippedBytes += n;
      return;
    }
    if (this.partBytes + n > this.maxLineBytes) {
      this.skippedBytes = this.partBytes + n;
      this.parts = [];
      this.partBytes = 0;
      return;
    }
    // Copy: the caller may reuse its chunk, and a slice would pin the whole chunk in memory.
    this.parts.push(Buffer.from(buf.subarray(start, end)));
    this.partBytes += n;
    if (this.partBytes > this.peak) this.peak = this.partBytes;
  }

  private completeLine(): SplitLine {
    this.lineNo++;
    const line = this.lineNo;
    if (this.skippedBytes >= 0) {
      const bytes = this.skippedBytes;
      this.skippedBytes = -1;
      return { line, tooLong: true, bytes };
    }
    const text = this.parts.length === 1 ? (this.parts[0] as Buffer).toString('utf8') : Buffer.concat(this.parts, this.partBytes).toString('utf8');
    this.parts = [];
    this.partBytes = 0;
    return { line, text };
  }
}
