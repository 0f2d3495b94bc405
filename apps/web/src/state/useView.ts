import { useCallback, useState } from 'react';
import { readView, writeView, type View } from './viewParam';

export function useView(): [View, (next: View) => void] {
  const [view, setView] = useState(() => readView(window.location.search));
  const update = useCallback((next: View) => {
    setView(next);
    const url = new URL(window.location.href);
    url.search = writeView(url.search, next);
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return [view, update];
}
