/**
 * Writes filter flags back as text: the canonical filter-bar text (`parseHubbleFilterArgs` reads
 * it back to the same flags) and the full `hubble observe …` command line for "Copy as command".
 */
import { normalizeFilterFlags, normalizeFlag } from './build.js';
import { FilterArgsError } from './errors.js';
import { FILTER_FLAGS, OPTION_FLAGS, type FilterFlag, type ObserveOptions } from './flags.js';
import { checkObserveOptions, setOption } from './options.js';
import { shellQuote } from './tokenize.js';

function flagWords(flag: FilterFlag): string[] {
  const words = flag.negated ? ['--not'] : [];
  words.push(`--${flag.flag}`);
  // A value-taking flag prints its value even when empty (an empty HTTP path regex, say).
  if (FILTER_FLAGS.get(flag.flag)?.takesValue) words.push(shellQuote(flag.value));
  return words;
}

function textWords(text: readonly string[], afterFlags: boolean): string[] {
  if (text.length === 0) return [];
  const quoted = text.map(shellQuote);
  // A leading `hubble` would read as a pasted command; a leading `-` as a flag.
  if (!afterFlags && /(^|\/)hubble$/.test(text[0] as string)) quoted[0] = `'${text[0] as string}'`;
  return text.some((w) => w.startsWith('-')) ? ['--', ...quoted] : quoted;
}

/**
 * Canonical filter-bar text for these flags (long flag names, values shell-quoted when needed),
 * followed by any free-text words. Throws FilterArgsError for an unknown flag or invalid value.
 */
export function formatHubbleFilterArgs(flags: readonly FilterFlag[], text: readonly string[] = []): string {
  if (!Array.isArray(flags)) throw new FilterArgsError(null, flags, 'expected a list of filter flags');
  const words: string[] = [];
  flags.forEach((flag, flagIndex) => {
    words.push(...flagWords(normalizeFlag(flag, { flagIndex }).flag));
  });
  words.push(...textWords(text, words.length > 0));
  return words.join(' ');
}

export type HubbleObserveCommandOptions = ObserveOptions;

/**
 * The `hubble observe …` command line equivalent to these flags, ready to paste into a shell.
 * Validates like the CLI would (values, flag combinations, option combinations) and throws
 * FilterArgsError if it would not run.
 */
export function hubbleObserveCommand(flags: readonly FilterFlag[], opts: HubbleObserveCommandOptions = {}): string {
  const normalized = normalizeFilterFlags(flags);
  const options: ObserveOptions = {};
  for (const [name, value] of Object.entries(opts ?? {})) {
    if (value === undefined || value === false) continue;
    const spec = OPTION_FLAGS.get(name);
    if (spec === undefined) throw new FilterArgsError(`--${name}`, value, 'unknown hubble observe option');
    setOption(options, spec.name, String(value), {});
  }
  checkObserveOptions(options);
  const words = ['hubble', 'observe'];
  if (options.server !== undefined) words.push('--server', shellQuote(options.server));
  for (const flag of normalized) words.push(...flagWords(flag));
  if (options.since !== undefined) words.push('--since', shellQuote(options.since));
  if (options.until !== undefined) words.push('--until', shellQuote(options.until));
  if (options.first !== undefined) words.push('--first', String(options.first));
  if (options.last !== undefined) words.push('--last', String(options.last));
  if (options.all) words.push('--all');
  if (options.follow) words.push('--follow');
  if (options.output !== undefined) words.push('--output', options.output);
  return words.join(' ');
}
