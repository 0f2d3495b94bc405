import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '@starmap/core';
import type { SocketState } from '../stream/liveSocket';
import { emptyFlowsMessage, type EmptyStateInput } from './emptyState';

const NOW = 1_000_000;
const openSocket: SocketState = { phase: 'open', attempt: 0, retryAt: null, lastError: null };

const statusWithRelay = (relay: Partial<StatusResponse['relay']>): StatusResponse =>
  ({
    mode: 'cluster',
    relay: { target: 'hubble-relay:4245', phase: 'connected', attempt: 0, lastError: null, ...relay },
  }) as StatusResponse;

const input = (overrides: Partial<EmptyStateInput>): EmptyStateInput => ({
  status: statusWithRelay({}),
  serverProblem: null,
  socket: openSocket,
  namespaces: [],
  now: NOW,
  ...overrides,
});

describe('emptyFlowsMessage', () => {
  it('waits for flows when everything is connected', () => {
    expect(emptyFlowsMessage(input({})).title).toBe('Waiting for flows from the relay…');
  });

  it('names the chosen namespaces', () => {
    expect(emptyFlowsMessage(input({ namespaces: ['shop'] })).title).toBe('No flows in namespace shop yet');
    expect(emptyFlowsMessage(input({ namespaces: ['a', 'b', 'c'] })).title).toBe('No flows in namespaces a, b and c yet');
  });

  it("gives the relay's last error when it is unreachable", () => {
    const status = statusWithRelay({ phase: 'reconnecting', attempt: 2, lastError: '14 UNAVAILABLE: connect ECONNREFUSED' });
    const message = emptyFlowsMessage(input({ status, namespaces: ['shop'] }));
    expect(message.title).toBe('Relay unreachable: 14 UNAVAILABLE: connect ECONNREFUSED');
    expect(message.detail).toContain('attempt 2');
  });

  it('blames the Starmap server first when the page cannot reach it', () => {
    const socket: SocketState = { phase: 'closed', attempt: 2, retryAt: NOW + 1500, lastError: 'connection closed (code 1006)' };
    const message = emptyFlowsMessage(input({ status: undefined, serverProblem: 'Starmap server unreachable: Failed to fetch', socket }));
    expect(message.title).toBe('Starmap server unreachable: Failed to fetch');
    expect(message.detail).toContain('Next try in 2 s.');
  });

  it('reports a dropped live stream while the status still answers', () => {
    const socket: SocketState = { phase: 'closed', attempt: 1, retryAt: NOW, lastError: 'connection closed (code 1006)' };
    expect(emptyFlowsMessage(input({ socket }))).toEqual({
      title: 'Live stream disconnected: connection closed (code 1006)',
      detail: 'Retrying now.',
    });
  });
});
