import {
  DropStats,
  isEmptyDelta,
  type DropsSummary,
  ServiceMapAggregator,
  type Flow,
  type ServiceMapDelta,
  type ServiceMapSnapshot,
} from '@starmap/core';
import { flow } from '@starmap/proto';
import { flowQuery, type FlowQuery } from '../sources/flow-query.js';
import type { RelaySource } from '../sources/relay-source.js';

export const DEFAULT_MAP_WINDOW_MS = 5 * 60_000;
export const MIN_MAP_WINDOW_MS = 60_000;
export const MAX_MAP_WINDOW_MS = 60 * 60_000;

export type MapUpdate =
  | { kind: 'snapshot'; snapshot: ServiceMapSnapshot }
  | { kind: 'delta'; delta: ServiceMapDelta }
  | { kind: 'drops'; drops: DropsSummary };
export type MapListener = (update: MapUpdate) => void;

interface MapEntry {
  query: FlowQuery;
  aggregator: ServiceMapAggregator;
  /** Drop counters over the same flows and window (the drops panel beside the map). */
  drops: DropStats;
  lastDrops: string;
  listeners: Set<MapListener>;
  unsubscribe: () => void;
  /** The all-namespaces default map stays even without listeners (REST and drops use it). */
  pinned: boolean;
}

/** Buckets of 10 s up to a 5-minute window, then 1/30 of the window, so long windows stay cheap. */
function bucketFor(windowMs: number): number {
  return Math.max(10_000, Math.round(windowMs / 30 / 1000) * 1000);
}

/**
 * Service maps kept on the server, one per distinct (namespaces, window) that browsers watch,
 * fed from the relay source's unfiltered stream. Each tick drains one delta per map and sends it
 * to that map's subscribers, so the browser never folds flows itself.
 */
export class MapHub {
  private readonly entries = new Map<string, MapEntry>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly relay: RelaySource,
    private readonly tickMs = 1_000,
  ) {}

  static key(query: FlowQuery, windowMs: number): string {
    return `${query.key}|${windowMs}`;
  }

  start(): void {
    this.entry(flowQuery(undefined), DEFAULT_MAP_WINDOW_MS).pinned = true;
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const e of this.entries.values()) e.unsubscribe();
    this.entries.clear();
  }

  get mapCount(): number {
    return this.entries.size;
  }

  /** Sends the map's snapshot now, then its deltas every tick, until the returned function is called. */
  subscribe(query: FlowQuery, windowMs: number, listener: MapListener): () => void {
    const key = MapHub.key(query, windowMs);
    const entry = this.entry(query, windowMs);
    entry.aggregator.advance(Date.now());
    listener({ kind: 'snapshot', snapshot: entry.aggregator.snapshot() });
    listener({ kind: 'drops', drops: entry.drops.summary(Date.now()) });
    entry.listeners.add(listener);
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && !entry.pinned && this.entries.get(key) === entry) {
        entry.unsubscribe();
        this.entries.delete(key);
      }
    };
  }

  private feed(query: FlowQuery, aggregator: ServiceMapAggregator, drops: DropStats): () => void {
    return this.relay.subscribe((f: Flow, raw) => {
      if (!query.everything && !query.matches(raw)) return;
      aggregator.fold(f);
      drops.observe(f);
    });
  }

  /** Drop counts for REST, like `snapshot`. */
  drops(query: FlowQuery, windowMs: number): DropsSummary {
    const live = this.entries.get(MapHub.key(query, windowMs));
    if (live) return live.drops.summary(Date.now());
    // No live map for this filter: count the drops in the ring, without building a map.
    const drops = new DropStats({ windowMs, bucketMs: bucketFor(windowMs) });
    const dropped = flow.Verdict.DROPPED;
    for (const f of this.relay.ring.recent(this.relay.ring.size, (raw) => raw.verdict === dropped && (query.everything || query.matches(raw)))) {
      drops.observe(f);
    }
    return drops.summary(Date.now());
  }

  /** A snapshot for REST: from a live map when one exists, else built from the ring of recent flows. */
  snapshot(query: FlowQuery, windowMs: number): ServiceMapSnapshot {
    const live = this.entries.get(MapHub.key(query, windowMs));
    const aggregator = live?.aggregator ?? this.warmAggregator(query, windowMs);
    aggregator.advance(Date.now());
    return aggregator.snapshot();
  }


  private entry(query: FlowQuery, windowMs: number): MapEntry {
    const key = MapHub.key(query, windowMs);
    let entry = this.entries.get(key);
    if (!entry) {
      const drops = new DropStats({ windowMs, bucketMs: bucketFor(windowMs) });
      const aggregator = this.warmAggregator(query, windowMs, drops);
      entry = { query, aggregator, drops, lastDrops: '', listeners: new Set(), unsubscribe: this.feed(query, aggregator, drops), pinned: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** A new map starts from the flows the server already holds, not from nothing. */
  private warmAggregator(query: FlowQuery, windowMs: number, drops?: DropStats): ServiceMapAggregator {
    // Namespaces also scope the map (islands of the chosen namespaces, their peers around them).
    const aggregator = new ServiceMapAggregator({ windowMs, bucketMs: bucketFor(windowMs), namespaces: query.state.namespaces });
    const ring = this.relay.ring;
    for (const f of ring.recent(ring.size, (raw) => query.everything || query.matches(raw))) {
      aggregator.fold(f);
      drops?.observe(f);
    }
    return aggregator;
  }

  /**
   * Starts every map over from nothing and sends each watcher a fresh snapshot: after a replay
   * seek, the map shows the recording from the new position, not a blend of two times.
   */
  reset(): void {
    for (const [key, entry] of this.entries) {
      entry.unsubscribe();
      const query = entry.query;
      const { windowMs, bucketMs } = entry.aggregator.options;
      const aggregator = new ServiceMapAggregator({ windowMs, bucketMs, namespaces: query.state.namespaces });
      const drops = new DropStats({ windowMs, bucketMs });
      const fresh: MapEntry = { ...entry, aggregator, drops, lastDrops: '', unsubscribe: this.feed(query, aggregator, drops) };
      this.entries.set(key, fresh);
      for (const listener of entry.listeners) {
        listener({ kind: 'snapshot', snapshot: aggregator.snapshot() });
        listener({ kind: 'drops', drops: drops.summary(Date.now()) });
      }
    }
  }

  private tick(): void {
    const now = Date.now();
    for (const entry of this.entries.values()) {
      entry.aggregator.advance(now);
      // Without watchers the changes stay queued; the next watcher starts from a snapshot anyway.
      if (entry.listeners.size === 0) continue;
      const delta = entry.aggregator.drainDelta();
      if (!isEmptyDelta(delta)) for (const listener of entry.listeners) listener({ kind: 'delta', delta });
      const drops = entry.drops.summary(now);
      const text = JSON.stringify(drops);
      if (text !== entry.lastDrops) {
        entry.lastDrops = text;
        for (const listener of entry.listeners) listener({ kind: 'drops', drops });
      }
    }
  }
}
