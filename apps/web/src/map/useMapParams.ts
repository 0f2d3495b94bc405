import { useCallback, useState } from 'react';
import { readMapParams, writeMapParams, type MapParams } from './mapParams';

/** The map's URL parameters as state, mirrored into the URL without adding history entries. */
export function useMapParams(): [MapParams, (change: Partial<MapParams>) => void] {
  const [params, setParams] = useState(() => readMapParams(window.location.search));
  const update = useCallback((change: Partial<MapParams>) => {
    setParams((prev) => {
      const next = { ...prev, ...change };
      const url = new URL(window.location.href);
      url.search = writeMapParams(url.search, next);
      window.history.replaceState(window.history.state, '', url);
      return next;
    });
  }, []);
  return [params, update];
}
