import { writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StatusResponse } from '@starmap/core';
import { startSimulator, type Simulator } from '@starmap/sim';
import { parseConfig } from '../src/config.js';
import { startStarmap, type Starmap } from '../src/runtime.js';
import { makeTestPki, type TestPki } from './certs.js';
import { startDemo, until } from './helpers.js';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

async function statusOf(s: Starmap, init: RequestInit = {}): Promise<StatusResponse> {
  return (await (await fetch(`${s.url}/api/status`, init)).json()) as StatusResponse;
}

const fastRetries = { backoff: { initialMs: 100, maxMs: 400, jitter: 0.2 }, agentPollIntervalMs: 500 } as const;

describe('relay over TLS and mTLS', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      flowsPerSecond: 100,
      tls: { cert: pki.read(pki.serverCert), key: pki.read(pki.serverKey), clientCa: pki.read(pki.caCert) },
    });
  });
  afterAll(async () => sim?.close());

  const relayConfig = (extra: Record<string, unknown>) =>
    parseConfig({
      port: 0,
      webDir: '',
      hubbleServer: sim.relayAddress,
      ciliumSocket: join(pki.dir, 'no-agent.sock'),
      hubbleTlsServerName: 'kind.hubble-relay.cilium.io',
      ...extra,
    });

  it('streams flows over mTLS with the relay CA and a client certificate', async () => {
    const s = await startStarmap(relayConfig({ hubbleTlsCa: pki.caCert, hubbleTlsCert: pki.clientCert, hubbleTlsKey: pki.clientKey }), fastRetries);
    try {
      const status = await until('flows over mTLS', async () => {
        const st = await statusOf(s);
        return st.relay.phase === 'connected' && st.relay.flowsReceived > 5 && st;
      });
      expect(status.relay.lastError).toBeNull();
    } finally {
      await s.close();
    }
  });

  it('fails clearly when the relay certificate is signed by another CA', async () => {
    const s = await startStarmap(relayConfig({ hubbleTlsCa: pki.otherCaCert, hubbleTlsCert: pki.clientCert, hubbleTlsKey: pki.clientKey }), fastRetries);
    try {
      const st = await until('a TLS error', async () => {
        const now = await statusOf(s);
        return now.relay.phase === 'reconnecting' && now.relay.lastError && now;
      });
      expect(st.relay.lastError).toMatch(/certificate|verify|handshake|self.signed/i);
      expect(st.relay.flowsReceived).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('fails clearly without a client certificate when the relay requires one', async () => {
    const s = await startStarmap(relayConfig({ hubbleTlsCa: pki.caCert }), fastRetries);
    try {
      const st = await until('a refused handshake', async () => {
        const now = await statusOf(s);
        return now.relay.phase === 'reconnecting' && now.relay.lastError && now;
      });
      expect(st.relay.lastError).toMatch(/UNAVAILABLE/);
      expect(st.relay.flowsReceived).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('refuses to start with a missing certificate file, naming it', () => {
    expect(() => parseConfig({ hubbleServer: 'x:1', hubbleTlsCert: '/nope.crt' })).toThrow(/--hubble-tls-key/);
    return expect(startStarmap(relayConfig({ hubbleTlsCa: '/does/not/exist.crt' }))).rejects.toThrow(/relay CA file \/does\/not\/exist.crt: ENOENT/);
  });
});

describe('dashboard over HTTPS', () => {
  it('serves the API with the given certificate', async () => {
    const s = await startDemo({ tlsCert: pki.serverCert, tlsKey: pki.serverKey });
    try {
      expect(s.url).toMatch(/^https:/);
      const body = await new Promise<string>((resolve, reject) => {
        const req = https.get(`${s.url}/healthz`, { ca: pki.read(pki.caCert), servername: 'kind.hubble-relay.cilium.io', checkServerIdentity: () => undefined }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(text));
        });
        req.on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    } finally {
      await s.close();
    }
  });
});

describe('access gate', () => {
  const TOKEN = 'correct-horse-battery-staple-42';
  let s: Starmap;
  const logs: string[] = [];

  beforeAll(async () => {
    const tokenFile = join(pki.dir, 'token');
    const basicFile = join(pki.dir, 'users');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    writeFileSync(basicFile, '# operators\nalice:wonderland\n');
    s = await startStarmap(parseConfig({ port: 0, webDir: '', authTokenFile: tokenFile, basicAuthFile: basicFile, demoRate: 50 }), {
      ...fastRetries,
      logger: {
        level: 'trace',
        stream: new Writable({
          write(chunk, _enc, done) {
            logs.push(String(chunk));
            done();
          },
        }),
      },
    });
  });
  afterAll(async () => s?.close());

  const OPEN = new Set(['/healthz', '/readyz', '/login']);

  it('refuses every registered route without credentials, except the probes and the login page', async () => {
    const routes = s.app.registeredRoutes.filter((r) => r.method !== 'HEAD' || !r.websocket);
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) {
      const url = `${s.url}${route.url.replace(':id', 'x')}`;
      if (route.websocket) {
        const code = await new Promise<number>((resolve) => {
          const ws = new WebSocket(url.replace(/^http/, 'ws'));
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('error', () => resolve(-1));
        });
        expect(code, `${route.method} ${route.url}`).toBe(401);
        continue;
      }
      const res = await fetch(url, { method: route.method, redirect: 'manual' });
      // The gate answers 401 with its JSON; an open route may answer 401 itself (a wrong login) but never with the gate's body.
      const text = await res.text();
      const gated =
        res.status === 401 &&
        (res.headers.get('content-type') ?? '').includes('json') &&
        (route.method === 'HEAD' || JSON.parse(text).error === 'unauthorized');
      expect(gated, `${route.method} ${route.url} gated`).toBe(!OPEN.has(route.url));
    }
  });

  it('accepts the bearer token, basic auth and the login cookie, and rejects wrong ones', async () => {
    expect((await fetch(`${s.url}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${s.url}/api/status`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
    expect((await fetch(`${s.url}/api/status`, { headers: basic('alice', 'wonderland') })).status).toBe(200);
    expect((await fetch(`${s.url}/api/status`, { headers: basic('alice', 'looking-glass') })).status).toBe(401);
    expect((await fetch(`${s.url}/api/status`, { headers: basic('mallory', 'wonderland') })).status).toBe(401);

    const refused = await fetch(`${s.url}/login`, { method: 'POST', body: new URLSearchParams({ token: 'nope' }), redirect: 'manual' });
    expect(refused.status).toBe(401);
    const login = await fetch(`${s.url}/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }), redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/starmap_session=[0-9a-f]{64}; .*HttpOnly/i);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0]!;
    expect((await fetch(`${s.url}/api/status`, { headers: { cookie: session } })).status).toBe(200);
    const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/api/stream`, { headers: { cookie: session } });
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    ws.close();
  });

  it('sends browsers to the login page and asks API clients for credentials', async () => {
    const page = await fetch(`${s.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    const api = await fetch(`${s.url}/api/flows`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Basic realm="Starmap"/);
  });

  it('never writes the token or passwords to the log', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('wonderland');
    expect(all).not.toContain(Buffer.from('alice:wonderland').toString('base64'));
  });
});

describe('security headers, metrics and base path', () => {
  let s: Starmap;
  beforeAll(async () => {
    s = await startDemo({ basePath: '/tools/starmap' });
    await until('flows', async () => (await statusOf(s)).relay.flowsReceived > 10);
  });
  afterAll(async () => s?.close());

  it('sends a CSP without inline script, frame-ancestors and nosniff', async () => {
    const res = await fetch(`${s.url}/api/status`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves everything under the base path, and nothing outside it', async () => {
    expect(s.url).toMatch(/\/tools\/starmap$/);
    expect((await fetch(`${s.url}/api/status`)).status).toBe(200);
    const origin = new URL(s.url).origin;
    expect((await fetch(`${origin}/api/status`)).status).toBe(404);
    const bare = await fetch(`${origin}/tools/starmap`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/tools/starmap/');
    const ws = new WebSocket(`${s.url.replace(/^http/, 'ws')}/api/stream`);
    const first = await new Promise<string>((resolve, reject) => {
      ws.on('message', (d) => resolve(String(d)));
      ws.on('error', reject);
    });
    expect(JSON.parse(first).type).toBe('hello');
    ws.close();
  });

  it('exposes Prometheus metrics about flows, the relay and clients', async () => {
    const text = await (await fetch(`${s.url}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('starmap_flows_received_total')).toBeGreaterThan(10);
    expect(value('starmap_relay_connected')).toBe(1);
    expect(value('starmap_ring_flows')).toBeGreaterThan(10);
    for (const name of ['starmap_relay_reconnects_total', 'starmap_websocket_clients', 'starmap_client_flows_dropped_total', 'starmap_client_queue_flows', 'starmap_agent_poll_errors_total']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
