import { useCallback, useMemo, useRef, useState } from 'react';
import type { FilterArgsError } from '@starmap/core';
import { readNamespaces, writeNamespaces } from '../state/namespaceParam';
import {
  combinationError,
  filterBarText,
  filterFromUrl,
  parseFilterText,
  restFilterText,
  writeFilterParam,
  type SharedFilter,
} from './filterModel';

export interface SharedFilterControl {
  /** The filter in force. */
  filter: SharedFilter;
  /** What the server is sent beside the namespaces ('' = nothing more). */
  restText: string;
  /** The whole filter as the bar shows it. */
  barText: string;
  /** Filter text that was refused (from the URL or a rejected change), with why. */
  rejected: { text: string; error: FilterArgsError } | null;
  /** Replaces the filter; refuses (and returns why) a combination upstream would refuse. */
  apply: (next: SharedFilter) => FilterArgsError | null;
  /** Reads filter-bar text and applies it; a bad text changes nothing. */
  applyText: (text: string) => FilterArgsError | null;
  /** The sidebar's selection. */
  setNamespaces: (next: readonly string[]) => FilterArgsError | null;
  clearRejected: () => void;
}

function writeUrl(filter: SharedFilter): void {
  const url = new URL(window.location.href);
  url.search = writeFilterParam(writeNamespaces(url.search, filter.namespaces), restFilterText(filter));
  window.history.replaceState(window.history.state, '', url);
}

/**
 * The filter shared by the map, the flows table, the drops panel and the URL (`?namespace=`,
 * `?filter=`). Every change is validated first, so what is in force is always a filter the
 * server accepts; a refused change leaves the view as it was.
 */
export function useSharedFilter(): SharedFilterControl {
  const [initial] = useState(() => filterFromUrl(window.location.search, readNamespaces(window.location.search)));
  const [filter, setFilter] = useState<SharedFilter>(initial.filter);
  const [rejected, setRejected] = useState(initial.rejected);
  const current = useRef(filter);

  const apply = useCallback((next: SharedFilter): FilterArgsError | null => {
    const normalized: SharedFilter = { ...next, namespaces: [...new Set(next.namespaces)].sort() };
    const error = combinationError(normalized);
    if (error) {
      setRejected({ text: filterBarText(normalized), error });
      return error;
    }
    current.current = normalized;
    setFilter(normalized);
    setRejected(null);
    writeUrl(normalized);
    return null;
  }, []);

  const applyText = useCallback(
    (text: string): FilterArgsError | null => {
      const parsed = parseFilterText(text);
      if (parsed.error) {
        setRejected({ text, error: parsed.error });
        return parsed.error;
      }
      return apply(parsed.filter);
    },
    [apply],
  );

  const setNamespaces = useCallback(
    (next: readonly string[]) => apply({ ...current.current, namespaces: [...next] }),
    [apply],
  );

  const clearRejected = useCallback(() => setRejected(null), []);

  const restText = useMemo(() => restFilterText(filter), [filter]);
  const barText = useMemo(() => filterBarText(filter), [filter]);
  return { filter, restText, barText, rejected, apply, applyText, setNamespaces, clearRejected };
}
