import { useCallback, useState } from 'react';
import { readDropsOpen, writeDropsOpen } from './dropsText';

/** Whether the drops panel is open, mirrored into the URL (`?drops=open`) without adding history entries. */
export function useDropsOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(() => readDropsOpen(window.location.search));
  const update = useCallback((next: boolean) => {
    setOpen(next);
    const url = new URL(window.location.href);
    url.search = writeDropsOpen(url.search, next);
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return [open, update];
}
