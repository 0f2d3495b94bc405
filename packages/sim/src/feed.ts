/**
 * Flow feeds: where the observer's flows come from. The observer only knows this interface, so
 * a recording player can replace the scenario generator later.
 */
import type { Flow } from './flows/factory.js';
import { stampFlow, type FlowGenerator } from './flows/generator.js';

export type FlowSink = (flow: Flow) => void;

export interface FlowFeed {
  /** Starts delivering flows (with `time` and `node_name` set) to `sink`. */
  start(sink: FlowSink): void;
  /** Stops for good; no flow is delivered after it returns. */
  stop(): void;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
}

export interface ScenarioFeedOptions {
  /** Flows per second (default 50). 0 delivers nothing until changed. */
  flowsPerSecond?: number;
  /** Timer period (default 100 ms). */
  tickMs?: number;
  /** Seconds of history generated at start, stamped in the past (default 0). */
  backfillSeconds?: number;
  /** Wall clock in ns (tests may replace it). */
  nowNs?: () => bigint;
}

/** Nanoseconds since the epoch from a monotonic clock (never steps back between calls). */
export function wallClockNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
}

/** Feeds the scenario generator's flows at a steady rate, stamped with real time. */
export class ScenarioFeed implements FlowFeed {
  private timer: NodeJS.Timeout | null = null;
  private sink: FlowSink | null = null;
  private lastNs = 0n;
  private carry = 0;
  private isPaused = false;
  private rate: number;
  private readonly tickMs: number;
  private readonly backfillSeconds: number;
  private readonly nowNs: () => bigint;

  constructor(
    private readonly generator: FlowGenerator,
    opts: ScenarioFeedOptions = {},
  ) {
    this.rate = validRate(opts.flowsPerSecond ?? 50);
    this.tickMs = opts.tickMs ?? 100;
    this.backfillSeconds = opts.backfillSeconds ?? 0;
    this.nowNs = opts.nowNs ?? wallClockNs;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get flowsPerSecond(): number {
    return this.rate;
  }

  setRate(flowsPerSecond: number): void {
    this.rate = validRate(flowsPerSecond);
  }

  start(sink: FlowSink): void {
    if (this.sink) throw new Error('feed already started');
    this.sink = sink;
    const now = this.nowNs();
    const backfill = Math.floor(this.backfillSeconds * this.rate);
    if (backfill > 0) this.emit(backfill, now - BigInt(Math.round(this.backfillSeconds * 1e9)), now);
    this.lastNs = now;
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sink = null;
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    if (!this.isPaused) return;
    this.isPaused = false;
    // Do not catch up on the paused interval.
    this.lastNs = this.nowNs();
    this.carry = 0;
  }

  /** Emits what is due since the last tick (the timer calls it; tests may call it with a fake clock). */
  tick(): void {
    const now = this.nowNs();
    if (this.isPaused || !this.sink) {
      this.lastNs = now;
      return;
    }
    const due = (Number(now - this.lastNs) / 1e9) * this.rate + this.carry;
    const n = Math.floor(due);
    this.carry = due - n;
    if (n > 0) this.emit(n, this.lastNs, now);
    this.lastNs = now;
  }

  /** Emits n flows with times spread evenly over (from, to]. */
  private emit(n: number, from: bigint, to: bigint): void {
    const span = to - from;
    for (let i = 1; i <= n && this.sink; i++) {
      const t = from + (span * BigInt(i)) / BigInt(n);
      this.sink(stampFlow(this.generator.next(), t));
    }
  }
}

function validRate(rate: number): number {
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`flows per second must be a non-negative number, got ${rate}`);
  return rate;
}
