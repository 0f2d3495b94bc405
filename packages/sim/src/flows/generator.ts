/**
 * The scenario's flow source: keeps a handful of conversations open at once and interleaves
 * their flows, as a real node's event stream interleaves connections. Deterministic for a
 * seed; flows come without `time` (see `stampFlow`).
 */
import { Prng } from '../scenario/prng.js';
import { ScenarioLookup } from '../scenario/lookup.js';
import type { Scenario } from '../scenario/types.js';
import { FlowContext } from './context.js';
import { FlowFactory, type Flow } from './factory.js';
import { PATTERNS } from './patterns.js';

export interface FlowGeneratorOptions {
  /** Seed of the traffic (default: the scenario's seed). */
  seed?: number;
  /** Conversations open at once (default 6). */
  concurrency?: number;
  /** Only these patterns (by name); default all. */
  patterns?: readonly string[];
}

export class FlowGenerator {
  private readonly ctx: FlowContext;
  private readonly open: Iterator<Flow>[] = [];
  private readonly concurrency: number;
  private readonly patterns: typeof PATTERNS;
  private generated = 0;

  constructor(readonly scenario: Scenario, opts: FlowGeneratorOptions = {}) {
    const rng = new Prng((opts.seed ?? scenario.seed) ^ 0x1f10);
    this.ctx = new FlowContext(scenario, new ScenarioLookup(scenario), rng, new FlowFactory(scenario, rng));
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 6));
    const wanted = opts.patterns ? new Set(opts.patterns) : null;
    this.patterns = wanted ? PATTERNS.filter(([name]) => wanted.has(name)) : PATTERNS;
    if (this.patterns.length === 0) {
      throw new Error(`no traffic patterns selected; known: ${PATTERNS.map(([n]) => n).join(', ')}`);
    }
  }

  /** Names of all traffic patterns. */
  static patternNames(): string[] {
    return PATTERNS.map(([name]) => name);
  }

  /** How many flows this generator has produced. */
  get count(): number {
    return this.generated;
  }

  private start(): Iterator<Flow> {
    const pattern = this.ctx.rng.weighted(this.patterns.map(([, p, w]) => [p, w] as const));
    return pattern(this.ctx);
  }

  /** The next flow (without time). Never ends. */
  next(): Flow {
    for (let guard = 0; guard < 10_000; guard++) {
      while (this.open.length < this.concurrency) this.open.push(this.start());
      const i = this.ctx.rng.int(0, this.open.length - 1);
      const step = (this.open[i] as Iterator<Flow>).next();
      if (step.done) {
        this.open.splice(i, 1);
        continue;
      }
      this.generated++;
      return step.value;
    }
    throw new Error('traffic patterns produced no flows');
  }

  /** The next `n` flows. */
  take(n: number): Flow[] {
    return Array.from({ length: n }, () => this.next());
  }
}

/** Sets a flow's time (and returns it) from nanoseconds since the epoch. */
export function stampFlow(f: Flow, timeNs: bigint): Flow {
  f.time = { seconds: Number(timeNs / 1_000_000_000n), nanos: Number(timeNs % 1_000_000_000n) };
  return f;
}
