import type { BadgeState } from '@starmap/core';

/** A shape per state (check, i, triangle, question mark) so the state reads without colour. */
export function StateIcon({ state }: { state: BadgeState }) {
  return (
    <svg className={`dp-icon dp-icon--${state}`} viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      {state === 'ok' && <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />}
      {state === 'info' && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 7v4.5M8 4.4v.2" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </>
      )}
      {state === 'warn' && (
        <>
          <path d="M8 1.5L15 14H1z" fill="currentColor" />
          <path d="M8 6v3.8M8 11.8v.2" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        </>
      )}
      {state === 'unknown' && (
        <>
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2.5 1.6" />
          <path d="M6 6.2a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.3M8 11.6v.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
