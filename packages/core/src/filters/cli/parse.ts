/**
 * Reads hubble-CLI-style filter text (`--namespace shop --verdict DROPPED --to-port 443`, or a
 * whole pasted `hubble observe …` line) the way pflag would: `--flag value`, `--flag=value`,
 * `-n value`, `-nvalue`, clustered short switches (`-4f`), `--not` before a filter flag, `--` to
 * end the flags. Words that are not flags or flag values are free-text search terms, which no
 * FlowFilter can express: they are returned in `text` for local filtering.
 *
 * Deliberate differences from pflag, so mistakes are caught rather than silently run:
 * a flag that needs a value does not swallow a following unquoted `-…` word (`--namespace
 * --verdict X` is "missing value"); switches take no value other than `true`.
 */
import type { FlowFilterInput } from '../types.js';
import { buildFilters, type LocatedFlag } from './build.js';
import { FilterArgsError, type FilterArgsLocation } from './errors.js';
import {
  FILTER_FLAGS,
  isFilterFlagName,
  OPTION_FLAGS,
  SHORT_FLAGS,
  UNSUPPORTED_FILTER_FLAGS,
  UNSUPPORTED_OPTIONS,
  type FilterFlag,
  type ObserveOptions,
} from './flags.js';
import { checkObserveOptions, setOption } from './options.js';
import { tokenize, type Token } from './tokenize.js';

export interface ParsedFilterArgs {
  /** What to send as GetFlowsRequest.whitelist (upstream semantics). */
  whitelist: FlowFilterInput[];
  /** What to send as GetFlowsRequest.blacklist. */
  blacklist: FlowFilterInput[];
  /** The filter flags in order, values normalised. */
  flags: FilterFlag[];
  /** Non-filter `hubble observe` options found in the text (`--follow`, `--last N`, `-o`, …). */
  options: ObserveOptions;
  /** Free-text words (local-only: no FlowFilter field can express them). */
  text: string[];
}

interface Cursor {
  tokens: Token[];
  i: number;
}

function locate(token: Token, index: number, valueToken?: Token): FilterArgsLocation {
  return { position: token.start, end: (valueToken ?? token).end, tokenIndex: index };
}

function isFlagLike(token: Token): boolean {
  return token.text.length > 1 && token.text.startsWith('-');
}

