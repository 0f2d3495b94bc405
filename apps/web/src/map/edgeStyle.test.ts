import { describe, expect, it } from 'vitest';
import type { ServiceMapEdge, VerdictCounts } from '@starmap/core';
import { edgeLabel, edgeLabelWidth, formatRate, strokeWidth, verdictMix } from './edgeStyle';

const NONE: VerdictCounts = { forwarded: 0, dropped: 0, error: 0, audit: 0, redirected: 0, translated: 0, traced: 0, unknown: 0 };

function edge(change: Partial<ServiceMapEdge>): ServiceMapEdge {
  return {
    id: 'a/x->a/y',
    source: 'a/x',
    destination: 'a/y',
    ports: [],
    otherPortFlows: 0,
    flows: 0,
    verdicts: NONE,
    recentFlows: 0,
    rate: 0,
    drops: [],
    crossNodeFlows: 0,
    lastSeen: 0,
    l7: null,
    ...change,
  };
}

describe('edge style', () => {
  it('is green when every flow went through, red when none did, and mixed when both happened', () => {
    expect(verdictMix({ ...NONE, forwarded: 5, traced: 2 })).toBe('forwarded');
    expect(verdictMix({ ...NONE, dropped: 3 })).toBe('dropped');
    expect(verdictMix({ ...NONE, forwarded: 10, dropped: 1 })).toBe('mixed');
    expect(verdictMix({ ...NONE, translated: 1, error: 1 })).toBe('mixed');
    expect(verdictMix({ ...NONE, unknown: 4 })).toBe('other');
  });

  it('grows thicker with the logarithm of the volume, within bounds', () => {
    expect(strokeWidth(0)).toBe(1.5);
    expect(strokeWidth(10)).toBeGreaterThan(strokeWidth(1));
    // each tenfold adds the same width
    expect(strokeWidth(1_000) - strokeWidth(100)).toBeCloseTo(1.6, 1);
    expect(strokeWidth(100) - strokeWidth(10)).toBeCloseTo(1.6, 0);
    expect(strokeWidth(1e12)).toBe(7);
  });

  it('labels the busiest port, how many others there are, and the rate', () => {
    const label = edgeLabel(
      edge({
        ports: [
          { protocol: 'TCP', port: 80, flows: 2 },
          { protocol: 'TCP', port: 8080, flows: 40 },
        ],
        rate: 3.24,
        flows: 42,
        verdicts: { ...NONE, forwarded: 35, dropped: 7 },
      }),
    );
    expect(label).toEqual({ port: 'TCP/8080 +1', volume: '3.2/s', text: 'TCP/8080 +1 · 3.2/s', failed: 7 });
  });

  it('shows the flow count when the edge was quiet over the rate window, and protocols without ports by name', () => {
    expect(edgeLabel(edge({ ports: [{ protocol: 'ICMPv4', port: null, flows: 1 }], flows: 1, rate: 0 })).text).toBe('ICMPv4 · 1 flow');
    expect(edgeLabel(edge({ ports: [], otherPortFlows: 3, flows: 1_200 })).text).toBe('1,200 flows');
  });

  it('prints rates with sensible precision', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(0.04)).toBe('<0.1/s');
    expect(formatRate(0.46)).toBe('0.5/s');
    expect(formatRate(12.6)).toBe('13/s');
    expect(formatRate(1234.4)).toBe('1234/s');
  });

  it('reserves more room for a label with a drop badge', () => {
    const plain = { port: 'TCP/80', volume: '1,204 flows', text: '', failed: 0 };
    expect(edgeLabelWidth({ ...plain, failed: 12 })).toBeGreaterThan(edgeLabelWidth(plain));
    // Two lines: the longer one sets the width.
    expect(edgeLabelWidth({ ...plain, port: 'TCP/8080 +3' })).toBe(edgeLabelWidth(plain));
  });
});
