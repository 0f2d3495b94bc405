import { describe, expect, it } from 'vitest';
import { FilterArgsError } from './errors.js';
import type { FilterFlag } from './flags.js';
import { formatHubbleFilterArgs, hubbleObserveCommand } from './format.js';
import { parseHubbleFilterArgs } from './parse.js';
import { tokenize } from './tokenize.js';

const f = (flag: FilterFlag['flag'], value = '', negated = false): FilterFlag => ({ flag, value, negated });

describe('formatHubbleFilterArgs', () => {
  it('writes long flags, --not and shell-quoted values', () => {
    expect(
      formatHubbleFilterArgs([
        f('namespace', 'shop'),
        f('verdict', 'dropped'),
        f('to-port', '443'),
        f('protocol', 'udp', true),
        f('http-path', '/page/\\d+'),
        f('label', 'app in (a, b)'),
        f('all-namespaces', '', true),
        f('http-url', ''),
      ]),
    ).toBe(`--namespace shop --verdict DROPPED --to-port 443 --not --protocol udp --http-path '/page/\\d+' --label 'app in (a, b)' --not --all-namespaces --http-url ''`);
  });

  it('appends free text, behind -- when a word looks like a flag', () => {
    expect(formatHubbleFilterArgs([f('namespace', 'a')], ['reviews', 'v 2'])).toBe(`--namespace a reviews 'v 2'`);
    expect(formatHubbleFilterArgs([], ['-x', 'y'])).toBe(`-- '-x' y`);
    expect(formatHubbleFilterArgs([], ['hubble', 'observe'])).toBe(`'hubble' observe`);
    expect(formatHubbleFilterArgs([])).toBe('');
  });

  it('reads back to the same flags and text', () => {
    const flags = [f('from-namespace', 'a'), f('to-namespace', 'b'), f('http-header', "X-It's: a b"), f('node-name', 'kind-*'), f('pod', '-weird', true)];
    const text = formatHubbleFilterArgs(flags, ['free', "it's"]);
    const parsed = parseHubbleFilterArgs(text);
    expect(parsed.flags).toEqual(flags);
    expect(parsed.text).toEqual(['free', "it's"]);
  });

  it('refuses invalid flags, naming the entry', () => {
    let err: unknown;
    try {
      formatHubbleFilterArgs([f('namespace', 'a'), f('verdict', 'SOMETIMES')]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterArgsError);
    expect((err as FilterArgsError).flagIndex).toBe(1);
  });
});

describe('hubbleObserveCommand', () => {
  it('gives the issue example as a command line', () => {
    expect(hubbleObserveCommand([f('namespace', 'shop'), f('verdict', 'DROPPED'), f('to-port', '443')])).toBe(
      'hubble observe --namespace shop --verdict DROPPED --to-port 443',
    );
  });

  it('adds server, time range, count, follow and output', () => {
    expect(
      hubbleObserveCommand([f('label', 'reserved:world'), f('verdict', 'FORWARDED', true)], {
        server: 'relay.example:443',
        since: '5 min ago',
        last: 100,
        follow: true,
        output: 'jsonpb',
      }),
    ).toBe(`hubble observe --server relay.example:443 --label reserved:world --not --verdict FORWARDED --since '5 min ago' --last 100 --follow --output jsonpb`);
    expect(hubbleObserveCommand([], { first: 10, follow: false })).toBe('hubble observe --first 10');
    expect(hubbleObserveCommand([], { all: true })).toBe('hubble observe --all');
  });

  it('a pasted command round-trips through parse', () => {
    const line = `hubble observe --server localhost:4245 --from-namespace kube-system --to-namespace jaeger --not --http-path '^/metrics$' --until 2021-11-10 --all --output compact`;
    const parsed = parseHubbleFilterArgs(line);
    expect(hubbleObserveCommand(parsed.flags, parsed.options)).toBe(line);
  });

  it('refuses what hubble would refuse', () => {
    expect(() => hubbleObserveCommand([f('ip', '10.0.0.1'), f('from-ip', '10.0.0.2')])).toThrow(/cannot be combined/);
    expect(() => hubbleObserveCommand([], { first: 1, last: 1 })).toThrow(/cannot set both --first and --last/);
    expect(() => hubbleObserveCommand([], { last: -1 })).toThrow(FilterArgsError);
    expect(() => hubbleObserveCommand([], { output: 'yaml' as never })).toThrow(/invalid output format/);
    expect(() => hubbleObserveCommand([], { color: 'auto' } as never)).toThrow(/unknown hubble observe option/);
  });

  it('the command is one shell line whose words are the flags', () => {
    const flags = [f('http-header', 'a:b c'), f('pod', "o'brien")];
    const words = tokenize(hubbleObserveCommand(flags)).map((t) => t.text);
    expect(words).toEqual(['hubble', 'observe', '--http-header', 'a:b c', '--pod', "o'brien"]);
  });
});
