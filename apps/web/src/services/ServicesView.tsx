import { useCallback, useMemo, useState } from 'react';
import type { ServiceWithTraffic } from '@starmap/core';
import { useServices, useStatus } from '../api/queries';
import { useNow } from '../state/useNow';
import { ServicesTable } from './ServicesTable';
import { ServicesToolbar } from './ServicesToolbar';
import { countByType, filterServices, namespacesOf, type ServiceFilter } from './serviceFilter';
import { servicesEmptyMessage } from './servicesEmpty';

interface ServicesViewProps {
  /** The app's namespace selection (the sidebar's); empty = all. */
  namespaces: readonly string[];
  onNamespacesChange: (next: string[]) => void;
  /** Switch to the Flows view narrowed to this namespace (null = all namespaces). */
  onShowFlows: (namespace: string | null) => void;
}

const EMPTY: readonly ServiceWithTraffic[] = [];

/** The service → backend table, like `cilium service list`, joined with live per-backend flow counts. */
export function ServicesView({ namespaces, onNamespacesChange, onShowFlows }: ServicesViewProps) {
  const services = useServices();
  const status = useStatus();
  const now = useNow(1_000);
  const [search, setSearch] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  const response = services.data;
  const all = response?.services ?? EMPTY;
  const filter: ServiceFilter = useMemo(() => ({ namespaces, types, search }), [namespaces, types, search]);
  const shown = useMemo(() => filterServices(all, filter), [all, filter]);
  // Type counts follow the namespace and search filters, so a chip says how many rows it would show.
  const typeCounts = useMemo(() => {
    const counts = countByType(filterServices(all, { ...filter, types: [] }));
    // A chosen type stays visible (with 0) so it can be switched off again.
    for (const type of types) if (!counts.some((c) => c.type === type)) counts.push({ type, count: 0 });
    return counts;
  }, [all, filter, types]);
  const namespaceOptions = useMemo(() => [...new Set([...namespacesOf(all), ...namespaces])].sort(), [all, namespaces]);

  const empty = servicesEmptyMessage({
    response,
    loadError: services.error ? services.error.message : null,
    status: status.data,
    filter,
    shown: shown.length,
  });

  const onToggle = useCallback((key: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  const showFlows = useCallback((service: ServiceWithTraffic) => onShowFlows(service.namespace), [onShowFlows]);

  return (
    <main className="services-panel" data-testid="services-view">
      <ServicesToolbar
        response={response}
        now={now}
        search={search}
        onSearch={setSearch}
        namespaceOptions={namespaceOptions}
        selectedNamespaces={namespaces}
        onNamespacesChange={onNamespacesChange}
        typeCounts={typeCounts}
        selectedTypes={types}
        onTypesChange={setTypes}
        shown={shown.length}
        total={all.length}
      />
      <ServicesTable
        services={shown}
        windowMs={response?.windowMs ?? 300_000}
        now={now}
        expanded={expanded}
        onToggle={onToggle}
        onShowFlows={showFlows}
        empty={empty}
      />
    </main>
  );
}
