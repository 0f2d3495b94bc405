import type { FilterArgsError } from '@starmap/core';

export interface ErrorSpan {
  before: string;
  /** The offending token; null when the error has no position. */
  bad: string | null;
  after: string;
}

/** Splits the text around the token an error points at, for underlining it. */
export function errorSpan(text: string, error: Pick<FilterArgsError, 'position' | 'end'>): ErrorSpan {
  const start = error.position;
  if (start === null || start < 0 || start > text.length) return { before: text, bad: null, after: '' };
  const end = Math.min(text.length, Math.max(start, error.end ?? start));
  return { before: text.slice(0, start), bad: text.slice(start, end), after: text.slice(end) };
}
