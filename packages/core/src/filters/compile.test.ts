import { flow } from '@starmap/proto';
import { describe, expect, it } from 'vitest';
import { compileFlowFilter, compileFlowFilters, matchFlowFilters } from './compile.js';
import { FilterError } from './errors.js';
import type { FilterableFlow } from './types.js';

const bookinfoToRatings: FilterableFlow = {
  verdict: 1,
  source: { namespace: 'bookinfo', pod_name: 'reviews-1' },
  destination: { namespace: 'bookinfo', pod_name: 'ratings-1' },
  l4: { TCP: { destination_port: 9080 } },
};
const kubeDns: FilterableFlow = {
  verdict: 1,
  source: { namespace: 'kube-system', pod_name: 'coredns-1' },
  destination: { namespace: 'kube-system', pod_name: 'coredns-2' },
  l4: { UDP: { destination_port: 53 } },
};
const droppedToBookinfo: FilterableFlow = {
  verdict: 2,
  drop_reason_desc: 133,
  source: { namespace: 'default', pod_name: 'xwing' },
  destination: { namespace: 'bookinfo', pod_name: 'ratings-1' },
  l4: { TCP: { destination_port: 9080 } },
};
const all = [bookinfoToRatings, kubeDns, droppedToBookinfo];
const pass = (w: Parameters<typeof compileFlowFilters>[0], b: Parameters<typeof compileFlowFilters>[1]) => {
  const m = compileFlowFilters(w, b);
  return all.map((f) => m(f));
};

describe('whitelist and blacklist', () => {
  it('passes everything with no filters', () => {
    expect(pass([], [])).toEqual([true, true, true]);
    expect(pass(undefined, null)).toEqual([true, true, true]);
  });
  it('an empty FlowFilter matches every flow', () => {
    expect(pass([{}], [])).toEqual([true, true, true]);
    expect(pass([], [{}])).toEqual([false, false, false]);
  });
  it('ANDs fields inside one filter', () => {
    expect(pass([{ destination_pod: ['bookinfo/'], verdict: [2] }], [])).toEqual([false, false, true]);
  });
  it('ORs values inside one field', () => {
    expect(pass([{ destination_port: ['53', '9080'] }], [])).toEqual([true, true, true]);
  });
  it('ORs whitelist filters', () => {
    expect(pass([{ verdict: ['DROPPED'] }, { protocol: ['udp'] }], [])).toEqual([false, true, true]);
  });
  it('drops anything a blacklist filter matches', () => {
    expect(pass([], [{ source_pod: ['kube-system/'] }])).toEqual([true, false, true]);
    expect(pass([], [{ verdict: [2] }, { protocol: ['udp'] }])).toEqual([true, false, false]);
  });
  it('applies the blacklist after the whitelist', () => {
    expect(pass([{ destination_pod: ['bookinfo/'] }], [{ verdict: ['DROPPED'] }])).toEqual([true, false, false]);
  });
  it('matchFlowFilters agrees with the compiled matcher', () => {
    const w = [{ destination_port: ['9080'] }];
    const b = [{ source_pod: ['default/x'] }];
    const m = compileFlowFilters(w, b);
    for (const f of all) expect(matchFlowFilters(f, w, b)).toBe(m(f));
    expect(all.map((f) => matchFlowFilters(f, w, b))).toEqual([true, false, false]);
  });
});

describe('bad input', () => {
  it('throws FilterError naming the field and the value', () => {
    let caught: unknown;
    try {
      compileFlowFilters([{ source_ip: ['10.0.0.0/99'] }], []);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FilterError);
    const e = caught as FilterError;
    expect(e.field).toBe('source_ip');
    expect(e.value).toBe('10.0.0.0/99');
    expect(e.message).toContain('source_ip');
    expect(e.message).toContain('10.0.0.0/99');
  });
  it('validates blacklist filters too', () => {
    expect(() => compileFlowFilters([], [{ dns_query: ['(('] }])).toThrow(/dns_query/);
  });
  it('refuses CEL expressions instead of ignoring them', () => {
    expect(() => compileFlowFilter({ experimental: { cel_expression: ['_flow.verdict == 2'] } })).toThrow(
      /experimental\.cel_expression.*not supported/,
    );
    expect(compileFlowFilter({ experimental: { cel_expression: [] } })(kubeDns)).toBe(true);
  });
  it('refuses unknown fields instead of ignoring them', () => {
    const filter = { source_pods: ['bookinfo/'] } as unknown as Parameters<typeof compileFlowFilter>[0];
    expect(() => compileFlowFilter(filter)).toThrow(/source_pods.*unknown or unsupported/);
  });
  it('rejects values of the wrong type', () => {
    const notAList = { source_pod: 'bookinfo/' } as unknown as Parameters<typeof compileFlowFilter>[0];
    expect(() => compileFlowFilter(notAList)).toThrow(/source_pod.*list/);
    const notAString = { destination_port: [53] } as unknown as Parameters<typeof compileFlowFilter>[0];
    expect(() => compileFlowFilter(notAString)).toThrow(/destination_port.*string/);
    expect(() => compileFlowFilters('x' as never, [])).toThrow(FilterError);
  });
  it('ignores unset fields (null or empty lists), as protobuf decoding produces them', () => {
    expect(compileFlowFilter({ source_pod: [], verdict: null, experimental: null })(kubeDns)).toBe(true);
  });
});

describe('generated protobuf messages', () => {
  it('accepts decoded flow.FlowFilter and flow.Flow instances', () => {
    const encoded = flow.FlowFilter.encode({ source_pod: ['bookinfo/'], verdict: [1], experimental: {} }).finish();
    const filter = flow.FlowFilter.decode(encoded);
    const decoded = flow.Flow.decode(
      flow.Flow.encode({ verdict: 1, source: { namespace: 'bookinfo', pod_name: 'p' }, is_reply: { value: true } }).finish(),
    );
    expect(compileFlowFilters([filter], [])(decoded)).toBe(true);
    expect(compileFlowFilters([flow.FlowFilter.create({ reply: [true] })], [])(decoded)).toBe(true);
    expect(compileFlowFilters([flow.FlowFilter.create({ reply: [false] })], [])(decoded)).toBe(false);
    expect(compileFlowFilters([new flow.FlowFilter()], [{ verdict: [2] }])(decoded)).toBe(true);
  });
});
