/**
 * Hubble compiles dns_query, http_path and http_url filters as Go (RE2) regular expressions and
 * searches (does not anchor) the value. JavaScript regexes agree on the common syntax; the RE2
 * spellings JavaScript lacks are translated: leading inline flags such as `(?i)` become regex
 * flags, `(?P<name>…)` becomes `(?<name>…)`, a leading `]` in a class is escaped, and the text anchors `\A` / `\z` become lookarounds
 * (in JavaScript they would silently mean the letters A and z). Anything JavaScript rejects is a
 * FilterError. Known gap: JavaScript accepts lookarounds and backreferences that RE2 refuses.
 */
import { FilterError } from './errors.js';

const LEADING_FLAGS = /^\(\?([imsU]+)\)/;

function translateRe2(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[i + 1] as string;
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else out += ch + next;
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      // In RE2 a leading ']' (or '^]') is a literal member; JavaScript would read `[]` as empty.
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (ch === '(' && source.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else {
      out += ch;
    }
  }
  return out;
}

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
  try {
    return new RegExp(translateRe2(source), flags);
  } catch (err) {
    throw new FilterError(field, pattern, `invalid regular expression (${(err as Error).message})`);
  }
}
