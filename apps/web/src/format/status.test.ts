import { describe, expect, it } from 'vitest';
import type { AgentConnection, RelayConnection, StatusResponse } from '@starmap/core';
import { agentStatusText, modeLabel, nodeCountText, relayStatusText } from './status';

const NOW = Date.parse('2024-05-01T10:00:00.000Z');

const relay = (overrides: Partial<RelayConnection> = {}): RelayConnection => ({
  target: '127.0.0.1:4245',
  phase: 'connected',
  since: '2024-05-01T09:59:00.000Z',
  attempt: 0,
  lastError: null,
  nextRetryAt: null,
  flowsReceived: 42,
  ...overrides,
});

const agent = (overrides: Partial<AgentConnection> = {}): AgentConnection => ({
  target: 'unix:/var/run/cilium/cilium.sock',
  phase: 'connected',
  since: '2024-05-01T09:59:00.000Z',
  lastError: null,
  ciliumState: 'Ok',
  ciliumVersion: '1.19.1',
  ...overrides,
});

describe('relayStatusText', () => {
  it('names the relay it is connected to', () => {
    expect(relayStatusText(relay(), 'cluster', NOW)).toMatchObject({ text: 'Connected to relay 127.0.0.1:4245', tone: 'ok' });
  });

  it('counts attempts and seconds to the next try while reconnecting, with the last error', () => {
    const r = relay({
      phase: 'reconnecting',
      attempt: 3,
      nextRetryAt: '2024-05-01T10:00:03.200Z',
      lastError: '14 UNAVAILABLE: No connection established',
    });
    expect(relayStatusText(r, 'cluster', NOW)).toMatchObject({
      text: 'Reconnecting to relay… attempt 3, next try in 4 s — 14 UNAVAILABLE: No connection established',
      tone: 'bad',
    });
  });

  it('says it is trying now once the retry time has passed', () => {
    const r = relay({ phase: 'reconnecting', attempt: 1, nextRetryAt: '2024-05-01T09:59:59.000Z' });
    expect(relayStatusText(r, 'cluster', NOW).text).toBe('Reconnecting to relay… attempt 1, trying now');
  });

  it('explains a disabled relay during a replay', () => {
    expect(relayStatusText(relay({ phase: 'disabled' }), 'replay', NOW).text).toBe('Replaying a recording (no relay)');
  });
});

describe('agentStatusText', () => {
  it("shows the agent's own state and version", () => {
    expect(agentStatusText(agent())).toMatchObject({ text: 'Cilium agent: Ok 1.19.1', tone: 'ok' });
    expect(agentStatusText(agent({ ciliumState: 'Warning' })).tone).toBe('bad');
  });

  it('gives the reason an agent is unreachable', () => {
    const text = agentStatusText(agent({ phase: 'reconnecting', lastError: 'connect ENOENT /var/run/cilium/cilium.sock' }));
    expect(text.text).toBe('Cilium agent unreachable — connect ENOENT /var/run/cilium/cilium.sock');
  });
});

describe('nodeCountText and modeLabel', () => {
  const status = (nodes: number, unavailable: number | null): StatusResponse =>
    ({
      nodes: Array.from({ length: nodes }, (_, i) => ({ name: `node-${i}` })),
      server: { numUnavailableNodes: unavailable },
    }) as unknown as StatusResponse;

  it('counts nodes and mentions unavailable ones', () => {
    expect(nodeCountText(status(1, 0))).toBe('1 node');
    expect(nodeCountText(status(3, null))).toBe('3 nodes');
    expect(nodeCountText(status(3, 1))).toBe('3 nodes (1 unavailable)');
  });

  it('labels demo mode as a demo cluster', () => {
    expect(modeLabel('demo')).toBe('Demo cluster');
  });
});
