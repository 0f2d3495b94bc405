import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Flow } from '@starmap/core';
import { describeServerProblem } from './api/http';
import { useNamespaces, useStatus } from './api/queries';
import { FlowDrawer } from './components/FlowDrawer';
import { FlowsTable } from './components/FlowsTable';
import { FlowsToolbar } from './components/FlowsToolbar';
import { Header } from './components/Header';
import { NamespaceSelect } from './components/NamespaceSelect';
import { emptyFlowsMessage } from './format/emptyState';
import { DropsPanel } from './drops/DropsPanel';
import { DropsToggle } from './drops/DropsToggle';
import { useDrops } from './drops/useDrops';
import { useDropsOpen } from './drops/useDropsOpen';
import { withFilterEmptyMessage } from './filters/emptyWithFilter';
import { FilterBar } from './filters/FilterBar';
import { ActiveFilterContext } from './filters/FilterContext';
import { useSharedFilter } from './filters/useSharedFilter';
import { readMapParams, windowLabel } from './map/mapParams';
import { RecordButton } from './replay/RecordButton';
import { ReplayBar } from './replay/ReplayBar';
import { useView } from './state/useView';
import { VIEWS } from './state/viewParam';
import { ViewTabs } from './components/ViewTabs';
import { MapView } from './map/MapView';
import { ServicesView } from './services/ServicesView';
import { useNow } from './state/useNow';
import { countFlowsByNamespace } from './stream/namespaceCounts';
import { DEFAULT_FLOW_LIMIT, useFlowStream } from './stream/useFlowStream';

export function App() {
  const status = useStatus();
  const namespaces = useNamespaces();
  // One filter for the map, the flows, the drops panel and the URL; the sidebar holds its namespaces.
  const filter = useSharedFilter();
  const selectedNamespaces = filter.filter.namespaces;
  const setSelectedNamespaces = filter.setNamespaces;
  const stream = useFlowStream(selectedNamespaces, { filter: filter.restText });
  const [openFlow, setOpenFlow] = useState<Flow | null>(null);
  const [view, setView] = useView();
  const filteredView = view === 'map' || view === 'flows';
  const [dropsOpen, setDropsOpen] = useDropsOpen();
  // Beside the map the drops come with the map's subscription; on the flows view they are polled.
  const drops = useDrops({
    restText: filter.restText,
    namespaces: selectedNamespaces,
    windowLabel: windowLabel(readMapParams(window.location.search).windowMs),
    live: view === 'map',
    enabled: filteredView,
    open: dropsOpen,
  });

  const clusters = useMemo(
    () => [...new Set((namespaces.data?.namespaces ?? []).map((n) => n.cluster).filter((c) => c !== ''))].sort(),
    [namespaces.data],
  );
  const counts = useMemo(() => countFlowsByNamespace(stream.flows), [stream.flows]);
  const empty = stream.flows.length === 0;
  const now = useNow(1_000, empty);
  // An open socket proves the server is there; a failed poll alone may be a blip.
  const serverProblem =
    status.error && (status.data === undefined || stream.socket.phase !== 'open') ? describeServerProblem(status.error) : null;
  const emptyMessage = withFilterEmptyMessage(
    emptyFlowsMessage({
      status: status.data,
      serverProblem,
      socket: stream.socket,
      namespaces: selectedNamespaces,
      now,
    }),
    { status: status.data, serverProblem, socketOpen: stream.socket.phase === 'open', restText: filter.restText, barText: filter.barText },
  );

  const openFlowRef = useRef(openFlow);
  useEffect(() => {
    openFlowRef.current = openFlow;
  }, [openFlow]);
  const closeDrawer = useCallback(() => {
    const current = openFlowRef.current;
    setOpenFlow(null);
    if (current) {
      // Give keyboard users their place back in the table.
      const row = document.querySelector<HTMLElement>(`[data-testid="flow-row"][data-flow-id="${CSS.escape(current.id)}"]`);
      row?.focus();
    }
  }, []);

  return (
    <div className={`app${openFlow ? ' has-drawer' : ''}`}>
      <Header
        status={status.data}
        serverProblem={serverProblem}
        clusters={clusters}
        actions={
          status.data && status.data.mode !== 'replay' ? (
            <RecordButton restText={filter.restText} namespaces={selectedNamespaces} barText={filter.barText} />
          ) : null
        }
      />
      <NamespaceSelect
        available={namespaces.data?.namespaces}
        loadError={namespaces.error ? namespaces.error.message : null}
        selected={selectedNamespaces}
        onChange={setSelectedNamespaces}
        counts={counts}
        totalFlows={stream.flows.length}
      />
      <div className="main-area">
        {status.data?.replay && <ReplayBar replay={status.data.replay} reportedAt={status.dataUpdatedAt} />}
        <div className="view-tabs-row">
          <ViewTabs view={view} onChange={setView} views={VIEWS} />
          {filteredView && <DropsToggle open={dropsOpen} summary={drops.summary} onToggle={setDropsOpen} />}
        </div>
        {filteredView && <FilterBar control={filter} />}
        <ActiveFilterContext.Provider value={filter.restText}>
          <div className="view-row">
            {view === 'flows' && (
              <main className="flows-panel">
                <FlowsToolbar
                  count={stream.flows.length}
                  limit={DEFAULT_FLOW_LIMIT}
                  flowsPerSecond={stream.flowsPerSecond}
                  missed={stream.missed}
                  socket={stream.socket}
                />
                <FlowsTable flows={stream.flows} selectedId={openFlow?.id ?? null} onSelect={setOpenFlow} empty={emptyMessage} />
              </main>
            )}
            {view === 'map' && (
              <MapView
                namespaces={selectedNamespaces}
                flows={stream.flows}
                status={status.data}
                serverProblem={serverProblem}
                openFlowId={openFlow?.id ?? null}
                onOpenFlow={setOpenFlow}
              />
            )}
            {view === 'services' && <ServicesView namespaces={selectedNamespaces} onNamespacesChange={setSelectedNamespaces} onShowFlows={(ns) => { setSelectedNamespaces(ns ? [ns] : []); setView('flows'); }} />}
            {filteredView && dropsOpen && (
              <DropsPanel summary={drops.summary} error={drops.error} control={filter} flows={stream.flows} onClose={() => setDropsOpen(false)} />
            )}
          </div>
        </ActiveFilterContext.Provider>
      </div>
      {openFlow && <FlowDrawer flow={openFlow} onClose={closeDrawer} />}
    </div>
  );
}
