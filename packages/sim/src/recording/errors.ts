/** The one error type recording I/O throws: `code` says what kind of trouble, `line` where. */
export type RecordingErrorCode =
  /** The input has no data at all. */
  | 'empty'
  /** A line is not a valid recording line (strict mode only; lenient readers skip it). */
  | 'bad-line'
  /** A line is longer than maxLineBytes (strict mode only). */
  | 'line-too-long'
  /** Gzip data ends before the gzip stream does. */
  | 'truncated'
  /** Gzip data that cannot be decompressed. */
  | 'corrupt'
  /** Opening, reading or writing the file failed. */
  | 'io'
  /** Misuse: writing after close, iterating twice, a recording with nothing to replay, bad options. */
  | 'usage';

export class RecordingError extends Error {
  constructor(
    readonly code: RecordingErrorCode,
    message: string,
    /** 1-based line number the problem is on, when there is one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'RecordingError';
  }
}
