/** Relative and clock times for "updated 3 s ago" and "showing the table from 12:01:03". */

/** `just now`, `3 s ago`, `4 min ago`, `2 h ago`, `3 d ago`; null for a missing or unreadable time. */
export function timeAgo(iso: string | null | undefined, now: number): string | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  // Clocks of server and browser differ a little; a time slightly ahead is still "just now".
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 1) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** A window length as people say it: `5 min`, `1 h`, `90 s`, `1.5 h`. */
export function formatWindow(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 s';
  const seconds = ms / 1000;
  if (seconds < 60 || seconds % 60 !== 0) return seconds < 120 ? `${round1(seconds)} s` : `${round1(seconds / 60)} min`;
  const minutes = seconds / 60;
  if (minutes < 60 || minutes % 30 !== 0) return `${minutes} min`;
  return `${round1(minutes / 60)} h`;
}

function round1(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` in the browser's time zone; the ISO text itself when it cannot be read. */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}
