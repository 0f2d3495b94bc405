import { createContext, useContext } from 'react';

/**
 * The filter text in force beside the namespaces (hubble-CLI flags, '' = none), for views that
 * subscribe on their own (the map) without threading it through every component.
 */
export const ActiveFilterContext = createContext('');

export function useActiveFilterText(): string {
  return useContext(ActiveFilterContext);
}
