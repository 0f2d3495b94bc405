import { useCallback, useLayoutEffect, useRef, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Flow } from '@starmap/core';
import type { EmptyStateText } from '../format/emptyState';
import { FlowRow } from './FlowRow';

export const ROW_HEIGHT = 28;

interface FlowsTableProps {
  flows: readonly Flow[];
  selectedId: string | null;
  onSelect: (flow: Flow) => void;
  empty: EmptyStateText;
}

const COLUMNS = ['Time', 'Source', 'Destination', 'Type', 'Verdict', 'Summary'];

export function FlowsTable({ flows, selectedId, onSelect, empty }: FlowsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: flows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => flows[index]?.id ?? index,
  });

  useKeepReadingPosition(scrollRef, flows);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      const row = (event.target as HTMLElement).closest<HTMLElement>('[data-flow-id]');
      if (!row) return;
      event.preventDefault();
      // Look the row up by id: new flows may have shifted every index since it was rendered.
      const current = flows.findIndex((f) => f.id === row.dataset.flowId);
      const next = current + (event.key === 'ArrowDown' ? 1 : -1);
      const flow = flows[next];
      if (current < 0 || !flow) return;
      virtualizer.scrollToIndex(next, { align: 'auto' });
      if (selectedId !== null) onSelect(flow);
      requestAnimationFrame(() => {
        scrollRef.current?.querySelector<HTMLElement>(`[data-flow-id="${CSS.escape(flow.id)}"]`)?.focus();
      });
    },
    [flows, virtualizer, onSelect, selectedId],
  );

  return (
    <div className="flows-table" data-testid="flows-table">
      <div role="grid" aria-readonly="true" aria-label="Live flows" aria-rowcount={flows.length + 1} className="flows-grid">
        <div role="rowgroup" className="flows-head">
          <div role="row" className="flow-row flow-row--head" aria-rowindex={1}>
            {COLUMNS.map((name) => (
              <div role="columnheader" className="cell" key={name}>
                {name}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="flows-body" ref={scrollRef} onKeyDown={onKeyDown}>
          <div className="flows-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const flow = flows[item.index];
              if (!flow) return null;
              return (
                <FlowRow
                  key={item.key}
                  flow={flow}
                  index={item.index}
                  top={item.start}
                  selected={flow.id === selectedId}
                  onSelect={onSelect}
                />
              );
            })}
          </div>
        </div>
      </div>
      {flows.length === 0 && (
        <div className="empty-state" data-testid="flows-empty">
          <p className="empty-title">{empty.title}</p>
          <p className="empty-detail">{empty.detail}</p>
        </div>
      )}
    </div>
  );
}

/**
 * New flows go on top. A reader scrolled down into the list would see rows slide away under
 * the pointer, so shift the scroll position by the rows added above what they are reading.
 */
function useKeepReadingPosition(scrollRef: RefObject<HTMLDivElement | null>, flows: readonly Flow[]) {
  const previousTop = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const oldTopId = previousTop.current;
    previousTop.current = flows[0]?.id ?? null;
    if (!el || el.scrollTop === 0 || oldTopId === null) return;
    const limit = Math.min(flows.length, 20_000);
    for (let i = 0; i < limit; i++) {
      if (flows[i]?.id === oldTopId) {
        if (i > 0) el.scrollTop += i * ROW_HEIGHT;
        return;
      }
    }
  }, [flows, scrollRef]);
}
