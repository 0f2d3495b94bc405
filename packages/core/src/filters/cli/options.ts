import { FilterArgsError, type FilterArgsLocation } from './errors.js';
import { OUTPUT_FORMATS, type ObserveOptions, type OutputFormat } from './flags.js';

/** Sets one option from its command-line value (pflag semantics: a repeated option overrides). */
export function setOption(options: ObserveOptions, name: keyof ObserveOptions, raw: string, where: FilterArgsLocation): void {
  const fail = (reason: string): never => {
    throw new FilterArgsError(`--${name}`, raw, reason, where);
  };
  switch (name) {
    case 'follow':
    case 'all':
      options[name] = true;
      return;
    case 'last':
    case 'first': {
      if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(Number(raw))) fail('expected a number of flows');
      options[name] = Number(raw);
      return;
    }
    case 'output': {
      const format = raw.toLowerCase();
      if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) fail(`invalid output format ${JSON.stringify(raw)} (expected one of ${OUTPUT_FORMATS.join(', ')})`);
      options.output = format as OutputFormat;
      return;
    }
    case 'since':
    case 'until':
    case 'server':
      if (raw === '') fail('empty value');
      options[name] = raw;
  }
}

/** The combinations `hubble observe` refuses (flows.go getFlowsRequest). */
export function checkObserveOptions(options: ObserveOptions, where: FilterArgsLocation = {}): void {
  const first = (options.first ?? 0) > 0;
  const last = (options.last ?? 0) > 0;
  const refuse = (a: string, b: string) => {
    throw new FilterArgsError(`--${a}`, options, `cannot set both --${a} and --${b}`, where);
  };
  if (first && last) refuse('first', 'last');
  if (first && options.all) refuse('first', 'all');
  if (first && options.follow) refuse('first', 'follow');
  if (last && options.all) refuse('last', 'all');
  if (options.output === 'table' || options.output === 'tab') {
    if (options.follow) throw new FilterArgsError('--output', options.output, 'table output format is not compatible with follow mode', where);
  }
}
