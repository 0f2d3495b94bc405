import type { Flow } from '@starmap/core';

/**
 * A browser's outgoing flows, bounded: when a client reads slower than flows arrive, the oldest
 * queued flows are dropped and counted, so one slow tab costs bounded memory and tells its user
 * how much it missed.
 */
export class ClientQueue {
  private items: Flow[] = [];
  private head = 0;
  private missedCount = 0;

  constructor(readonly capacity: number) {}

  push(f: Flow): void {
    if (this.length >= this.capacity) {
      this.head++;
      this.missedCount++;
      if (this.head > 4096 && this.head * 2 > this.items.length) this.compact();
    }
    this.items.push(f);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** Takes up to `max` flows and the count missed since the last take. */
  take(max: number): { flows: Flow[]; missed: number } {
    const end = Math.min(this.items.length, this.head + max);
    const flows = this.items.slice(this.head, end);
    this.head = end;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    const missed = this.missedCount;
    this.missedCount = 0;
    return { flows, missed };
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.missedCount = 0;
  }

  private compact(): void {
    this.items = this.items.slice(this.head);
    this.head = 0;
  }
}
