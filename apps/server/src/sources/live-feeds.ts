import { normalizeFlow } from '@starmap/core';
import type { BackoffOptions } from '../util/backoff.js';
import { FlowStream } from './flow-stream.js';
import type { FlowQuery } from './flow-query.js';
import type { FlowListener, RelaySource } from './relay-source.js';

interface Feed {
  stream: FlowStream;
  listeners: Set<FlowListener>;
}

/**
 * Live flows for browser subscriptions. A filter is pushed down to the relay as `FlowFilter`s;
 * subscribers with the same filter share one `GetFlows` stream, which is closed when the last of
 * them leaves. An unfiltered subscription rides on the relay source's own stream. Only what the
 * relay cannot filter (free text, DNS queries) is filtered here.
 */
export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly relay: RelaySource,
    private readonly backoff?: BackoffOptions,
  ) {}

  /** Number of filtered relay streams open right now. */
  get openStreams(): number {
    return this.feeds.size;
  }

  subscribe(query: FlowQuery, listener: FlowListener): () => void {
    if (query.whitelist.length === 0 && query.blacklist.length === 0) {
      return this.relay.subscribe((f, raw) => {
        if (query.everything || query.matchesLocally(raw)) listener(f, raw);
      });
    }
    let feed = this.feeds.get(query.key);
    if (!feed) {
      const listeners = new Set<FlowListener>();
      const stream = new FlowStream({
        client: this.relay.client,
        target: this.relay.target,
        whitelist: query.whitelist,
        blacklist: query.blacklist,
        backoff: this.backoff,
        onFlow: (raw) => {
          if (!query.matchesLocally(raw)) return;
          const normalized = normalizeFlow(raw);
          for (const l of listeners) l(normalized, raw);
        },
      });
      feed = { stream, listeners };
      this.feeds.set(query.key, feed);
      stream.start();
    }
    feed.listeners.add(listener);
    const owned = feed;
    return () => {
      owned.listeners.delete(listener);
      if (owned.listeners.size === 0 && this.feeds.get(query.key) === owned) {
        owned.stream.stop();
        this.feeds.delete(query.key);
      }
    };
  }

  stop(): void {
    for (const feed of this.feeds.values()) feed.stream.stop();
    this.feeds.clear();
  }
}
