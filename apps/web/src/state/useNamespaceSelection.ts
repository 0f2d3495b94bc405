import { useCallback, useState } from 'react';
import { readNamespaces, writeNamespaces } from './namespaceParam';

/** Selected namespaces (empty = all), mirrored into the URL without adding history entries. */
export function useNamespaceSelection(): [string[], (next: readonly string[]) => void] {
  const [selected, setSelected] = useState(() => readNamespaces(window.location.search));
  const update = useCallback((next: readonly string[]) => {
    const sorted = [...new Set(next)].sort();
    setSelected(sorted);
    const url = new URL(window.location.href);
    url.search = writeNamespaces(url.search, sorted);
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return [selected, update];
}
