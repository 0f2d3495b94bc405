import type { AgentConnection, RelayConnection, StatusResponse } from '@starmap/core';

export type Tone = 'ok' | 'pending' | 'bad' | 'neutral';

export interface StatusText {
  text: string;
  tone: Tone;
  /** Extra detail for a tooltip. */
  title: string;
}

function secondsUntil(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export function relayStatusText(relay: RelayConnection, mode: StatusResponse['mode'], now: number): StatusText {
  const since = `since ${relay.since}`;
  switch (relay.phase) {
    case 'connected':
      return { text: `Connected to relay ${relay.target}`, tone: 'ok', title: `${relay.flowsReceived} flows received, ${since}` };
    case 'connecting':
      return { text: `Connecting to relay ${relay.target}…`, tone: 'pending', title: since };
    case 'reconnecting': {
      const wait = secondsUntil(relay.nextRetryAt, now);
      const parts = [`Reconnecting to relay… attempt ${relay.attempt}`];
      if (wait !== null) parts.push(wait > 0 ? `next try in ${wait} s` : 'trying now');
      const text = parts.join(', ') + (relay.lastError ? ` — ${relay.lastError}` : '');
      return { text, tone: 'bad', title: `${text}\nrelay ${relay.target}, reconnecting ${since}` };
    }
    case 'disabled':
      return mode === 'replay'
        ? { text: 'Replaying a recording (no relay)', tone: 'neutral', title: '' }
        : { text: 'Relay disabled', tone: 'neutral', title: relay.lastError ?? '' };
  }
}

export function agentStatusText(agent: AgentConnection): StatusText {
  switch (agent.phase) {
    case 'connected': {
      const version = agent.ciliumVersion ? ` ${agent.ciliumVersion}` : '';
      const state = agent.ciliumState ?? 'connected';
      return {
        text: `Cilium agent: ${state}${version}`,
        tone: state === 'Ok' || state === 'connected' ? 'ok' : 'bad',
        title: agent.target,
      };
    }
    case 'connecting':
      return { text: 'Connecting to Cilium agent…', tone: 'pending', title: agent.target };
    case 'reconnecting':
      return {
        text: `Cilium agent unreachable${agent.lastError ? ` — ${agent.lastError}` : ''}`,
        tone: 'bad',
        title: agent.target,
      };
    case 'disabled':
      return { text: 'Cilium agent not configured', tone: 'neutral', title: agent.lastError ?? '' };
  }
}

export function nodeCountText(status: StatusResponse): string {
  const total = status.nodes.length;
  const nodes = `${total} ${total === 1 ? 'node' : 'nodes'}`;
  const unavailable = status.server?.numUnavailableNodes ?? 0;
  return unavailable > 0 ? `${nodes} (${unavailable} unavailable)` : nodes;
}

export function modeLabel(mode: StatusResponse['mode']): string {
  switch (mode) {
    case 'demo':
      return 'Demo cluster';
    case 'replay':
      return 'Replay';
    case 'cluster':
      return 'Live cluster';
  }
}
