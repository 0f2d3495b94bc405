import { describe, expect, it } from 'vitest';
import { compileFlowFilters } from './compile.js';
import { namespaceFilters } from './namespace.js';

describe('namespaceFilters', () => {
  it('builds the two filters hubble observe --namespace sends', () => {
    expect(namespaceFilters(['a', 'b'])).toEqual({
      whitelist: [{ source_pod: ['a/', 'b/'] }, { destination_pod: ['a/', 'b/'] }],
    });
  });
  it('returns no filter for no namespaces', () => {
    expect(namespaceFilters([])).toEqual({ whitelist: [] });
  });
  it('selects flows from or to the namespaces', () => {
    const m = compileFlowFilters(namespaceFilters(['bookinfo']).whitelist, []);
    expect(m({ source: { namespace: 'bookinfo', pod_name: 'p' }, destination: { labels: ['reserved:world'] } })).toBe(true);
    expect(m({ source: { labels: ['reserved:host'] }, destination: { namespace: 'bookinfo', pod_name: 'q' } })).toBe(true);
    expect(m({ source: { namespace: 'bookinfo2', pod_name: 'p' }, destination: { namespace: 'default', pod_name: 'q' } })).toBe(false);
  });
  it('rejects empty or slashed namespaces', () => {
    expect(() => namespaceFilters([''])).toThrow(/namespace/);
    expect(() => namespaceFilters(['a/b'])).toThrow(/"a\/b"/);
  });
});
