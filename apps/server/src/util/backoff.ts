/**
 * Capped exponential backoff with jitter, so that many dashboards restarted together do not
 * reconnect to the relay in lockstep.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Fraction of the delay that is randomized (0–1). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, jitter: 0.3 };

/** Delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const spread = capped * options.jitter;
  return Math.round(capped - spread + random() * spread);
}
