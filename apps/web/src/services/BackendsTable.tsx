import type { ServiceWithTraffic } from '@starmap/core';
import { backendStateHelp, backendStateTone, formatCount, lastSeenText, noTrafficNote, serviceName } from './serviceFormat';
import { formatWindow } from './timeAgo';

interface BackendsTableProps {
  service: ServiceWithTraffic;
  windowMs: number;
  now: number;
}

/** The backends of one frontend with their live counts; idle backends are marked in words, not only dimmed. */
export function BackendsTable({ service, windowMs, now }: BackendsTableProps) {
  if (service.backends.length === 0) {
    return (
      <p className="backends-empty" data-testid="backends-empty">
        No backends. Connections to {service.address} fail until a ready pod matches the service’s selector.
      </p>
    );
  }
  const windowText = formatWindow(windowMs);
  const busiest = Math.max(1, ...service.backends.map((b) => b.flows));
  return (
    <table className="backends-table" data-testid="service-backends" aria-label={`Backends of ${serviceName(service)} ${service.address}`}>
      <thead>
        <tr>
          <th scope="col">Backend</th>
          <th scope="col">State</th>
          <th scope="col" className="num">Weight</th>
          <th scope="col">Node</th>
          <th scope="col">Zone</th>
          <th scope="col" className="num">Flows ({windowText})</th>
          <th scope="col" className="num">Drops</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {service.backends.map((backend) => {
          const idle = noTrafficNote(backend, windowMs);
          const tone = backendStateTone(backend.state);
          return (
            <tr
              key={backend.address}
              data-testid="backend-row"
              data-backend={backend.address}
              data-state={backend.state}
              data-flows={backend.flows}
              data-drops={backend.drops}
              className={idle ? 'is-idle' : undefined}
            >
              <td className="mono">
                {backend.address}
                {backend.preferred && service.backends.some((b) => !b.preferred) && (
                  <span className="backend-tag" title="Preferred backend (e.g. local or same zone)">
                    preferred
                  </span>
                )}
              </td>
              <td>
                <span className={`state-badge state-badge--${tone}`} title={backendStateHelp(backend.state)}>
                  {backend.state}
                </span>
              </td>
              <td className="num">{backend.weight ?? '—'}</td>
              <td>{backend.nodeName ?? <span className="muted">not reported</span>}</td>
              <td>{backend.zone ?? <span className="muted">—</span>}</td>
              <td className="num backend-flows">
                {idle ? (
                  <span className="idle-note" data-testid="backend-idle">
                    <span className="idle-glyph" aria-hidden="true">○</span> {idle}
                  </span>
                ) : (
                  <>
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((backend.flows / busiest) * 100)}%` }} />
                    </span>
                    <span className="count">{formatCount(backend.flows)}</span>
                  </>
                )}
              </td>
              <td className={`num${backend.drops > 0 ? ' has-drops' : ''}`}>{formatCount(backend.drops)}</td>
              <td className="muted">{lastSeenText(backend, windowMs, now)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
