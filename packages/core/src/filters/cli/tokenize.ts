/**
 * Splits a command line into words the way a POSIX shell would for the quoting people actually
 * paste: blanks separate words, '…' is literal, "…" honours \\ \" \$ \` and line continuations,
 * a backslash outside quotes escapes the next character. Expansions and operators are refused
 * rather than passed through, since we cannot do what a shell would with them.
 */
import { FilterArgsError } from './errors.js';

export interface Token {
  /** The word after quote removal. */
  text: string;
  /** Offset of the word's first character in the input. */
  start: number;
  /** Offset just past the word. */
  end: number;
  /** Some part of the word was quoted or escaped. */
  quoted: boolean;
}

const BLANK = /[ \t\r\n]/;
const OPERATOR = /[|;&<>()`]/;
const DOUBLE_QUOTE_ESCAPABLE = new Set(['\\', '"', '$', '`']);

function syntaxError(reason: string, position: number, end: number, text: string): FilterArgsError {
  return new FilterArgsError(null, text.slice(position, end), reason, { position, end });
}

/** `$` starts an expansion when followed by a name, `{` or `(`; a lone `$` is literal. */
function startsExpansion(input: string, i: number): boolean {
  const next = input[i + 1];
  return next !== undefined && /[A-Za-z_{(0-9@*#?!$-]/.test(next);
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const ch = input[i] as string;
    if (BLANK.test(ch)) {
      i++;
      continue;
    }
    if (ch === '\\' && input[i + 1] === '\n') {
      i += 2; // line continuation between words
      continue;
    }
    const start = i;
    let text = '';
    let quoted = false;
    while (i < n) {
      const c = input[i] as string;
      if (BLANK.test(c)) break;
      if (c === "'") {
        const close = input.indexOf("'", i + 1);
        if (close < 0) throw syntaxError('unterminated single quote', i, n, input);
        text += input.slice(i + 1, close);
        quoted = true;
        i = close + 1;
      } else if (c === '"') {
        quoted = true;
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const d = input[j] as string;
          if (d === '"') {
            closed = true;
            break;
          }
          if (d === '\\' && j + 1 < n) {
            const e = input[j + 1] as string;
            if (e === '\n') {
              j += 2;
              continue;
            }
            if (DOUBLE_QUOTE_ESCAPABLE.has(e)) {
              text += e;
              j += 2;
              continue;
            }
          }
          if (d === '`' || (d === '$' && startsExpansion(input, j))) {
            throw syntaxError('command substitution and variables are not supported; quote the value with single quotes', j, j + 1, input);
          }
          text += d;
          j++;
        }
        if (!closed) throw syntaxError('unterminated double quote', i, n, input);
        i = j + 1;
      } else if (c === '\\') {
        quoted = true;
        if (i + 1 < n) {
          const e = input[i + 1] as string;
          if (e !== '\n') text += e;
          i += 2;
        } else {
          text += c;
          i++;
        }
      } else if (OPERATOR.test(c)) {
        throw syntaxError(`shell operator ${JSON.stringify(c)} is not supported; quote it if it is part of a value`, i, i + 1, input);
      } else if (c === '$' && startsExpansion(input, i)) {
        throw syntaxError('shell variables are not expanded; quote the value with single quotes', i, i + 1, input);
      } else {
        text += c;
        i++;
      }
    }
    tokens.push({ text, start, end: i, quoted });
  }
  return tokens;
}

/** Characters that never need quoting in a POSIX shell word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes a word so that a POSIX shell (and `tokenize`) reads it back unchanged. Words starting
 * with `-` are quoted too, so they can never be mistaken for a flag.
 */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word) && !word.startsWith('-')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
