import { createContext, useContext } from 'react';

/** What cards and edges can ask the map to do; stable callbacks, so memoized components stay put. */
export interface MapActions {
  select: (kind: 'node' | 'edge', id: string) => void;
  hide: (id: string) => void;
}

export const MapActionsContext = createContext<MapActions>({ select: () => {}, hide: () => {} });

export function useMapActions(): MapActions {
  return useContext(MapActionsContext);
}