/** The value of a flag given as a separate word. */
function nextValue(cur: Cursor, flagToken: Token, flagIndex: number, label: string): { value: string; token: Token } {
  const token = cur.tokens[cur.i + 1];
  if (token === undefined || (!token.quoted && isFlagLike(token))) {
    throw new FilterArgsError(label, null, 'flag needs a value', locate(flagToken, flagIndex));
  }
  cur.i++;
  return { value: token.text, token };
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

function suggestion(name: string): string {
  if (name.length > 40) return '';
  const known = [...FILTER_FLAGS.keys(), ...OPTION_FLAGS.keys(), 'not'];
  let best = '';
  let bestDistance = 3;
  for (const candidate of known) {
    const d = levenshtein(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best === '' ? '' : ` (did you mean --${best}?)`;
}

function unknownFlag(name: string, where: FilterArgsLocation): FilterArgsError {
  if (Object.hasOwn(UNSUPPORTED_FILTER_FLAGS, name)) {
    return new FilterArgsError(`--${name}`, null, UNSUPPORTED_FILTER_FLAGS[name] as string, where);
  }
  if (UNSUPPORTED_OPTIONS.has(name)) {
    return new FilterArgsError(`--${name}`, null, 'this hubble observe option is not taken by the filter bar', where);
  }
  return new FilterArgsError(`--${name}`, null, `unknown flag${suggestion(name)}`, where);
}

/** Drops a leading `hubble observe [flows]`, so a whole pasted command line parses. */
function skipCommand(tokens: Token[]): number {
  const first = tokens[0];
  if (first === undefined || first.quoted || !/(^|\/)hubble$/.test(first.text)) return 0;
  const second = tokens[1];
  if (second === undefined || second.text !== 'observe') {
    throw new FilterArgsError(null, first.text, 'only `hubble observe` commands can be used as filters', { position: first.start, end: (second ?? first).end, tokenIndex: 0 });
  }
  const third = tokens[2];
  if (third === undefined || third.text.startsWith('-')) return 2;
  if (third.text === 'flows') return 3;
  throw new FilterArgsError(null, third.text, `\`hubble observe ${third.text}\` does not observe flows`, locate(third, 2));
}

/**
 * Parses hubble-CLI-style filter text. Throws FilterArgsError (a FilterError) naming the flag and
 * the character position for bad quoting, unknown flags, missing or invalid values and flag
 * combinations upstream refuses; never anything else, whatever the input.
 */
export function parseHubbleFilterArgs(text: string): ParsedFilterArgs {
  if (typeof text !== 'string') throw new FilterArgsError(null, text, 'expected filter text');
  const tokens = tokenize(text);
  const cur: Cursor = { tokens, i: skipCommand(tokens) };
  const located: LocatedFlag[] = [];
  const options: ObserveOptions = {};
  const words: string[] = [];
  let pendingNot: { token: Token; index: number } | null = null;
  let endOfFlags = false;
  let optionWhere: FilterArgsLocation = {};

  const notMustPrecedeFilter = () => {
    const p = pendingNot as { token: Token; index: number };
    return new FilterArgsError('--not', null, '--not must be followed by a filter flag', locate(p.token, p.index));
  };

  const handle = (name: string, inline: string | undefined, token: Token, index: number, label: string) => {
    const where = locate(token, index);
    if (name === 'not') {
      if (inline !== undefined && inline !== 'true') throw new FilterArgsError(label, inline, 'takes no value', where);
      if (pendingNot) throw new FilterArgsError(label, null, 'consecutive --not statements', where);
      pendingNot = { token, index };
      return;
    }
    const filterSpec = isFilterFlagName(name) ? FILTER_FLAGS.get(name) : undefined;
    const optionSpec = OPTION_FLAGS.get(name);
    const spec = filterSpec ?? optionSpec;
    if (spec === undefined) throw unknownFlag(name, where);
    let value = '';
    let valueToken: Token | undefined;
    if (spec.takesValue) {
      if (inline !== undefined) value = inline;
      else ({ value, token: valueToken } = nextValue(cur, token, index, label));
    } else if (inline !== undefined && inline !== 'true') {
      throw new FilterArgsError(label, inline, 'takes no value', where);
    }
    const span = locate(token, index, valueToken);
    if (filterSpec) {
      located.push({ flag: { flag: filterSpec.name, value, negated: pendingNot !== null }, where: span });
      pendingNot = null;
    } else {
      if (pendingNot) throw notMustPrecedeFilter();
      setOption(options, (optionSpec as { name: keyof ObserveOptions }).name, value, span);
      optionWhere = span;
    }
  };

  for (; cur.i < tokens.length; cur.i++) {
    const token = tokens[cur.i] as Token;
    const index = cur.i;
    const word = token.text;
    if (endOfFlags || !isFlagLike(token)) {
      if (pendingNot) throw notMustPrecedeFilter();
      words.push(word);
      continue;
    }
    if (word === '--') {
      if (pendingNot) throw notMustPrecedeFilter();
      endOfFlags = true;
      continue;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      if (name === '' || name.startsWith('-')) {
        throw new FilterArgsError(null, word, `bad flag syntax: ${word}`, locate(token, index));
      }
      handle(name, eq < 0 ? undefined : word.slice(eq + 1), token, index, `--${name}`);
      continue;
    }
    // A cluster of short flags: switches may be grouped, a flag that takes a value ends the group.
    const letters = word.slice(1);
    for (let k = 0; k < letters.length; k++) {
      const letter = letters[k] as string;
      const name = SHORT_FLAGS.get(letter);
      if (name === undefined) {
        throw new FilterArgsError(`-${letter}`, word, `unknown shorthand flag ${JSON.stringify(letter)} in ${word}`, locate(token, index));
      }
      const rest = letters.slice(k + 1);
      const takesValue = (FILTER_FLAGS.get(name as never) ?? OPTION_FLAGS.get(name))?.takesValue ?? false;
      if (rest.startsWith('=')) {
        handle(name, rest.slice(1), token, index, `-${letter}`);
        break;
      }
      if (takesValue && rest !== '') {
        handle(name, rest, token, index, `-${letter}`);
        break;
      }
      handle(name, undefined, token, index, `-${letter}`);
    }
  }
  if (pendingNot) {
    const p = pendingNot as { token: Token; index: number };
    throw new FilterArgsError('--not', null, 'trailing --not found in the arguments', locate(p.token, p.index));
  }
  checkObserveOptions(options, optionWhere);
  const built = buildFilters(located);
  return { whitelist: built.whitelist, blacklist: built.blacklist, flags: built.flags, options, text: words };
}
