import type { View } from '../state/viewParam';

const LABELS: Record<View, string> = { map: 'Service map', flows: 'Flows', services: 'Services' };

export function ViewTabs({ view, onChange, views }: { view: View; onChange: (v: View) => void; views: readonly View[] }) {
  return (
    <div className="view-tabs" role="tablist" aria-label="Views">
      {views.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={v === view}
          className={`view-tab${v === view ? ' is-active' : ''}`}
          data-testid={`tab-${v}`}
          onClick={() => onChange(v)}
        >
          {LABELS[v]}
        </button>
      ))}
    </div>
  );
}
