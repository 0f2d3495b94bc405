import type { SocketState } from '../stream/liveSocket';
import { useNow } from '../state/useNow';
import { ToneDot } from './Header';

interface FlowsToolbarProps {
  count: number;
  limit: number;
  flowsPerSecond: number;
  missed: number;
  socket: SocketState;
}

export function FlowsToolbar({ count, limit, flowsPerSecond, missed, socket }: FlowsToolbarProps) {
  const now = useNow(1_000, socket.phase === 'closed');
  const retryIn = socket.retryAt === null ? null : Math.max(0, Math.ceil((socket.retryAt - now) / 1000));

  return (
    <div className="toolbar">
      <h1 className="toolbar-title">Live flows</h1>
      <span className="stat" data-testid="flow-count" data-count={count}>
        <strong>{count.toLocaleString('en-US')}</strong> {count === 1 ? 'flow' : 'flows'}
        {count >= limit && <span className="muted"> (newest {limit.toLocaleString('en-US')} kept)</span>}
      </span>
      <span className="stat" data-testid="flow-rate" title="Flows per second over the last 10 seconds">
        <strong>{formatRate(flowsPerSecond)}</strong> flows/s <span className="muted">(last 10 s)</span>
      </span>
      {missed > 0 && (
        <span className="stat stat--warn" data-testid="flows-missed" title="The server skipped flows because this browser read them too slowly">
          ⚠ {missed.toLocaleString('en-US')} missed
        </span>
      )}
      <span
        className={`stream-state stream-state--${socket.phase}`}
        data-testid="stream-status"
        data-phase={socket.phase}
        title="The WebSocket from this page to the Starmap server"
      >
        <ToneDot tone={socket.phase === 'open' ? 'ok' : socket.phase === 'connecting' ? 'pending' : 'bad'} />
        {socket.phase === 'open'
          ? 'Live stream connected'
          : socket.phase === 'connecting'
            ? 'Connecting live stream…'
            : `Live stream disconnected${retryIn !== null ? `, retry in ${retryIn} s` : ''}`}
      </span>
    </div>
  );
}

function formatRate(rate: number): string {
  if (rate === 0) return '0';
  if (rate < 10) return rate.toFixed(1);
  return Math.round(rate).toLocaleString('en-US');
}
