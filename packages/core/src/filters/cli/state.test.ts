import { describe, expect, it } from 'vitest';
import type { FilterableFlow } from '../types.js';
import { filterFlagsToFlowFilters } from './build.js';
import { parseHubbleFilterArgs } from './parse.js';
import {
  compileLocalFilter,
  emptyFilterState,
  filterStateFromText,
  filterStateToFlags,
  filterStateToText,
  flagsToFilterState,
  hasLocalOnlyFilters,
  LOCAL_ONLY_FILTER_FIELDS,
} from './state.js';

describe('FilterState', () => {
  it('sorts flags into fields and keeps the rest in advanced, in order', () => {
    const state = filterStateFromText(
      '--namespace shop --verdict DROPPED --to-port 443 --identity world --identity 42 --not --verdict FORWARDED --from-label k8s:app=web checkout failed',
    );
    expect(state).toEqual({
      ...emptyFilterState(),
      namespaces: ['shop'],
      verdicts: ['DROPPED'],
      toPorts: ['443'],
      reservedIdentities: ['world'],
      advanced: [
        { flag: 'identity', value: '42', negated: false },
        { flag: 'verdict', value: 'FORWARDED', negated: true },
        { flag: 'from-label', value: 'k8s:app=web', negated: false },
      ],
      text: 'checkout failed',
    });
  });

  it('writes a state back as flags and canonical text', () => {
    const state = {
      ...emptyFilterState(),
      namespaces: ['bookinfo'],
      protocols: ['http'],
      httpStatus: ['5+'],
      directions: ['ingress'],
      advanced: [{ flag: 'to-namespace' as const, value: 'x', negated: true }],
      text: '  reviews  ',
    };
    expect(filterStateToFlags(state)).toEqual([
      { flag: 'namespace', value: 'bookinfo', negated: false },
      { flag: 'protocol', value: 'http', negated: false },
      { flag: 'traffic-direction', value: 'ingress', negated: false },
      { flag: 'http-status', value: '5+', negated: false },
      { flag: 'to-namespace', value: 'x', negated: true },
    ]);
    expect(filterStateToText(state)).toBe('--namespace bookinfo --protocol http --traffic-direction ingress --http-status 5+ --not --to-namespace x reviews');
    expect(filterStateFromText(filterStateToText(state))).toEqual({ ...state, text: 'reviews' });
  });

  it('the relay part of a state is exactly the filters of its flags', () => {
    const state = { ...emptyFilterState(), namespaces: ['shop'], verdicts: ['DROPPED'], toPorts: ['443'] };
    expect(filterFlagsToFlowFilters(filterStateToFlags(state))).toEqual({
      whitelist: parseHubbleFilterArgs('--namespace shop --verdict DROPPED --to-port 443').whitelist,
      blacklist: [],
    });
  });

  it('marks DNS queries and free text as local-only', () => {
    expect(Object.keys(LOCAL_ONLY_FILTER_FIELDS).sort()).toEqual(['dnsQueries', 'text']);
    expect(hasLocalOnlyFilters(emptyFilterState())).toBe(false);
    expect(hasLocalOnlyFilters({ ...emptyFilterState(), text: ' x ' })).toBe(true);
    expect(hasLocalOnlyFilters({ ...emptyFilterState(), dnsQueries: ['x'] })).toBe(true);
    // They never reach the flags.
    expect(filterStateToFlags({ ...emptyFilterState(), dnsQueries: ['x'], text: 'y' })).toEqual([]);
  });
});

describe('compileLocalFilter', () => {
  const reviews: FilterableFlow = {
    verdict: 2,
    drop_reason_desc: 133,
    source: { namespace: 'bookinfo', pod_name: 'reviews-v2-abc', labels: ['k8s:app=reviews'] },
    destination: { namespace: 'bookinfo', pod_name: 'ratings-v1-xyz' },
    IP: { source: '10.244.0.5', destination: '10.244.0.9' },
    l4: { TCP: { source_port: 40000, destination_port: 9080 } },
  };
  const dns: FilterableFlow = {
    verdict: 'FORWARDED',
    source: { namespace: 'kube-system', pod_name: 'coredns-1' },
    l7: { dns: { query: 'api.example.com.' } },
  };

  it('matches every free-text word, case-insensitively, anywhere in the flow', () => {
    const match = (text: string) => [reviews, dns].map(compileLocalFilter({ ...emptyFilterState(), text }));
    expect(match('')).toEqual([true, true]);
    expect(match('REVIEWS')).toEqual([true, false]);
    expect(match('reviews ratings')).toEqual([true, false]);
    expect(match('reviews coredns')).toEqual([false, false]);
    expect(match('9080')).toEqual([true, false]);
    expect(match('10.244.0.9')).toEqual([true, false]);
    expect(match('policy_denied')).toEqual([true, false]);
    expect(match('dropped')).toEqual([true, false]);
    expect(match('forwarded')).toEqual([false, true]);
    expect(match('example.com')).toEqual([false, true]);
    expect(match('bookinfo/ratings')).toEqual([true, false]);
  });

  it('applies DNS query regexes with Hubble semantics, ANDed with the text', () => {
    const state = { ...emptyFilterState(), dnsQueries: ['\\.example\\.com\\.$', '^nothing'] };
    expect([reviews, dns].map(compileLocalFilter(state))).toEqual([false, true]);
    expect([reviews, dns].map(compileLocalFilter({ ...state, text: 'coredns' }))).toEqual([false, true]);
    expect([reviews, dns].map(compileLocalFilter({ ...state, text: 'reviews' }))).toEqual([false, false]);
    expect(() => compileLocalFilter({ ...emptyFilterState(), dnsQueries: ['('] })).toThrow(/regular expression/);
  });
});

describe('flagsToFilterState', () => {
  it('puts numeric identities and negated flags in advanced', () => {
    const state = flagsToFilterState([
      { flag: 'identity', value: '7', negated: false },
      { flag: 'identity', value: 'kube-apiserver', negated: false },
      { flag: 'namespace', value: 'a', negated: true },
    ]);
    expect(state.reservedIdentities).toEqual(['kube-apiserver']);
    expect(state.namespaces).toEqual([]);
    expect(state.advanced.map((f) => f.value)).toEqual(['7', 'a']);
  });
});
