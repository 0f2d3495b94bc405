/**
 * Hubble compiles dns_query, http_path and http_url filters as Go (RE2) regular expressions and
 * searches (does not anchor) the value. JavaScript regexes agree on the common syntax; two RE2
 * spellings are translated: leading inline flags such as `(?i)` become regex flags, and named
 * groups `(?P<name>…)` become `(?<name>…)`. Anything JavaScript rejects is a FilterError.
 */
import { FilterError } from './errors.js';

const LEADING_FLAGS = /^\(\?([imsU]+)\)/;

export function compileGoRegex(field: string, pattern: string): RegExp {
  if (typeof pattern !== 'string') throw new FilterError(field, pattern, 'expected a regular expression string');
  let source = pattern;
  let flags = '';
  const lead = LEADING_FLAGS.exec(source);
  if (lead) {
    const goFlags = lead[1] as string;
    if (goFlags.includes('U')) throw new FilterError(field, pattern, 'the ungreedy flag (?U) is not supported');
    flags = [...new Set(goFlags)].join('');
    source = source.slice(lead[0].length);
  }
  source = source.replaceAll('(?P<', '(?<');
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new FilterError(field, pattern, `invalid regular expression (${(err as Error).message})`);
  }
}
