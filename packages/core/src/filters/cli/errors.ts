import { FilterError } from '../errors.js';

/** Where in the input an error was found; null fields are unknown (e.g. flags built by the UI). */
export interface FilterArgsLocation {
  /** Character offset where the offending token starts in the parsed text. */
  position?: number | null;
  /** Character offset just past the offending token. */
  end?: number | null;
  /** Index of the offending token (after shell-style splitting). */
  tokenIndex?: number | null;
  /** Index of the offending entry in the FilterFlag list. */
  flagIndex?: number | null;
}

/**
 * A hubble-CLI-style filter that cannot be used: bad quoting, an unknown flag, a missing or invalid
 * value, or flags upstream refuses to combine. A FilterError, so callers that already turn
 * FilterError into HTTP 400 / gRPC INVALID_ARGUMENT handle it too; `flag` and the location let
 * a filter bar underline the offending token.
 */
export class FilterArgsError extends FilterError {
  /** The flag concerned, with its dashes (e.g. '--verdict'); null for syntax errors. */
  readonly flag: string | null;
  readonly reason: string;
  readonly position: number | null;
  readonly end: number | null;
  readonly tokenIndex: number | null;
  readonly flagIndex: number | null;

  constructor(flag: string | null, value: unknown, reason: string, where: FilterArgsLocation = {}) {
    super(flag ?? 'filter arguments', value, reason);
    this.flag = flag;
    this.reason = reason;
    this.position = where.position ?? null;
    this.end = where.end ?? null;
    this.tokenIndex = where.tokenIndex ?? null;
    this.flagIndex = where.flagIndex ?? null;
    const at = this.position === null ? '' : ` (at character ${this.position + 1})`;
    this.message = `${flag === null ? '' : `${flag}: `}${reason}${at}`;
  }
}
