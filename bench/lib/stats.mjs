// Small statistics for benchmark figures.
import { readFileSync } from 'node:fs';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Latencies in 1 ms bins up to a minute (later ones land in the last bin). */
export class LatencyHistogram {
  constructor(maxMs = 60_000) {
    this.bins = new Uint32Array(maxMs + 1);
    this.count = 0;
  }
  add(ms) {
    const bin = ms < 0 ? 0 : ms > this.bins.length - 1 ? this.bins.length - 1 : Math.round(ms);
    this.bins[bin]++;
    this.count++;
  }
  addAll(other) {
    for (let i = 0; i < other.bins.length; i++) this.bins[i] += other.bins[i];
    this.count += other.count;
  }
  /** The q-quantile in ms (q in 0..1), NaN when empty. */
  quantile(q) {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i];
      if (seen >= rank) return i;
    }
    return this.bins.length - 1;
  }
}

/** Least-squares slope of y over x. */
export function slope(xs, ys) {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const MiB = 2 ** 20;

/** Busy and total CPU time of the whole machine so far (jiffies from /proc/stat; null off Linux). */
export function machineCpu() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

/** Cores kept busy between two machineCpu() readings, by everything on the machine. */
export function machineBusyCores(a, b, cores) {
  if (!a || !b || b.total === a.total) return NaN;
  return ((b.busy - a.busy) / (b.total - a.total)) * cores;
}
