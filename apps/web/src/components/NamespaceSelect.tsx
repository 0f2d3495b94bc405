import { useMemo } from 'react';
import type { NamespaceEntry } from '@starmap/core';

interface NamespaceSelectProps {
  /** From /api/namespaces; undefined while loading. */
  available: readonly NamespaceEntry[] | undefined;
  loadError: string | null;
  selected: readonly string[];
  onChange: (next: string[]) => void;
  /** Flows per namespace in the live list; only known for namespaces being received. */
  counts: ReadonlyMap<string, number>;
  totalFlows: number;
}

/**
 * A list of checkboxes: "All namespaces" (the default) or any set of namespaces. Ticking a
 * namespace while "All" is on narrows the view to that one namespace.
 */
export function NamespaceSelect({ available, loadError, selected, onChange, counts, totalFlows }: NamespaceSelectProps) {
  const names = useMemo(() => {
    const set = new Set<string>();
    for (const entry of available ?? []) if (entry.namespace) set.add(entry.namespace);
    // Namespaces seen in flows or chosen in the URL may not be listed by the relay yet.
    for (const ns of counts.keys()) set.add(ns);
    for (const ns of selected) set.add(ns);
    return [...set].sort();
  }, [available, counts, selected]);

  const clusters = useMemo(() => {
    const byName = new Map<string, Set<string>>();
    for (const entry of available ?? []) {
      if (!entry.cluster) continue;
      const set = byName.get(entry.namespace) ?? new Set<string>();
      set.add(entry.cluster);
      byName.set(entry.namespace, set);
    }
    return byName;
  }, [available]);

  const all = selected.length === 0;
  const toggle = (ns: string, checked: boolean) => {
    onChange(checked ? [...selected, ns] : selected.filter((s) => s !== ns));
  };

  return (
    <nav className="sidebar" aria-label="Namespace filter">
      <fieldset className="ns-select" data-testid="namespace-select">
        <legend className="sidebar-title">Namespaces</legend>
        <label className={`ns-option ns-option--all${all ? ' is-checked' : ''}`}>
          <input type="checkbox" data-testid="namespace-all" checked={all} onChange={() => onChange([])} />
          <span className="ns-name">All namespaces</span>
          {all && <span className="ns-count" title="Flows in the live list">{totalFlows.toLocaleString('en-US')}</span>}
        </label>
        <div className="ns-list">
          {names.map((ns) => {
            const checked = selected.includes(ns);
            const count = counts.get(ns);
            const clusterNames = [...(clusters.get(ns) ?? [])];
            return (
              <label key={ns} className={`ns-option${checked ? ' is-checked' : ''}`} title={clusterNames.length ? `cluster ${clusterNames.join(', ')}` : undefined}>
                <input
                  type="checkbox"
                  data-testid="namespace-option"
                  data-namespace={ns}
                  checked={checked}
                  onChange={(e) => toggle(ns, e.target.checked)}
                />
                <span className="ns-name">{ns}</span>
                {count !== undefined && (all || checked) && (
                  <span className="ns-count" title="Flows in the live list that start or end in this namespace">
                    {count.toLocaleString('en-US')}
                  </span>
                )}
              </label>
            );
          })}
        </div>
        {available === undefined && loadError === null && <p className="sidebar-note">Loading namespaces…</p>}
        {loadError !== null && <p className="sidebar-note sidebar-note--bad">Cannot list namespaces: {loadError}</p>}
        {available !== undefined && names.length === 0 && (
          <p className="sidebar-note">The relay has not reported any namespace yet.</p>
        )}
      </fieldset>
    </nav>
  );
}
