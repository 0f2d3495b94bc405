import type { KeyboardEvent } from 'react';
import { HIDE_GROUPS, WINDOW_CHOICES, type HideGroup } from './mapParams';

interface MapToolbarProps {
  query: string;
  onQuery: (query: string) => void;
  matchCount: number;
  /** Centers the next match. */
  onNextMatch: () => void;
  windowMs: number;
  onWindow: (ms: number) => void;
  hidden: readonly string[];
  onHidden: (hidden: string[]) => void;
  /** Display names of hidden node ids. */
  nameOf: (id: string) => string;
  serviceCards: boolean;
  onServiceCards: (on: boolean) => void;
  onRelayout: () => void;
  onFit: () => void;
  onExport: (format: 'png' | 'svg') => void;
  canExport: boolean;
}

export function MapToolbar(props: MapToolbarProps) {
  const { query, onQuery, matchCount, onNextMatch, windowMs, onWindow, hidden, onHidden, nameOf } = props;
  const toggleGroup = (group: HideGroup, on: boolean) => onHidden(on ? [...hidden, group] : hidden.filter((h) => h !== group));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onNextMatch();
    } else if (event.key === 'Escape') {
      onQuery('');
    }
  };
  const singles = hidden.filter((h) => !(h in HIDE_GROUPS));
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Service map tools">
      <div className="map-toolbar__group">
        <input
          type="search"
          className="map-search"
          placeholder="Find a workload…"
          aria-label="Find a workload on the map"
          data-testid="map-search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {query.trim() !== '' && (
          <span className="map-toolbar__note" data-testid="map-search-count">
            {matchCount === 0 ? 'no match' : `${matchCount} match${matchCount === 1 ? '' : 'es'}${matchCount > 1 ? ' · Enter for next' : ''}`}
          </span>
        )}
      </div>
      <label className="map-toolbar__group">
        <span className="map-toolbar__label">Window</span>
        <select value={windowMs} onChange={(e) => onWindow(Number(e.target.value))} data-testid="map-window" aria-label="Time window of the map">
          {WINDOW_CHOICES.map((c) => (
            <option key={c.ms} value={c.ms}>
              last {c.label}
            </option>
          ))}
        </select>
      </label>
      <div className="map-toolbar__group" role="group" aria-label="Hide groups of nodes">
        <span className="map-toolbar__label">Hide</span>
        {(Object.keys(HIDE_GROUPS) as HideGroup[]).map((group) => (
          <label key={group} className="map-toggle" title={HIDE_GROUPS[group]}>
            <input type="checkbox" checked={hidden.includes(group)} onChange={(e) => toggleGroup(group, e.target.checked)} data-testid={`map-hide-${group.slice(1)}`} />
            {group === '@world' ? 'world' : 'cluster identities'}
          </label>
        ))}
      </div>
      <label className="map-toggle" title="Draw every Kubernetes service as a card of its own; otherwise a service with a single backend workload is drawn on that workload's card">
        <input type="checkbox" checked={props.serviceCards} onChange={(e) => props.onServiceCards(e.target.checked)} data-testid="map-service-cards" />
        services as cards
      </label>
      {singles.length > 0 && (
        <div className="map-toolbar__group map-hidden" aria-label="Hidden nodes">
          <span className="map-toolbar__label">Hidden</span>
          {singles.map((id) => (
            <button
              key={id}
              type="button"
              className="map-chip"
              data-testid="map-hidden-chip"
              data-node-id={id}
              title={`Show ${id} again`}
              onClick={() => onHidden(hidden.filter((h) => h !== id))}
            >
              {nameOf(id)} <span aria-hidden="true">×</span>
            </button>
          ))}
          <button type="button" className="map-link" onClick={() => onHidden([])} data-testid="map-show-all">
            Show all
          </button>
        </div>
      )}
      <div className="map-toolbar__group map-toolbar__end">
        <button type="button" className="map-button" onClick={props.onRelayout} title="Lay out the whole map afresh (dragged cards lose their place)" data-testid="map-relayout">
          Re-layout
        </button>
        <button type="button" className="map-button" onClick={props.onFit} title="Fit the whole map in view" data-testid="map-fit">
          Fit
        </button>
        <button type="button" className="map-button" onClick={() => props.onExport('png')} disabled={!props.canExport} data-testid="map-export-png" title="Download the whole map as a PNG image">
          PNG
        </button>
        <button type="button" className="map-button" onClick={() => props.onExport('svg')} disabled={!props.canExport} data-testid="map-export-svg" title="Download the whole map as an SVG drawing">
          SVG
        </button>
      </div>
    </div>
  );
}
