import WebSocket from 'ws';
import type { ServerMessage, ClientMessage } from '@starmap/core';
import { parseConfig } from '../src/config.js';
import { startStarmap, type Starmap } from '../src/runtime.js';

/** A demo-mode server on an ephemeral loopback port, with fast retries for tests. */
export async function startDemo(overrides: Record<string, unknown> = {}): Promise<Starmap> {
  return startStarmap(parseConfig({ port: 0, host: '127.0.0.1', demoRate: 200, webDir: '', ...overrides }), {
    backoff: { initialMs: 100, maxMs: 500, jitter: 0.2 },
    agentPollIntervalMs: 200,
    agentTimeoutMs: 500,
    relayPollIntervalMs: 300,
    stream: { flushIntervalMs: 50 },
  });
}

export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** A WebSocket client that records every server message. */
export class StreamClient {
  readonly messages: ServerMessage[] = [];
  private constructor(readonly socket: WebSocket) {
    // Listen before the socket opens: the server greets in the same breath as the upgrade.
    socket.on('message', (data) => this.messages.push(JSON.parse(String(data)) as ServerMessage));
  }

  static async open(baseUrl: string): Promise<StreamClient> {
    const client = new StreamClient(new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/stream`));
    await new Promise<void>((resolve, reject) => {
      client.socket.once('open', () => resolve());
      client.socket.once('error', reject);
    });
    return client;
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(message));
  }

  flowsOf(subscription: number) {
    return this.messages.flatMap((m) => (m.type === 'flows' && m.subscription === subscription ? m.flows : []));
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** GET (or any request) that expects JSON back, with the status. */
export async function getJson<T>(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
}
