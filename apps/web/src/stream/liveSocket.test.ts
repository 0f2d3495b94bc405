import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ServerMessage } from '@starmap/core';
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
});
