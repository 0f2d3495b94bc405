import type { StatusResponse } from '@starmap/core';
import { agentStatusText, modeLabel, nodeCountText, relayStatusText, type StatusText } from '../format/status';
import { useNow } from '../state/useNow';

interface HeaderProps {
  status: StatusResponse | undefined;
  statusError: string | null;
}

export function Header({ status, statusError }: HeaderProps) {
  const reconnecting = status?.relay.phase === 'reconnecting';
  const now = useNow(1_000, reconnecting);

  let relay: StatusText & { phase: string };
  if (status) {
    relay = { ...relayStatusText(status.relay, status.mode, now), phase: status.relay.phase };
  } else if (statusError !== null) {
    relay = { text: `Starmap server unreachable: ${statusError}`, tone: 'bad', title: '', phase: 'unknown' };
  } else {
    relay = { text: 'Checking relay connection…', tone: 'pending', title: '', phase: 'unknown' };
  }
  const agent = status ? agentStatusText(status.agent) : null;

  return (
    <header className="app-header">
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
        {agent && (
          <div className={`conn conn--${agent.tone} conn--secondary`} data-testid="agent-status" title={agent.title || undefined}>
            <ToneDot tone={agent.tone} />
            <span className="conn-text">{agent.text}</span>
          </div>
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
