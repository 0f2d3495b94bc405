import { describe, expect, it } from 'vitest';
import { LabelSelectorSyntaxError, parseCiliumLabel, parseLabelSelector, parsedLabelsOf, selectorMatches } from './labels.js';

const sel = (s: string, labels: string[]) => selectorMatches(parseLabelSelector(s), parsedLabelsOf(labels));

describe('parseLabelSelector', () => {
  it('splits source prefixes and defaults to any source', () => {
    expect(parseLabelSelector('k8s:app=foo, bar')).toEqual([
      { source: 'k8s', key: 'app', operator: 'in', values: ['foo'] },
      { source: 'any', key: 'bar', operator: 'exists', values: [] },
    ]);
  });
  it('parses every operator', () => {
    const ops = parseLabelSelector('a==1,b!=2,c in (x, y),d notin (z),!e,f>3,g<4').map((r) => [r.key, r.operator, r.values]);
    expect(ops).toEqual([
      ['a', 'in', ['1']],
      ['b', 'notin', ['2']],
      ['c', 'in', ['x', 'y']],
      ['d', 'notin', ['z']],
      ['e', '!exists', []],
      ['f', 'gt', ['3']],
      ['g', 'lt', ['4']],
    ]);
  });
  it('reads empty values like Kubernetes', () => {
    expect(parseLabelSelector('x in (foo,,baz),z notin ()').map((r) => r.values)).toEqual([['foo', '', 'baz'], ['']]);
    expect(parseLabelSelector('a=')[0]?.values).toEqual(['']);
  });
  it('an empty selector has no requirements', () => {
    expect(parseLabelSelector('  ')).toEqual([]);
  });
  it.each([
    ['app in (a', 'unclosed set'],
    ['app in a', 'set without parentheses'],
    ['=foo', 'missing key'],
    ['app=foo bar', 'two values'],
    ['app>x', 'non-integer comparison'],
    ['k8s:=x', 'empty key after source'],
    ['app=has:colon', 'invalid value character'],
    ['app-=x', 'key must end alphanumeric'],
    [`${'a'.repeat(64)}=x`, 'key too long once prefixed'],
  ])('rejects %j (%s)', (s) => {
    expect(() => parseLabelSelector(s)).toThrow(LabelSelectorSyntaxError);
  });
});

describe('parseCiliumLabel', () => {
  it('parses source, key and value', () => {
    expect(parseCiliumLabel('k8s:app=reviews')).toEqual({ source: 'k8s', key: 'app', value: 'reviews' });
    expect(parseCiliumLabel('reserved:world')).toEqual({ source: 'reserved', key: 'world', value: '' });
    expect(parseCiliumLabel('kubernetes.io/hostname=n1')).toEqual({ source: 'unspec', key: 'kubernetes.io/hostname', value: 'n1' });
    expect(parseCiliumLabel('k8s:a=b:c')).toEqual({ source: 'k8s', key: 'a', value: 'b:c' });
  });
});

describe('selectorMatches', () => {
  const labels = ['k8s:app=reviews', 'k8s:replicas=3', 'reserved:world'];
  it('checks source-qualified and any-source keys', () => {
    expect(sel('k8s:app=reviews', labels)).toBe(true);
    expect(sel('app=reviews', labels)).toBe(true);
    expect(sel('container:app=reviews', labels)).toBe(false);
    expect(sel('world', labels)).toBe(true);
    expect(sel('reserved:host', labels)).toBe(false);
  });
  it('applies negative operators to missing keys like Kubernetes', () => {
    expect(sel('tier!=web', labels)).toBe(true);
    expect(sel('tier notin (web)', labels)).toBe(true);
    expect(sel('app!=reviews', labels)).toBe(false);
  });
  it('compares integers', () => {
    expect(sel('replicas>2', labels)).toBe(true);
    expect(sel('replicas<3', labels)).toBe(false);
    expect(sel('app>1', labels)).toBe(false);
  });
  it('requires every requirement', () => {
    expect(sel('app=reviews,replicas=3', labels)).toBe(true);
    expect(sel('app=reviews,replicas=4', labels)).toBe(false);
  });
});
