import type { flow } from '@starmap/proto';
import { namespaceFilters, normalizeFlow } from '@starmap/core';
import type { BackoffOptions } from '../util/backoff.js';
import { FlowStream } from './flow-stream.js';
import type { FlowListener, RelaySource } from './relay-source.js';

interface Feed {
  stream: FlowStream;
  listeners: Set<FlowListener>;
}

/**
 * Live flows for browser subscriptions. A namespace subscription is pushed down to the relay as
 * `FlowFilter`s; subscribers with the same namespaces share one `GetFlows` stream, which is
 * closed when the last of them leaves. "All namespaces" rides on the relay source's own stream.
 */
export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly relay: RelaySource,
    private readonly backoff?: BackoffOptions,
  ) {}

  static key(namespaces: readonly string[]): string {
    return [...new Set(namespaces)].sort().join(',');
  }

  /** Number of filtered relay streams open right now. */
  get openStreams(): number {
    return this.feeds.size;
  }

  subscribe(namespaces: readonly string[], listener: FlowListener): () => void {
    const key = LiveFeeds.key(namespaces);
    if (key === '') return this.relay.subscribe(listener);
    let feed = this.feeds.get(key);
    if (!feed) {
      const listeners = new Set<FlowListener>();
      const whitelist: flow.IFlowFilter[] = namespaceFilters(key.split(',')).whitelist as flow.IFlowFilter[];
      const stream = new FlowStream({
        client: this.relay.client,
        target: this.relay.target,
        whitelist,
        backoff: this.backoff,
        onFlow: (raw) => {
          const normalized = normalizeFlow(raw);
          for (const l of listeners) l(normalized);
        },
      });
      feed = { stream, listeners };
      this.feeds.set(key, feed);
      stream.start();
    }
    feed.listeners.add(listener);
    const owned = feed;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size === 0 && this.feeds.get(key) === owned) {
        owned.stream.stop();
        this.feeds.delete(key);
      }
    };
  }

  stop(): void {
    for (const feed of this.feeds.values()) feed.stream.stop();
    this.feeds.clear();
  }
}
