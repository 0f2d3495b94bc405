import { describe, expect, it } from 'vitest';
import { FilterError } from '../errors.js';
import { FilterArgsError } from './errors.js';
import { parseHubbleFilterArgs } from './parse.js';
import { shellQuote, tokenize } from './tokenize.js';

function refused(text: string): FilterArgsError {
  try {
    parseHubbleFilterArgs(text);
  } catch (err) {
    expect(err).toBeInstanceOf(FilterArgsError);
    expect(err).toBeInstanceOf(FilterError);
    return err as FilterArgsError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const pairs = (text: string) => parseHubbleFilterArgs(text).flags.map((f) => [f.negated ? `!${f.flag}` : f.flag, f.value]);

describe('tokenize', () => {
  it('splits on blanks and removes quotes like a POSIX shell', () => {
    const words = (s: string) => tokenize(s).map((t) => t.text);
    expect(words(`  a  'b c'  "d \\"e\\" \\$f \\x"  g\\ h 'i'"j"k  `)).toEqual(['a', 'b c', 'd "e" $f \\x', 'g h', 'ijk']);
    expect(words(`'it'\\''s'`)).toEqual(["it's"]);
    expect(words('a \\\n b')).toEqual(['a', 'b']);
    expect(words("''")).toEqual(['']);
    expect(words('^/metrics$ a$')).toEqual(['^/metrics$', 'a$']);
  });

  it('records where each word starts and ends, and whether it was quoted', () => {
    expect(tokenize(`--pod  'x y'`)).toEqual([
      { text: '--pod', start: 0, end: 5, quoted: false },
      { text: 'x y', start: 7, end: 12, quoted: true },
    ]);
  });

  it('refuses unterminated quotes and shell operators, with their position', () => {
    const at = (s: string): [string, number | null] | null => {
      try {
        tokenize(s);
      } catch (err) {
        return [(err as FilterArgsError).reason, (err as FilterArgsError).position];
      }
      return null;
    };
    expect(at(`--label 'app=x`)).toEqual(['unterminated single quote', 8]);
    expect(at(`--label "app=x`)).toEqual(['unterminated double quote', 8]);
    expect(at('-n a | grep x')?.[1]).toBe(5);
    expect(at('-n a; rm -rf /')?.[1]).toBe(4);
    expect(at('-n $NS')?.[0]).toMatch(/variables are not expanded/);
    expect(at('-n "$(whoami)"')?.[0]).toMatch(/command substitution/);
    expect(at('-n `whoami`')?.[1]).toBe(3);
  });

  it('shellQuote output reads back as the same word', () => {
    for (const w of ['plain', 'with space', "it's", '', '-dash', '$x', 'a"b', '*', 'k8s:app=x', 'a\\b', '\n', '#x', '~']) {
      expect(tokenize(shellQuote(w)).map((t) => t.text)).toEqual([w]);
    }
    expect(shellQuote('kube-system/coredns')).toBe('kube-system/coredns');
    expect(shellQuote('/page/\\d+')).toBe(`'/page/\\d+'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('parseHubbleFilterArgs', () => {
  it('reads the issue example', () => {
    const parsed = parseHubbleFilterArgs('--namespace shop --verdict DROPPED --to-port 443');
    expect(parsed.flags).toEqual([
      { flag: 'namespace', value: 'shop', negated: false },
      { flag: 'verdict', value: 'DROPPED', negated: false },
      { flag: 'to-port', value: '443', negated: false },
    ]);
    expect(parsed.whitelist).toEqual([
      { source_pod: ['shop/'], verdict: [2], destination_port: ['443'] },
      { destination_pod: ['shop/'], verdict: [2], destination_port: ['443'] },
    ]);
    expect(parsed.blacklist).toEqual([]);
    expect(parsed.options).toEqual({});
    expect(parsed.text).toEqual([]);
  });

  it('takes --flag=value, short flags with attached values and clustered switches', () => {
    expect(pairs('--namespace=shop -nkube-system -n=default -l app=x --label=k8s:app=y -4 -t=l7 -6t trace')).toEqual([
      ['namespace', 'shop'],
      ['namespace', 'kube-system'],
      ['namespace', 'default'],
      ['label', 'app=x'],
      ['label', 'k8s:app=y'],
      ['ipv4', ''],
      ['type', 'l7'],
      ['ipv6', ''],
      ['type', 'trace'],
    ]);
    expect(pairs('-A --pod foo')).toEqual([['all-namespaces', ''], ['pod', 'foo']]);
  });

  it('normalises values to the spelling hubble accepts', () => {
    expect(pairs('--verdict dropped --drop-reason-desc policy_denied --protocol TCP --traffic-direction Ingress --tcp-flags syn,Ack --ip-version IPv6 -t L7 --identity WORLD --identity 0x10')).toEqual([
      ['verdict', 'DROPPED'],
      ['drop-reason-desc', 'POLICY_DENIED'],
      ['protocol', 'tcp'],
      ['traffic-direction', 'ingress'],
      ['tcp-flags', 'SYN,ACK'],
      ['ip-version', 'v6'],
      ['type', 'l7'],
      ['identity', 'world'],
      ['identity', '16'],
    ]);
  });

  it('--not negates exactly the next filter flag', () => {
    const parsed = parseHubbleFilterArgs('--not --namespace kube-system --verdict FORWARDED --not --protocol udp');
    expect(pairs('--not --namespace kube-system --verdict FORWARDED --not --protocol udp')).toEqual([
      ['!namespace', 'kube-system'],
      ['verdict', 'FORWARDED'],
      ['!protocol', 'udp'],
    ]);
    expect(parsed.whitelist).toEqual([{ verdict: [1] }]);
    expect(parsed.blacklist).toEqual([
      { source_pod: ['kube-system/'], protocol: ['udp'] },
      { destination_pod: ['kube-system/'], protocol: ['udp'] },
    ]);
  });

  it('a flag needing a value takes a quoted word even if it starts with a dash', () => {
    expect(pairs(`--http-path '-x' --http-url=--y`)).toEqual([['http-path', '-x'], ['http-url', '--y']]);
  });

  it('reads a pasted hubble observe command with its options', () => {
    const parsed = parseHubbleFilterArgs(`hubble observe --server localhost:4245 -n kube-system --since 5m -f -o jsonpb --last 100`);
    expect(parsed.flags).toEqual([{ flag: 'namespace', value: 'kube-system', negated: false }]);
    expect(parsed.options).toEqual({ server: 'localhost:4245', since: '5m', follow: true, output: 'jsonpb', last: 100 });
    expect(parseHubbleFilterArgs('/usr/local/bin/hubble observe flows --all --until 2021-11-10').options).toEqual({ all: true, until: '2021-11-10' });
    expect(parseHubbleFilterArgs('-fo json').options).toEqual({ follow: true, output: 'json' });
  });

  it('keeps plain words as local-only free text, and everything after --', () => {
    const parsed = parseHubbleFilterArgs(`reviews --namespace bookinfo 'v2 ratings' -- --not-a-flag`);
    expect(parsed.text).toEqual(['reviews', 'v2 ratings', '--not-a-flag']);
    expect(parsed.flags).toEqual([{ flag: 'namespace', value: 'bookinfo', negated: false }]);
    expect(parseHubbleFilterArgs(`'hubble' observe`).text).toEqual(['hubble', 'observe']);
    expect(parseHubbleFilterArgs('- x').text).toEqual(['-', 'x']);
  });

  it('empty and blank input is no filter', () => {
    for (const blank of ['', '   ', '\n\t']) {
      expect(parseHubbleFilterArgs(blank)).toEqual({ whitelist: [], blacklist: [], flags: [], options: {}, text: [] });
    }
  });
});

describe('parse errors name the flag and where it is', () => {
  it('invalid values from the issue', () => {
    const verdict = refused('--namespace shop --verdict SOMETIMES');
    expect(verdict.flag).toBe('--verdict');
    expect(verdict.position).toBe(17);
    expect(verdict.tokenIndex).toBe(2);
    expect(verdict.end).toBe(36);
    expect(verdict.message).toBe(
      '--verdict: unknown verdict "SOMETIMES" (expected one of FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED) (at character 18)',
    );
    const port = refused('--port 70000');
    expect([port.flag, port.reason, port.position]).toEqual(['--port', 'expected a port number 0-65535', 0]);
  });

  it('missing values', () => {
    for (const [text, flag, position] of [
      ['--namespace', '--namespace', 0],
      ['--verdict DROPPED --namespace', '--namespace', 18],
      ['--namespace --verdict DROPPED', '--namespace', 0],
      ['-n', '-n', 0],
      ['-4n', '-n', 0],
      ['--last', '--last', 0],
    ] as const) {
      const err = refused(text);
      expect([err.flag, err.reason, err.position]).toEqual([flag, 'flag needs a value', position]);
    }
  });

  it('unknown flags, with a suggestion when one is close', () => {
    const frob = refused('--verdict DROPPED --frobnicate');
    expect([frob.flag, frob.reason, frob.position]).toEqual(['--frobnicate', 'unknown flag', 18]);
    expect(refused('--namepsace x').reason).toBe('unknown flag (did you mean --namespace?)');
    expect(refused('-x').reason).toMatch(/unknown shorthand flag "x"/);
    expect(refused('-4x').flag).toBe('-x');
    expect(refused('---pod x').reason).toMatch(/bad flag syntax/);
    expect(refused('--=x').reason).toMatch(/bad flag syntax/);
  });

  it('upstream flags Starmap cannot honour, and options the filter bar does not take', () => {
    expect(refused("--cel-expression '_flow.verdict == Verdict.DROPPED'").reason).toMatch(/CEL expressions are not supported/);
    expect(refused('--ip-trace-option 1').reason).toMatch(/not supported/);
    expect(refused("--allowlist '{}'").reason).toMatch(/not taken by the filter bar/);
  });

  it('--not misuse', () => {
    expect(refused('--pod a --not').reason).toBe('trailing --not found in the arguments');
    expect(refused('--not --not --pod a').reason).toBe('consecutive --not statements');
    expect(refused('--not --follow').reason).toBe('--not must be followed by a filter flag');
    expect(refused('--not word').reason).toBe('--not must be followed by a filter flag');
    expect(refused('--not=false --pod a').reason).toBe('takes no value');
  });

  it('switches take no value, options are checked', () => {
    expect(refused('--ipv4=v6').reason).toBe('takes no value');
    expect(refused('-A=x').reason).toBe('takes no value');
    expect(refused('--last ten').reason).toBe('expected a number of flows');
    expect(refused('-o yaml').reason).toMatch(/invalid output format/);
    expect(refused('--last 5 --first 3').reason).toBe('cannot set both --first and --last');
    expect(refused('--first 3 -f').reason).toBe('cannot set both --first and --follow');
    expect(refused('--all --last 3').reason).toBe('cannot set both --last and --all');
    expect(refused('-o table -f').reason).toMatch(/not compatible with follow/);
  });

  it('commands that are not hubble observe', () => {
    expect(refused('hubble status').reason).toMatch(/only `hubble observe`/);
    expect(refused('hubble observe agent-events').reason).toMatch(/does not observe flows/);
  });

  it('non-strings', () => {
    expect(() => parseHubbleFilterArgs(undefined as never)).toThrow(FilterArgsError);
    expect(() => parseHubbleFilterArgs(42 as never)).toThrow(FilterArgsError);
  });
});
