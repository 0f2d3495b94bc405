import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ServerMessage, ServiceMapDelta, ServiceMapSnapshot } from '@starmap/core';
import { makeFlow } from '../testing/flowFixture';
import { LiveSocket, type SocketLike } from './liveSocket';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: ClientMessage[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close() {
    this.readyState = 3;
  }
  // Server side of the fake.
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  deliver(message: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' } as CloseEvent);
  }
}

function mapSnapshot(seq: number): ServiceMapSnapshot {
  return { seq, now: 1_000, windowMs: 300_000, bucketMs: 10_000, rateWindowMs: 30_000, nodes: [], edges: [] };
}

function mapDelta(seq: number): ServiceMapDelta {
  return { seq, now: 2_000, nodes: [], edges: [], removedNodes: [], removedEdges: ['shop/web->shop/cart'] };
}

describe('LiveSocket', () => {
  let sockets: FakeSocket[];
  let live: LiveSocket;
  const latest = () => sockets[sockets.length - 1]!;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    live = new LiveSocket({
      url: 'ws://127.0.0.1:8080/api/stream',
      createSocket: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      random: () => 0.5,
      now: () => Date.now(),
    });
  });

  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  it('sends the subscription once the socket opens', () => {
    live.start();
    live.subscribe({ namespaces: ['shop'], backfill: 500, onBatch: () => {} });
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'subscribe', id: live.subscriptionId, namespaces: ['shop'], backfill: 500 }]);
    expect(live.getState().phase).toBe('open');
  });

  it('delivers batches of the current subscription and drops those of an older one', () => {
    const first = vi.fn();
    const second = vi.fn();
    live.start();
    latest().open();
    live.subscribe({ namespaces: [], backfill: 0, onBatch: first });
    const oldId = live.subscriptionId!;
    live.subscribe({ namespaces: ['shop'], backfill: 0, onBatch: second });
    const newId = live.subscriptionId!;
    expect(newId).not.toBe(oldId);

    const flow = makeFlow();
    latest().deliver({ type: 'flows', subscription: oldId, flows: [flow], missed: 0 });
    latest().deliver({ type: 'flows', subscription: newId, flows: [flow], missed: 7 });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith([flow], 7);
  });

  it('reconnects with growing delays and renews the subscription under a new id', () => {
    live.start();
    live.subscribe({ namespaces: ['shop'], backfill: 100, onBatch: () => {} });
    latest().open();
    const firstId = live.subscriptionId;

    latest().drop();
    expect(live.getState()).toMatchObject({ phase: 'closed', attempt: 1, lastError: 'connection closed (code 1006)' });
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    latest().drop();
    expect(live.getState().attempt).toBe(2);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    latest().open();
    const renewed = latest().sent[0];
    expect(renewed).toMatchObject({ type: 'subscribe', namespaces: ['shop'], backfill: 100 });
    expect(renewed && 'id' in renewed ? renewed.id : null).not.toBe(firstId);
    expect(live.subscriptionId).toBe(renewed && 'id' in renewed ? renewed.id : null);
  });

  it('resets the backoff only when the server says hello', () => {
    live.start();
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(500);
    latest().open();
    expect(live.getState().attempt).toBe(1);
    latest().deliver({ type: 'hello', version: '0.1.0', mode: 'demo' });
    expect(live.getState()).toMatchObject({ attempt: 0, lastError: null });
  });

  it('passes status pushes to message listeners', () => {
    const seen: string[] = [];
    live.onMessage((m) => seen.push(m.type));
    live.start();
    latest().open();
    latest().deliver({ type: 'pong', t: 1 });
    expect(seen).toEqual(['pong']);
  });

  it('ignores frames that are not JSON messages', () => {
    const onBatch = vi.fn();
    live.start();
    latest().open();
    live.subscribe({ namespaces: [], backfill: 0, onBatch });
    latest().onmessage?.({ data: 'not json' } as MessageEvent);
    latest().onmessage?.({ data: '42' } as MessageEvent);
    expect(onBatch).not.toHaveBeenCalled();
    expect(live.getState().phase).toBe('open');
  });

  it('replaces a connection that has gone silent', () => {
    live.start();
    latest().open();
    vi.advanceTimersByTime(45_000);
    expect(latest().sent.some((m) => m.type === 'ping')).toBe(true);
    vi.advanceTimersByTime(15_000);
    expect(live.getState()).toMatchObject({ phase: 'closed', lastError: 'no message from server (code 4000)' });
  });

  it('closes a socket stopped while connecting as soon as it opens', () => {
    live.start();
    const connecting = latest();
    const close = vi.spyOn(connecting, 'close');
    live.stop();
    expect(close).not.toHaveBeenCalled();
    connecting.open();
    expect(close).toHaveBeenCalledOnce();
    expect(live.getState().phase).toBe('closed');
  });

  it('stops reconnecting once stopped', () => {
    live.start();
    latest().drop();
    live.stop();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  describe('map subscription', () => {
    it('asks for the map once the socket opens, next to the flow subscription', () => {
      live.start();
      live.subscribe({ namespaces: [], backfill: 0, onBatch: () => {} });
      live.subscribeMap({ namespaces: ['shop', 'bank'], windowMs: 900_000, onSnapshot: () => {}, onDelta: () => {} });
      latest().open();
      expect(latest().sent).toEqual([
        { type: 'subscribe', id: live.subscriptionId, namespaces: [], backfill: 0 },
        { type: 'map-subscribe', id: live.mapSubscriptionId, namespaces: ['shop', 'bank'], windowMs: 900_000 },
      ]);
      expect(live.mapSubscriptionId).not.toBe(live.subscriptionId);
    });

    it('leaves the window to the server when none is given', () => {
      live.start();
      latest().open();
      live.subscribeMap({ namespaces: [], onSnapshot: () => {}, onDelta: () => {} });
      expect(latest().sent).toEqual([{ type: 'map-subscribe', id: live.mapSubscriptionId, namespaces: [] }]);
    });

    it('hands over the snapshot and deltas of the current map and drops those of a replaced one', () => {
      const first = { onSnapshot: vi.fn(), onDelta: vi.fn() };
      const second = { onSnapshot: vi.fn(), onDelta: vi.fn() };
      live.start();
      latest().open();
      live.subscribeMap({ namespaces: [], ...first });
      const oldId = live.mapSubscriptionId!;
      live.subscribeMap({ namespaces: ['shop'], ...second });
      const newId = live.mapSubscriptionId!;

      latest().deliver({ type: 'map-snapshot', subscription: oldId, snapshot: mapSnapshot(4) });
      latest().deliver({ type: 'map-delta', subscription: oldId, delta: mapDelta(5) });
      latest().deliver({ type: 'map-snapshot', subscription: newId, snapshot: mapSnapshot(9) });
      latest().deliver({ type: 'map-delta', subscription: newId, delta: mapDelta(10) });
      expect(first.onSnapshot).not.toHaveBeenCalled();
      expect(first.onDelta).not.toHaveBeenCalled();
      expect(second.onSnapshot).toHaveBeenCalledExactlyOnceWith(mapSnapshot(9));
      expect(second.onDelta).toHaveBeenCalledExactlyOnceWith(mapDelta(10));
    });

    it('does not mix up map messages and flow batches that carry the same id number', () => {
      const onBatch = vi.fn();
      const onSnapshot = vi.fn();
      live.start();
      latest().open();
      live.subscribe({ namespaces: [], backfill: 0, onBatch });
      live.subscribeMap({ namespaces: [], onSnapshot, onDelta: () => {} });
      latest().deliver({ type: 'map-snapshot', subscription: live.subscriptionId!, snapshot: mapSnapshot(1) });
      latest().deliver({ type: 'flows', subscription: live.mapSubscriptionId!, flows: [makeFlow()], missed: 0 });
      expect(onSnapshot).not.toHaveBeenCalled();
      expect(onBatch).not.toHaveBeenCalled();
    });

    it('renews the map under a new id after a reconnect', () => {
      const onSnapshot = vi.fn();
      live.start();
      live.subscribeMap({ namespaces: ['shop'], onSnapshot, onDelta: () => {} });
      latest().open();
      const firstId = live.mapSubscriptionId!;
      latest().drop();
      vi.advanceTimersByTime(500);
      latest().open();
      const renewed = latest().sent.find((m) => m.type === 'map-subscribe');
      expect(renewed).toEqual({ type: 'map-subscribe', id: live.mapSubscriptionId, namespaces: ['shop'] });
      expect(live.mapSubscriptionId).not.toBe(firstId);
      latest().deliver({ type: 'map-snapshot', subscription: firstId, snapshot: mapSnapshot(3) });
      expect(onSnapshot).not.toHaveBeenCalled();
      latest().deliver({ type: 'map-snapshot', subscription: live.mapSubscriptionId!, snapshot: mapSnapshot(3) });
      expect(onSnapshot).toHaveBeenCalledOnce();
    });

    it('asks for a fresh snapshot under a new id when the receiver lost track', () => {
      const onDelta = vi.fn();
      live.start();
      latest().open();
      live.subscribeMap({ namespaces: [], windowMs: 60_000, onSnapshot: () => {}, onDelta });
      const before = live.mapSubscriptionId!;
      live.renewMap();
      expect(live.mapSubscriptionId).not.toBe(before);
      expect(latest().sent.at(-1)).toEqual({ type: 'map-subscribe', id: live.mapSubscriptionId, namespaces: [], windowMs: 60_000 });
      latest().deliver({ type: 'map-delta', subscription: before, delta: mapDelta(7) });
      expect(onDelta).not.toHaveBeenCalled();
    });

    it('tells the server when the map is no longer watched, but not when a newer map replaced it', () => {
      live.start();
      latest().open();
      const endFirst = live.subscribeMap({ namespaces: [], onSnapshot: () => {}, onDelta: () => {} });
      const endSecond = live.subscribeMap({ namespaces: ['shop'], onSnapshot: () => {}, onDelta: () => {} });
      endFirst();
      expect(latest().sent.filter((m) => m.type === 'map-unsubscribe')).toHaveLength(0);
      expect(live.mapSubscriptionId).not.toBeNull();
      endSecond();
      expect(latest().sent.at(-1)).toEqual({ type: 'map-unsubscribe' });
      expect(live.mapSubscriptionId).toBeNull();
    });

    it('sends the filter text with both subscriptions, again after a reconnect, and leaves an empty one out', () => {
      live.start();
      latest().open();
      live.subscribe({ namespaces: ['shop'], filter: '--verdict DROPPED', backfill: 0, onBatch: () => {} });
      live.subscribeMap({ namespaces: ['shop'], filter: '--verdict DROPPED', onSnapshot: () => {}, onDelta: () => {} });
      expect(latest().sent).toEqual([
        { type: 'subscribe', id: live.subscriptionId, namespaces: ['shop'], filter: '--verdict DROPPED', backfill: 0 },
        { type: 'map-subscribe', id: live.mapSubscriptionId, namespaces: ['shop'], filter: '--verdict DROPPED' },
      ]);
      latest().drop();
      vi.advanceTimersByTime(60_000);
      latest().open();
      expect(latest().sent.map((m) => (m as { filter?: string }).filter)).toEqual(['--verdict DROPPED', '--verdict DROPPED']);
      live.subscribe({ namespaces: [], filter: '  ', backfill: 0, onBatch: () => {} });
      expect(latest().sent.at(-1)).toEqual({ type: 'subscribe', id: live.subscriptionId, namespaces: [], backfill: 0 });
    });

    it('ignores a map message without its payload', () => {
      const onSnapshot = vi.fn();
      live.start();
      latest().open();
      live.subscribeMap({ namespaces: [], onSnapshot, onDelta: () => {} });
      latest().onmessage?.({ data: JSON.stringify({ type: 'map-snapshot', subscription: live.mapSubscriptionId }) } as MessageEvent);
      expect(onSnapshot).not.toHaveBeenCalled();
    });
  });
});
