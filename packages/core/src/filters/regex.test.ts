import { describe, expect, it } from 'vitest';
import { FilterError } from './errors.js';
import { compileGoRegex } from './regex.js';

const re = (p: string) => compileGoRegex('dns_query', p);

describe('compileGoRegex', () => {
  it('searches without anchoring, like Go MatchString', () => {
    expect(re('svc').test('a.svc.cluster.local.')).toBe(true);
    expect(re('^svc').test('a.svc')).toBe(false);
  });
  it('turns leading inline flags into regex flags', () => {
    expect(re('(?i)KUBE').test('kube-dns')).toBe(true);
    expect(re('(?s)a.b').test('a\nb')).toBe(true);
    expect(() => re('(?U)a+')).toThrow(FilterError);
  });
  it('translates \\A and \\z to text anchors, outside classes only', () => {
    expect(re('\\Akube').test('kube-dns')).toBe(true);
    expect(re('\\Akube').test('x.kube')).toBe(false);
    expect(re('local\\.\\z').test('a.local.')).toBe(true);
    expect(re('local\\z').test('a.local.')).toBe(false);
    expect(re('[\\A]').test('A')).toBe(true);
    expect(re('\\\\A').test('\\A')).toBe(true);
    expect(re('[]A]').test(']')).toBe(true);
  });
  it('translates named groups', () => {
    expect(re('(?P<svc>[a-z]+)\\.svc').exec('ratings.svc')?.groups?.svc).toBe('ratings');
  });
  it('names the field and pattern when the pattern is invalid', () => {
    expect(() => re('(')).toThrow(/dns_query.*"\("/);
  });
});
