import type { DropsSummary } from '@starmap/core';
import { windowText } from './dropsText';

/** Opens and closes the drops panel; the count is there even while it is closed. */
export function DropsToggle({ open, summary, onToggle }: { open: boolean; summary: DropsSummary | null; onToggle: (open: boolean) => void }) {
  const total = summary?.total ?? null;
  return (
    <button
      type="button"
      className={`drops-toggle${open ? ' is-open' : ''}${total ? ' has-drops' : ''}`}
      data-testid="drops-toggle"
      aria-expanded={open}
      aria-controls="drops-panel"
      title={summary ? `${summary.total} dropped flows in the last ${windowText(summary.windowMs)} for the current filter` : 'Drops by reason, namespace, workload and node'}
      onClick={() => onToggle(!open)}
    >
      Drops
      {total !== null && (
        <span className="drops-toggle-count" data-testid="drops-toggle-count">
          {total.toLocaleString('en-US')}
        </span>
      )}
      <span className="drops-toggle-caret" aria-hidden="true">
        {open ? '›' : '‹'}
      </span>
    </button>
  );
}
