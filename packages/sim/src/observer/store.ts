/**
 * The observer's memory: one ring per node (as each agent keeps its own), a global arrival
 * order, live subscribers, and the counters ServerStatus and GetNodes report.
 */
import type { Flow } from '../flows/factory.js';
import { FlowRing, type StoredFlow } from './ring.js';

export type FlowListener = (entry: StoredFlow) => void;

export function timeNsOf(f: Flow): bigint {
  const t = f.time;
  if (!t) return 0n;
  return BigInt(String(t.seconds ?? 0)) * 1_000_000_000n + BigInt(t.nanos ?? 0);
}

export class FlowStore {
  private readonly rings = new Map<string, FlowRing>();
  private readonly listeners = new Set<FlowListener>();
  private seq = 0;
  /** Flows per wall-clock second over the last minute, for flows_rate. */
  private readonly perSecond = new Map<number, number>();
  private readonly createdAt = Date.now();

  constructor(
    nodeNames: readonly string[],
    readonly capacityPerNode: number,
  ) {
    for (const n of nodeNames) this.rings.set(n, new FlowRing(capacityPerNode));
  }

  /** Stores a flow under its node_name (a ring is created for an unknown node) and notifies listeners. */
  add(f: Flow): StoredFlow {
    const nodeName = f.node_name ?? '';
    let ring = this.rings.get(nodeName);
    if (!ring) {
      ring = new FlowRing(this.capacityPerNode);
      this.rings.set(nodeName, ring);
    }
    const entry: StoredFlow = { seq: this.seq++, timeNs: timeNsOf(f), nodeName, flow: f };
    ring.push(entry);
    const second = Math.floor(Date.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    if (this.perSecond.size > 61) for (const s of this.perSecond.keys()) if (s < second - 60) this.perSecond.delete(s);
    for (const l of this.listeners) l(entry);
    return entry;
  }

  subscribe(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscriberCount(): number {
    return this.listeners.size;
  }

  /** Everything buffered, in arrival order. */
  history(): StoredFlow[] {
    const all: StoredFlow[] = [];
    for (const ring of this.rings.values()) all.push(...ring.toArray());
    return all.sort((a, b) => a.seq - b.seq);
  }

  nodes(): { name: string; numFlows: number; maxFlows: number; seenFlows: number }[] {
    return [...this.rings.entries()].map(([name, r]) => ({ name, numFlows: r.size, maxFlows: r.capacity, seenFlows: r.seen }));
  }

  get numFlows(): number {
    let n = 0;
    for (const r of this.rings.values()) n += r.size;
    return n;
  }

  get maxFlows(): number {
    return this.rings.size * this.capacityPerNode;
  }

  get seenFlows(): number {
    let n = 0;
    for (const r of this.rings.values()) n += r.seen;
    return n;
  }

  /** Flows per second over the last minute (or since the first flow, if sooner). */
  flowsRate(): number {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    let count = 0;
    for (const [s, n] of this.perSecond) if (s >= second - 60 && s < second) count += n;
    const window = Math.min(60, Math.max(1, Math.floor((now - this.createdAt) / 1000)));
    return count / window;
  }

  /** Namespaces that occur in buffered flows, with the cluster they belong to. */
  namespaces(defaultCluster: string): { cluster: string; namespace: string }[] {
    const seen = new Map<string, { cluster: string; namespace: string }>();
    for (const ring of this.rings.values()) {
      for (const { flow: f } of ring.toArray()) {
        for (const ep of [f.source, f.destination]) {
          if (!ep?.namespace) continue;
          const cluster = ep.cluster_name || defaultCluster;
          seen.set(`${cluster}/${ep.namespace}`, { cluster, namespace: ep.namespace });
        }
      }
    }
    return [...seen.values()].sort((a, b) => a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace));
  }
}
