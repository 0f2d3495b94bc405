import { describe, expect, it } from 'vitest';
import { makeEndpoint, makeFlow } from '../testing/flowFixture';
import { countFlowsByNamespace } from './namespaceCounts';

describe('countFlowsByNamespace', () => {
  it('counts a flow within one namespace once and a cross-namespace flow for both ends', () => {
    const counts = countFlowsByNamespace([
      makeFlow({ id: 'a' }),
      makeFlow({ id: 'b', destination: makeEndpoint({ namespace: 'kube-system' }) }),
      makeFlow({ id: 'c', source: makeEndpoint({ namespace: '', podName: '', reserved: ['world'] }) }),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ default: 3, 'kube-system': 1 });
  });
});
