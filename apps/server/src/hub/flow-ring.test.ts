import { describe, expect, it } from 'vitest';
import type { Flow } from '@starmap/core';
import type { flow } from '@starmap/proto';
import { FlowRing } from './flow-ring.js';

const entry = (id: string, ns = 'a') => ({
  raw: {} as flow.IFlow,
  flow: { id, source: { namespace: ns }, destination: { namespace: ns } } as unknown as Flow,
});

describe('FlowRing', () => {
  it('keeps only the most recent flows and forgets the ids of overwritten ones', () => {
    const ring = new FlowRing(3);
    for (const id of ['1', '2', '3', '4', '5']) ring.push(entry(id));
    expect(ring.size).toBe(3);
    expect(ring.pushed).toBe(5);
    expect(ring.recent(10).map((f) => f.id)).toEqual(['3', '4', '5']);
    expect(ring.get('2')).toBeUndefined();
    expect(ring.get('5')?.flow.id).toBe('5');
  });

  it('returns the newest matches up to the limit, oldest first', () => {
    const ring = new FlowRing(10);
    ['1', '2', '3', '4'].forEach((id, i) => ring.push(entry(id, i % 2 ? 'b' : 'a')));
    expect(ring.recent(1, (f) => f.source.namespace === 'a').map((f) => f.id)).toEqual(['3']);
    expect(ring.recent(5, (f) => f.source.namespace === 'b').map((f) => f.id)).toEqual(['2', '4']);
  });

  it('rejects a nonsensical capacity', () => {
    expect(() => new FlowRing(0)).toThrow(/positive integer/);
  });
});
