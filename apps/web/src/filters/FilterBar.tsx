import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FilterArgsError } from '@starmap/core';
import { errorSpan } from './errorSpan';
import { emptySharedFilter, filterBarText, filterChips, observeCommand, parseFilterText, removeChip } from './filterModel';
import type { SharedFilterControl } from './useSharedFilter';

const PLACEHOLDER = 'hubble observe flags, e.g. --namespace shop --verdict DROPPED --to-port 443 — Enter applies';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The filter as one hubble-CLI line: validated as it is typed, applied on Enter, shown as chips,
 * and offered back as the `hubble observe` command that shows the same flows.
 */
export function FilterBar({ control }: { control: SharedFilterControl }) {
  const { filter, barText, rejected } = control;
  const [draft, setDraft] = useState(() => rejected?.text ?? barText);
  const [copy, setCopy] = useState<CopyState>('idle');
  const commandRef = useRef<HTMLElement>(null);

  // A change from elsewhere (sidebar, drops panel, a chip) shows in the bar.
  useEffect(() => setDraft(barText), [barText]);
  // No clipboard (or no permission): show the command selected, so Ctrl+C copies it.
  useEffect(() => {
    if (copy !== 'failed') return;
    const el = commandRef.current;
    const selection = window.getSelection();
    if (el && selection) selection.selectAllChildren(el);
  }, [copy]);
  useEffect(() => {
    if (copy === 'idle') return;
    const timer = setTimeout(() => setCopy('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [copy]);

  const dirty = draft.trim() !== barText;
  const typed = useMemo(() => (dirty ? parseFilterText(draft) : null), [dirty, draft]);
  const shown: { text: string; error: FilterArgsError; prefix: string } | null = typed?.error
    ? { text: draft, error: typed.error, prefix: '' }
    : !dirty && rejected
      ? { text: rejected.text, error: rejected.error, prefix: rejected.text === barText ? '' : 'Not applied: ' }
      : null;
  const chips = useMemo(() => filterChips(filter), [filter]);
  const command = useMemo(() => observeCommand(filter), [filter]);

  const applyDraft = () => {
    if (typed?.error) return; // the error is on screen; the view stays as it was
    if (!dirty) return;
    if (control.applyText(draft) === null && typed?.filter) setDraft(filterBarText(typed.filter));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      applyDraft();
    } else if (event.key === 'Escape' && dirty) {
      event.preventDefault();
      setDraft(barText);
      control.clearRejected();
    }
  };

  const copyCommand = () => {
    const done = () => setCopy('copied');
    const failed = () => setCopy('failed');
    if (!navigator.clipboard) return failed();
    navigator.clipboard.writeText(command).then(done, failed);
  };

  const span = shown ? errorSpan(shown.text, shown.error) : null;

  return (
    <section className="filter-bar" aria-label="Filter" data-testid="filter-section" data-applied={barText}>
      <div className="filter-row">
        <label className="filter-label" htmlFor="filter-input">
          Filter
        </label>
        <input
          id="filter-input"
          className={`filter-input${shown ? ' has-error' : ''}${dirty ? ' is-dirty' : ''}`}
          data-testid="filter-bar"
          value={draft}
          placeholder={PLACEHOLDER}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shown !== null}
          aria-describedby={shown ? 'filter-error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {dirty && !typed?.error && <span className="filter-hint">Enter to apply · Esc to undo</span>}
        <button type="button" className="map-button" data-testid="filter-apply" disabled={!dirty || Boolean(typed?.error)} onClick={applyDraft}>
          Apply
        </button>
        <button
          type="button"
          className="map-button"
          data-testid="filter-clear"
          disabled={barText === '' && draft === ''}
          onClick={() => {
            setDraft('');
            control.apply(emptySharedFilter());
          }}
        >
          Clear
        </button>
        <button type="button" className="map-button" data-testid="filter-copy-command" onClick={copyCommand} title={command}>
          {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Press Ctrl+C' : 'Copy as command'}
        </button>
      </div>
      {shown && span && (
        <p className="filter-error" id="filter-error" role="alert" data-testid="filter-error" data-flag={shown.error.flag ?? ''} data-position={shown.error.position ?? ''}>
          <span className="filter-error-message">
            {shown.prefix}
            {shown.error.message}
          </span>
          {span.bad !== null && (
            <code className="filter-error-text">
              {span.before}
              <mark>{span.bad || ' '}</mark>
              {span.after}
            </code>
          )}
        </p>
      )}
      {/* Without a filter the bar stays one line: the map gets the room, the command is on the button. */}
      {(chips.length > 0 || copy === 'failed') && (
        <div className="filter-row filter-row--meta">
          <ul className="filter-chips" aria-label="Filter parts">
            {chips.map((chip) => (
              <li key={chip.key} className={`filter-chip${chip.local ? ' filter-chip--local' : ''}`} data-testid="filter-chip" data-flag={chip.label} data-value={chip.value}>
                <span className="filter-chip-flag">{chip.label}</span>
                <span className="filter-chip-value">{chip.value}</span>
                {chip.local && (
                  <span className="filter-chip-note" title="Hubble has no flag for this: Starmap filters the flows it receives">
                    local
                  </span>
                )}
                <button
                  type="button"
                  className="filter-chip-remove"
                  aria-label={`Remove ${chip.label} ${chip.value}`}
                  title="Remove"
                  onClick={() => control.apply(removeChip(filter, chip.key))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <span className="filter-command" title="The hubble CLI command that shows the same flows">
            <span className="filter-command-prompt" aria-hidden="true">
              $
            </span>
            <code ref={commandRef} data-testid="filter-command-text">
              {command}
            </code>
          </span>
        </div>
      )}
    </section>
  );
}
