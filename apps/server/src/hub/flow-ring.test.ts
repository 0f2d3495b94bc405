import { describe, expect, it } from 'vitest';
import { observer } from '@starmap/proto';
import { FlowRing } from './flow-ring.js';

function encoded(id: string, ns = 'a'): Buffer {
  const flow = { uuid: id, time: { seconds: 1_700_000_000, nanos: 0 }, source: { namespace: ns }, destination: { namespace: ns } };
  return Buffer.from(observer.GetFlowsResponse.encode({ flow }).finish());
}

describe('FlowRing', () => {
  it('keeps only the most recent flows and forgets the ids of overwritten ones', () => {
    const ring = new FlowRing(3);
    for (const id of ['1', '2', '3', '4', '5']) ring.push(id, encoded(id));
    expect(ring.size).toBe(3);
    expect(ring.pushed).toBe(5);
    expect(ring.recent(10).map((f) => f.id)).toEqual(['3', '4', '5']);
    expect(ring.get('2')).toBeUndefined();
    expect(ring.get('5')?.uuid).toBe('5');
  });

  it('returns the newest matches up to the limit, oldest first, normalized', () => {
    const ring = new FlowRing(10);
    ['1', '2', '3', '4'].forEach((id, i) => ring.push(id, encoded(id, i % 2 ? 'b' : 'a')));
    expect(ring.recent(1, (raw) => raw.source?.namespace === 'a').map((f) => f.id)).toEqual(['3']);
    expect(ring.recent(5, (raw) => raw.source?.namespace === 'b').map((f) => f.id)).toEqual(['2', '4']);
  });

  it('rejects a nonsensical capacity', () => {
    expect(() => new FlowRing(0)).toThrow(/positive integer/);
  });
});
