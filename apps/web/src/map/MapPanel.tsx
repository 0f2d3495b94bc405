import { useEffect, useMemo, type ReactNode } from 'react';
import { FlowLocator, type Flow, type ServiceMapEdge, type ServiceMapNode, type ServiceMapSnapshot, type VerdictCounts } from '@starmap/core';
import { FlowsTable } from '../components/FlowsTable';
import { formatClock } from '../format/time';
import { formatPort, formatRate, VERDICT_COLOURS, verdictMix } from './edgeStyle';
import { buildMapGraph, type DrawnEdge } from './mapGraph';
import { windowLabel, type MapSelection } from './mapParams';
import { nodeBadge, nodeTitle } from './nodeText';
import { edgeDrops, nodeDrops, placementCache, selectionFlows, topPeers, type DropRow } from './panelData';

interface MapPanelProps {
  selection: MapSelection;
  map: ServiceMapSnapshot;
  /** Newest first: the live flows of the selected namespaces. */
  flows: readonly Flow[];
  windowMs: number;
  hidden: boolean;
  /** Services are drawn as cards of their own (else folded into their single backend). */
  serviceCards: boolean;
  onClose: () => void;
  onSelect: (selection: MapSelection) => void;
  onHide: (id: string) => void;
  openFlowId: string | null;
  onOpenFlow: (flow: Flow) => void;
}

