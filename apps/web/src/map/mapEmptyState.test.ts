import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '@starmap/core';
import { mapEmptyMessage, type MapEmptyInput } from './mapEmptyState';

const base: MapEmptyInput = {
  status: undefined,
  serverProblem: null,
  socket: { phase: 'open', attempt: 0, retryAt: null, lastError: null },
  received: true,
  totalNodes: 0,
  hiddenNodes: 0,
  namespaces: [],
  windowMs: 300_000,
  now: 1_000,
};

describe('map empty state', () => {
  it('says nothing when there is something to draw', () => {
    expect(mapEmptyMessage({ ...base, totalNodes: 12, hiddenNodes: 3 })).toBeNull();
  });

  it('puts an unreachable server first', () => {
    const text = mapEmptyMessage({ ...base, serverProblem: 'Starmap server unreachable', socket: { phase: 'closed', attempt: 2, retryAt: 4_000, lastError: 'x' } });
    expect(text).toEqual({ title: 'Starmap server unreachable', detail: 'The page cannot reach the server that serves it. Next try in 3 s.' });
  });

  it('tells a map still on its way from an empty one', () => {
    expect(mapEmptyMessage({ ...base, received: false })?.title).toBe('Loading the service map…');
    expect(mapEmptyMessage({ ...base, received: false, socket: { phase: 'connecting', attempt: 0, retryAt: null, lastError: null } })?.title).toBe(
      'Connecting to the Starmap server…',
    );
  });

  it('explains a map whose every node is hidden', () => {
    expect(mapEmptyMessage({ ...base, totalNodes: 4, hiddenNodes: 4 })?.title).toBe('All 4 nodes of this map are hidden');
  });

  it('blames the relay when it is down, else the window and namespaces', () => {
    const status = { relay: { phase: 'reconnecting', lastError: 'connection refused', target: 'localhost:4245' } } as StatusResponse;
    expect(mapEmptyMessage({ ...base, status })?.title).toBe('No flows yet: the relay is unreachable (connection refused)');
    expect(mapEmptyMessage({ ...base, namespaces: ['shop', 'bank'], windowMs: 60_000 })).toEqual({
      title: 'No flows in the last 1m',
      detail: 'Hubble reported no traffic to or from namespaces shop and bank in this window. Choose a longer window or more namespaces, or wait for traffic.',
    });
  });
});
