import type { ServicesResponse } from '@starmap/core';
import { formatCount, sourceLine, staleLine } from './serviceFormat';
import type { TypeCount } from './serviceFilter';

interface ServicesToolbarProps {
  response: ServicesResponse | undefined;
  now: number;
  search: string;
  onSearch: (text: string) => void;
  /** Namespaces offered in the select (those with frontends, plus any selected). */
  namespaceOptions: readonly string[];
  selectedNamespaces: readonly string[];
  onNamespacesChange: (next: string[]) => void;
  typeCounts: readonly TypeCount[];
  selectedTypes: readonly string[];
  onTypesChange: (next: string[]) => void;
  shown: number;
  total: number;
}

const MULTIPLE = '\u0000multiple';

export function ServicesToolbar(props: ServicesToolbarProps) {
  const { response, now, search, onSearch, namespaceOptions, selectedNamespaces, onNamespacesChange } = props;
  const { typeCounts, selectedTypes, onTypesChange, shown, total } = props;
  const source = response ? sourceLine(response, now) : null;
  const stale = response ? staleLine(response) : null;
  const warnings = response?.warnings ?? [];
  const nsValue = selectedNamespaces.length === 0 ? '' : selectedNamespaces.length === 1 ? selectedNamespaces[0]! : MULTIPLE;

  const toggleType = (type: string) => {
    onTypesChange(selectedTypes.includes(type) ? selectedTypes.filter((t) => t !== type) : [...selectedTypes, type]);
  };

  return (
    <div className="services-toolbar">
      <div className="toolbar services-controls">
        <h2 className="toolbar-title">Services</h2>
        <input
          type="search"
          className="services-search"
          data-testid="services-search"
          placeholder="Search name, namespace, address, backend…"
          aria-label="Search services by name, namespace, frontend or backend address"
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
        <label className="services-ns">
          <span className="muted">Namespace</span>
          <select
            data-testid="services-namespace-filter"
            value={nsValue}
            onChange={(e) => onNamespacesChange(e.target.value === '' ? [] : [e.target.value])}
            title="The same selection as the namespace list on the left"
          >
            <option value="">All namespaces</option>
            {nsValue === MULTIPLE && <option value={MULTIPLE} disabled>{`${selectedNamespaces.length} namespaces (sidebar)`}</option>}
            {namespaceOptions.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <div className="type-chips" role="group" aria-label="Service type" data-testid="services-type-filter">
          <button
            type="button"
            className="type-chip"
            aria-pressed={selectedTypes.length === 0}
            data-type=""
            onClick={() => onTypesChange([])}
          >
            All types
          </button>
          {typeCounts.map(({ type, count }) => (
            <button
              key={type}
              type="button"
              className="type-chip"
              aria-pressed={selectedTypes.includes(type)}
              data-type={type}
              onClick={() => toggleType(type)}
            >
              {type} <span className="type-chip-count">{formatCount(count)}</span>
            </button>
          ))}
        </div>
        <span className="stat services-count" data-testid="services-count" data-shown={shown} data-total={total}>
          {shown === total ? `${formatCount(total)} frontends` : `${formatCount(shown)} of ${formatCount(total)} frontends`}
        </span>
      </div>
      {(source || stale || warnings.length > 0) && (
        <div className="services-source">
          {source && (
            <span data-testid="services-source" className="muted">
              {source}
            </span>
          )}
          {stale && (
            <span className="services-stale" role="status" data-testid="services-stale">
              <span className="warn-glyph" aria-hidden="true">!</span> {stale}
            </span>
          )}
          {warnings.length > 0 && (
            <span className="services-warnings" title={warnings.join('\n')}>
              {warnings.length === 1 ? warnings[0] : `${warnings.length} notes about the agent's data (hover to read)`}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