const VERDICT_NAMES: [keyof VerdictCounts, string][] = [
  ['forwarded', 'forwarded'],
  ['dropped', 'dropped'],
  ['error', 'error'],
  ['redirected', 'redirected'],
  ['translated', 'translated'],
  ['traced', 'traced'],
  ['audit', 'audit'],
  ['unknown', 'unknown'],
];

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function DropReasons({ rows }: { rows: readonly DropRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section className="map-panel__section" data-testid="map-panel-drops">
      <h3>Drop reasons</h3>
      <ul className="map-drops">
        {rows.map((row) => (
          <li key={row.code} className="map-drop" data-testid="map-drop-reason" data-code={row.code}>
            <div className="map-drop__head">
              <span className="map-drop__text">{row.text}</span>
              <span className="map-drop__count">{n(row.flows)}</span>
            </div>
            <div className="map-drop__meta">
              {row.name || 'no enum name'} · code {row.code} · {row.category}
            </div>
            <p className="map-drop__desc">{row.description}</p>
            {row.hint && <p className="map-drop__hint">{row.hint}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Ports({ node }: { node: ServiceMapNode }) {
  const ports = [...node.ports].sort((a, b) => b.flows - a.flows);
  if (ports.length === 0 && node.otherPortFlows === 0) return null;
  return (
    <section className="map-panel__section">
      <h3>Ports it serves</h3>
      <ul className="map-list">
        {ports.map((p) => (
          <li key={`${p.protocol}/${p.port}`}>
            <span className="map-port">{formatPort(p)}</span>
            <span className="map-list__count">{n(p.flows)} flows</span>
          </li>
        ))}
        {node.otherPortFlows > 0 && (
          <li>
            <span>other ports</span>
            <span className="map-list__count">{n(node.otherPortFlows)} flows</span>
          </li>
        )}
      </ul>
    </section>
  );
}

function Verdicts({ v }: { v: VerdictCounts }) {
  return (
    <div className="map-verdicts">
      {VERDICT_NAMES.filter(([key]) => v[key] > 0).map(([key, name]) => (
        <span key={key} className={`map-verdict map-verdict--${key}`}>
          {name} {n(v[key])}
        </span>
      ))}
    </div>
  );
}

interface NodeDetailsProps {
  node: ServiceMapNode;
  map: ServiceMapSnapshot;
  edges: readonly DrawnEdge[];
  services: readonly ServiceMapNode[];
  windowMs: number;
  onSelect: (s: MapSelection) => void;
}

function NodeDetails({ node, map, edges, services, windowMs, onSelect }: NodeDetailsProps) {
  const peers = topPeers(node.id, edges);
  const names = new Map(map.nodes.map((x) => [x.id, x]));
  return (
    <>
      <dl className="map-facts">
        {node.namespace && <Fact label="Namespace">{node.namespace}</Fact>}
        {node.workloadKind && <Fact label="Kind">{node.workloadKind}</Fact>}
        {services.length > 0 && (
          <Fact label="Services">
            {services.map((s) => (
              <span key={s.id} className="map-svc" title={s.id}>
                svc {s.name} {s.ports.map(formatPort).join(', ')}
              </span>
            ))}
          </Fact>
        )}
        <Fact label={`Flows (${windowLabel(windowMs)})`}>
          {n(node.flows.sent)} sent · {n(node.flows.received)} received
          {node.flows.dropped > 0 && <span className="map-bad"> · {n(node.flows.dropped)} dropped</span>}
        </Fact>
        {node.pods.length > 0 && (
          <Fact label="Pods">
            {n(node.pods.length)}
            {node.truncated ? '+' : ''}: {node.pods.slice(0, 6).join(', ')}
            {node.pods.length > 6 ? ', …' : ''}
          </Fact>
        )}
        {node.k8sNodes.length > 0 && <Fact label="On nodes">{node.k8sNodes.join(', ')}</Fact>}
        {node.ips.length > 0 && (
          <Fact label="Addresses">
            {node.ips.slice(0, 8).join(', ')}
            {node.ips.length > 8 ? ', …' : ''}
          </Fact>
        )}
        {node.kind === 'more' && <Fact label="Folded">{n(node.folded)} workloads or peers (the map reached its node limit)</Fact>}
        <Fact label="Last flow">{node.lastSeen > 0 ? formatClock(new Date(node.lastSeen)) : '—'}</Fact>
      </dl>
      {node.labels.length > 0 && (
        <details className="map-panel__section">
          <summary>Labels ({node.labels.length})</summary>
          <ul className="map-labels">
            {node.labels.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </details>
      )}
      {peers.length > 0 && (
        <section className="map-panel__section">
          <h3>Top peers</h3>
          <ul className="map-list">
            {peers.map(({ edge, peer, direction, via }) => {
              const other = names.get(peer);
              const through = via && direction === 'in' ? ` (via svc ${names.get(via)?.name ?? via})` : '';
              return (
                <li key={edge.id}>
                  <button type="button" className="map-link" onClick={() => onSelect({ kind: 'edge', id: edge.id })} title={edge.id}>
                    {direction === 'out' ? '→' : '←'} {other ? nodeTitle(other) : peer}
                    {through}
                  </button>
                  <span className="map-list__count">
                    <span className="map-dot" style={{ background: VERDICT_COLOURS[verdictMix(edge.verdicts)] }} />
                    {n(edge.flows)} flows
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <Ports node={node} />
      <DropReasons rows={nodeDrops(node, edges)} />
    </>
  );
}

function EdgeDetails({ edge, windowMs }: { edge: ServiceMapEdge; windowMs: number }) {
  return (
    <>
      <dl className="map-facts">
        <Fact label={`Flows (${windowLabel(windowMs)})`}>{n(edge.flows)}</Fact>
        <Fact label="Rate">{formatRate(edge.rate) || '0/s'} (last 30 s)</Fact>
        <Fact label="Verdicts">
          <Verdicts v={edge.verdicts} />
        </Fact>
        <Fact label="Ports">
          {edge.ports.map((p) => `${formatPort(p)} (${n(p.flows)})`).join(', ') || '—'}
          {edge.otherPortFlows > 0 ? `, other ports (${n(edge.otherPortFlows)})` : ''}
        </Fact>
        {edge.crossNodeFlows > 0 && <Fact label="Across nodes">at least {n(edge.crossNodeFlows)} flows</Fact>}
        {edge.l7 && (
          <Fact label="L7">
            {n(edge.l7.requests)} requests · {n(edge.l7.responses)} responses
            {edge.l7.errors > 0 && <span className="map-bad"> · {n(edge.l7.errors)} errors</span>}
            {edge.l7.p95Ms !== null && ` · p95 ≤ ${edge.l7.p95Ms} ms`}
          </Fact>
        )}
        <Fact label="Last flow">{edge.lastSeen > 0 ? formatClock(new Date(edge.lastSeen)) : '—'}</Fact>
      </dl>
      <DropReasons rows={edgeDrops(edge)} />
    </>
  );
}

/** The side panel for the selected node or edge: facts, peers, ports, drop reasons and its live flows. */
export function MapPanel(props: MapPanelProps) {
  const { selection, map, flows, windowMs, onClose, onSelect, onHide, serviceCards } = props;
  const node = selection.kind === 'node' ? map.nodes.find((x) => x.id === selection.id) : undefined;
  const edge = selection.kind === 'edge' ? map.edges.find((x) => x.id === selection.id) : undefined;
  const nodeById = useMemo(() => new Map(map.nodes.map((x) => [x.id, x])), [map.nodes]);
  // Peers and drops are read from the whole map, hidden nodes included, drawn as the map draws services.
  const whole = useMemo(() => buildMapGraph(map, [], [], { foldServices: !serviceCards }), [map, serviceCards]);
  const services = node ? (whole.servicesOf.get(node.id) ?? []) : [];
  const serviceIds = useMemo(() => services.map((s) => s.id), [services]);

  // One locator per map: the served ports it reads change with the map; its placements are cached per flow.
  const placementOf = useMemo(() => placementCache(new FlowLocator({}, map.nodes)), [map.nodes]);
  const panelFlows = useMemo(() => selectionFlows(flows, selection, placementOf, serviceIds), [flows, selection, placementOf, serviceIds]);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const name = (id: string) => {
    const x = nodeById.get(id);
    return x ? nodeTitle(x) : id;
  };
  const title = node ? nodeTitle(node) : edge ? `${name(edge.source)} → ${name(edge.destination)}` : selection.id;
  return (
    <aside className="map-panel" data-testid="map-panel" data-selection-kind={selection.kind} data-selection-id={selection.id} aria-label="Selected map element">
      <header className="map-panel__head">
        <div className="map-panel__title">
          <span className={`map-badge map-badge--${node ? node.kind : 'edge'}`}>{node ? nodeBadge(node) : 'edge'}</span>
          <h2 title={selection.id}>{title}</h2>
        </div>
        <div className="map-panel__actions">
          {node && (
            <button type="button" className="map-button" onClick={() => onHide(node.id)} data-testid="map-panel-hide">
              Hide
            </button>
          )}
          <button type="button" className="map-button" onClick={onClose} aria-label="Close panel" data-testid="map-panel-close">
            ×
          </button>
        </div>
      </header>
      <div className="map-panel__scroll">
        {edge && (
          <div className="map-panel__ends">
            <button type="button" className="map-link" onClick={() => onSelect({ kind: 'node', id: edge.source })}>
              {edge.source}
            </button>
            <span aria-hidden="true"> → </span>
            <button type="button" className="map-link" onClick={() => onSelect({ kind: 'node', id: edge.destination })}>
              {edge.destination}
            </button>
          </div>
        )}
        {props.hidden && <p className="map-panel__note">This node is hidden on the map.</p>}
        {node && <NodeDetails node={node} map={map} edges={whole.edges} services={services} windowMs={windowMs} onSelect={onSelect} />}
        {edge && <EdgeDetails edge={edge} windowMs={windowMs} />}
        {!node && !edge && (
          <p className="map-panel__note" data-testid="map-panel-gone">
            No traffic of this {selection.kind} in the last {windowLabel(windowMs)}: it has left the map. Its flows below are those still in the live list.
          </p>
        )}
      </div>
      <section className="map-panel__flows">
        <h3>
          Flows <span className="muted">({n(panelFlows.length)}{panelFlows.length >= 2_000 ? '+' : ''} in the live list)</span>
        </h3>
        <FlowsTable
          flows={panelFlows}
          selectedId={props.openFlowId}
          onSelect={props.onOpenFlow}
          empty={{
            title: `No flows of this ${selection.kind} in the live list`,
            detail: 'The live list holds the newest flows of the selected namespaces since the page opened; the map counts the whole window. New flows appear here as they arrive.',
          }}
        />
      </section>
    </aside>
  );
}
