import type { Flow } from '@starmap/core';

/**
 * Merges a batch into the live list, newest first, keeping at most `limit` flows.
 * Flows already in the list are skipped: after a reconnect the server's backfill repeats
 * flows we hold. Returns the same array when nothing changed, so React can skip a render.
 */
export function mergeNewestFirst(current: readonly Flow[], incoming: readonly Flow[], limit: number): readonly Flow[] {
  if (incoming.length === 0 || limit <= 0) return current;

  const batch = uniqueById(incoming).sort((a, b) => b.ts - a.ts);
  const oldestIncoming = batch[batch.length - 1]!.ts;

  // Only flows at least as new as the batch's oldest can be repeats; in the live case that is none.
  const known = new Set<string>();
  for (const flow of current) {
    if (flow.ts < oldestIncoming) break;
    known.add(flow.id);
  }
  const fresh = known.size === 0 ? batch : batch.filter((f) => !known.has(f.id));
  if (fresh.length === 0) return current;

  const newestCurrent = current[0];
  if (newestCurrent === undefined || fresh[fresh.length - 1]!.ts >= newestCurrent.ts) {
    const merged = fresh.length >= limit ? fresh.slice(0, limit) : fresh.concat(current.slice(0, limit - fresh.length));
    return merged;
  }

  const merged: Flow[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit && (i < fresh.length || j < current.length)) {
    const a = fresh[i];
    const b = current[j];
    if (a !== undefined && (b === undefined || a.ts >= b.ts)) {
      merged.push(a);
      i++;
    } else if (b !== undefined) {
      merged.push(b);
      j++;
    }
  }
  return merged;
}

function uniqueById(flows: readonly Flow[]): Flow[] {
  const seen = new Set<string>();
  const out: Flow[] = [];
  for (const flow of flows) {
    if (seen.has(flow.id)) continue;
    seen.add(flow.id);
    out.push(flow);
  }
  return out;
}
