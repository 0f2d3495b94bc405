/** Delay before reconnect attempt `attempt` (1-based): 0.5 s doubling up to 15 s, ±20 % jitter so many tabs don't retry in step. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
  const jitter = 0.8 + 0.4 * random();
  return Math.round(base * jitter);
}
