import type { ReactNode } from 'react';
import type { StatusResponse } from '@starmap/core';
import { DatapathBadges } from '../datapath/DatapathBadges';
import { agentStatusText, modeLabel, nodeCountText, relayStatusText, type StatusText } from '../format/status';
import { useNow } from '../state/useNow';

interface HeaderProps {
  status: StatusResponse | undefined;
  /** Set when the Starmap server itself cannot be reached; the relay state shown would be stale. */
  serverProblem: string | null;
  /** Cluster names seen in /api/namespaces (the status response does not carry one). */
  clusters: readonly string[];
  /** Controls at the start of the right-hand side (the record button). */
  actions?: ReactNode;
}

export function Header({ status, serverProblem, clusters, actions }: HeaderProps) {
  const reconnecting = status?.relay.phase === 'reconnecting';
  const now = useNow(1_000, reconnecting);

  let relay: StatusText & { phase: string };
  if (serverProblem !== null) {
    relay = { text: serverProblem, tone: 'bad', title: 'Relay state unknown while the Starmap server does not answer', phase: 'unknown' };
  } else if (status) {
    relay = { ...relayStatusText(status.relay, status.mode, now), phase: status.relay.phase };
  } else {
    relay = { text: 'Checking relay connection…', tone: 'pending', title: '', phase: 'unknown' };
  }
  const agent = status && serverProblem === null ? agentStatusText(status.agent) : null;

  return (
    <header className="app-header app-header--two-lines">
      <div className="header-line">
        <div className="brand">
          <StarIcon />
          <span className="brand-name">Starmap</span>
        </div>
        {status && (
          <span className={`mode-badge mode-badge--${status.mode}`} data-testid="mode" data-mode={status.mode}>
            {modeLabel(status.mode)}
          </span>
        )}
        <div
          className={`conn conn--${relay.tone}`}
          role="status"
          data-testid="connection-status"
          data-phase={relay.phase}
          title={relay.title || undefined}
        >
          <ToneDot tone={relay.tone} />
          <span className="conn-text">{relay.text}</span>
        </div>
        <div className="header-right">
          {actions}
          {agent && (
            <div className={`conn conn--${agent.tone} conn--secondary`} data-testid="agent-status" title={agent.title || undefined}>
              <ToneDot tone={agent.tone} />
              <span className="conn-text">{agent.text}</span>
            </div>
          )}
          {clusters.length > 0 && (
            <span className="cluster-name" data-testid="cluster-name" title="Cluster">
              {clusters.join(', ')}
            </span>
          )}
          {status && (
            <span
              className="node-count"
              data-testid="node-count"
              data-count={status.nodes.length}
              title={status.nodes.map((n) => `${n.name} — ${n.state}${n.address ? ` (${n.address})` : ''}`).join('\n') || undefined}
            >
              {nodeCountText(status)}
            </span>
          )}
        </div>
      </div>
      <DatapathBadges />
    </header>
  );
}

/** The dot repeats what the words say; its shape differs per tone so colour is not the only cue. */
export function ToneDot({ tone }: { tone: StatusText['tone'] }) {
  return <span className={`dot dot--${tone}`} aria-hidden="true" />;
}

function StarIcon() {
  return (
    <svg className="brand-icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="#1d3b6e" />
      <path d="M16 5l3.1 7.2 7.9.7-6 5.2 1.8 7.7L16 21.8l-6.8 4 1.8-7.7-6-5.2 7.9-.7z" fill="#f5c542" />
    </svg>
  );
}
