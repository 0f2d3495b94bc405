import { describe, expect, it } from 'vitest';
import { parseFilterText } from './filterModel';
import { errorSpan } from './errorSpan';

describe('underlining the part of the filter that is wrong', () => {
  it('cuts the text around the offending flag and value', () => {
    const text = '--namespace shop --verdict MAYBE --to-port 443';
    const error = parseFilterText(text).error!;
    expect(errorSpan(text, error)).toEqual({ before: '--namespace shop ', bad: '--verdict MAYBE', after: ' --to-port 443' });
  });

  it('points at the end for a flag missing its value', () => {
    const text = '--namespace shop --to-port';
    expect(errorSpan(text, parseFilterText(text).error!).bad).toBe('--to-port');
  });

  it('shows no span when the error has no usable position', () => {
    expect(errorSpan('abc', { position: null, end: null })).toEqual({ before: 'abc', bad: null, after: '' });
    expect(errorSpan('abc', { position: 9, end: 12 }).bad).toBeNull();
    expect(errorSpan('abc', { position: 1, end: null })).toEqual({ before: 'a', bad: '', after: 'bc' });
  });
});
