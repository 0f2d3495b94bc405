import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useDatapath } from '../api/queries';
import { useNow } from '../state/useNow';
import { BadgeExplanation } from './BadgeExplanation';
import { datapathView, splitChips, stateWord, type ChipModel } from './badgeModel';
import { Popover } from './Popover';
import { StateIcon } from './StateIcon';

/** Sentinel id of the single chip shown when no mode can be known. */
const UNAVAILABLE_ID = 'datapath';

/** Datapath-mode chips for the header; each opens an explanation. */
export function DatapathBadges() {
  const datapath = useDatapath();
  const view = useMemo(() => datapathView(datapath.data, datapath.error ? datapath.error.message : null), [datapath.data, datapath.error]);
  const [expanded, setExpanded] = useState(false);
  const [open, setOpen] = useState<{ id: string; anchor: HTMLElement } | null>(null);
  const now = useNow(1_000, open !== null);
  const titleId = useId();
  const close = useCallback(() => setOpen(null), []);

  const chips = view.kind === 'ready' ? view.chips : [];
  const { visible, hidden } = splitChips(chips, expanded);
  const openChip = open ? chips.find((c) => c.id === open.id) : undefined;

  // A chip that disappears (collapsed behind "+N", or gone from the data) takes its dialog with it.
  useEffect(() => {
    if (open && !open.anchor.isConnected) setOpen(null);
  });

  const toggle = (id: string, anchor: HTMLElement) => setOpen((cur) => (cur?.id === id ? null : { id, anchor }));

  if (view.kind === 'loading') {
    return (
      <div className="datapath-bar" data-testid="datapath-badges" data-kind="loading">
        <span className="datapath-source-title datapath-bar-title">Datapath</span>
        <span className="muted">reading the agent status…</span>
      </div>
    );
  }

  if (view.kind === 'unavailable') {
    return (
      <div className="datapath-bar" data-testid="datapath-badges" data-kind="unavailable" role="group" aria-label="Datapath modes">
        <span className="datapath-source-title datapath-bar-title">Datapath</span>
        <button
          type="button"
          className="dp-chip dp-chip--unknown"
          data-testid="datapath-badge"
          data-badge-id={UNAVAILABLE_ID}
          data-state="unknown"
          aria-haspopup="dialog"
          aria-expanded={open?.id === UNAVAILABLE_ID}
          onClick={(e) => toggle(UNAVAILABLE_ID, e.currentTarget)}
        >
          <StateIcon state="unknown" />
          <span className="dp-label">Modes</span>
          <span className="dp-value">unknown</span>
        </button>
        {open?.id === UNAVAILABLE_ID && (
          <Popover anchor={open.anchor} labelledBy={titleId} onClose={close} testId="datapath-explanation">
            <h2 id={titleId} className="dp-title">
              {view.title}
            </h2>
            <p className="dp-unknown" data-testid="datapath-unknown-reason">
              <strong>Unknown:</strong> {view.reason}
            </p>
          </Popover>
        )}
      </div>
    );
  }

  const { source } = view;
  const sourceTitle = [
    `Datapath modes from GET /v1/healthz and GET /v1/config on ${source.target}`,
    source.node ? `node ${source.node}` : '',
    source.agentVersion ? `Cilium ${source.agentVersion}` : '',
    view.agentCount > 1 ? `${view.agentCount} agents polled; chips marked ≠ differ between nodes` : '',
    ...view.unreachable.map((u) => `${u.target}: ${u.problem}`),
  ]
    .filter(Boolean)
    .join('\n');

  return (
    <div
      className={`datapath-bar${expanded ? ' is-expanded' : ''}`}
      data-testid="datapath-badges"
      data-kind="ready"
      role="group"
      aria-label="Datapath modes"
    >
      <span className="datapath-source-title datapath-bar-title">Datapath</span>
      {visible.map((chip) => (
        <Chip key={chip.id} chip={chip} isOpen={open?.id === chip.id} onOpen={toggle} />
      ))}
      {hidden.length > 0 && (
        <button
          type="button"
          className="dp-chip dp-chip--more"
          data-testid="datapath-more"
          aria-expanded={false}
          title={`Show ${hidden.map((c) => c.badge.label).join(', ')}`}
          onClick={() => setExpanded(true)}
        >
          +{hidden.length}
        </button>
      )}
      {expanded && (
        <button type="button" className="dp-chip dp-chip--more" data-testid="datapath-more" aria-expanded={true} onClick={() => setExpanded(false)}>
          fewer
        </button>
      )}
      <span className="datapath-source muted" data-testid="datapath-api-source" title={sourceTitle}>
        {view.agentCount > 1 ? `${view.agentCount} agents` : `agent API ${source.target}`}
        {view.unreachable.length > 0 ? ` (${view.unreachable.length} unreachable)` : ''}
      </span>
      {open && openChip && (
        <Popover anchor={open.anchor} labelledBy={titleId} onClose={close} testId="datapath-explanation">
          <BadgeExplanation chip={openChip} source={source} titleId={titleId} now={now} />
        </Popover>
      )}
    </div>
  );
}

function Chip({ chip, isOpen, onOpen }: { chip: ChipModel; isOpen: boolean; onOpen: (id: string, anchor: HTMLElement) => void }) {
  const differs = chip.difference !== null;
  const label = `${chip.badge.label}: ${chip.value} (${stateWord(chip.state)}${differs ? ', differs between nodes' : ''})`;
  return (
    <button
      type="button"
      className={`dp-chip dp-chip--${chip.state}${differs ? ' dp-chip--differs' : ''}`}
      data-testid="datapath-badge"
      data-badge-id={chip.id}
      data-state={chip.state}
      data-differs={differs ? 'true' : undefined}
      aria-haspopup="dialog"
      aria-expanded={isOpen}
      aria-label={`${label}. Explain`}
      title={label}
      onClick={(e) => onOpen(chip.id, e.currentTarget)}
    >
      {/* OK chips go without an icon: every other state has a shape of its own. */}
      {chip.state !== 'ok' && <StateIcon state={chip.state} />}
      <span className="dp-label">{chip.shortLabel}</span>
      <span className="dp-value">{chip.compact}</span>
      {differs && (
        <span className="dp-differs" aria-hidden="true">
          ≠
        </span>
      )}
    </button>
  );
}
