/**
 * The Cilium agent REST API (base path /v1) over a unix socket and/or TCP, with fault modes so
 * tests can watch clients cope with a hanging, failing, garbled or missing agent.
 */
import { existsSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type AgentFault = 'none' | 'hang' | 'http500' | 'malformed-json' | 'down';

export const AGENT_FAULTS: readonly AgentFault[] = ['none', 'hang', 'http500', 'malformed-json', 'down'];

/** GET routes: path under /v1 → payload producer. */
export type AgentRoutes = Record<string, () => unknown>;

export interface AgentServerOptions {
  routes: AgentRoutes;
  /** Unix socket path, or null for none. */
  socketPath?: string | null;
  /** TCP port (0 = ephemeral), or null for none. */
  httpPort?: number | null;
  host?: string;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export class AgentServer {
  private fault: AgentFault = 'none';
  private readonly listeners: http.Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly routes: AgentRoutes;
  private readonly socketPath: string | null;
  private readonly host: string;
  private tcpPort: number | null;
  private listening = false;

  constructor(opts: AgentServerOptions) {
    this.routes = opts.routes;
    this.socketPath = opts.socketPath ?? null;
    this.tcpPort = opts.httpPort ?? null;
    this.host = opts.host ?? '127.0.0.1';
    if (this.socketPath === null && this.tcpPort === null) throw new Error('agent API needs a unix socket path or a TCP port');
  }

  get currentFault(): AgentFault {
    return this.fault;
  }

  get unixSocketPath(): string | null {
    return this.socketPath;
  }

  /** `http://127.0.0.1:PORT` when listening on TCP. */
  get httpUrl(): string | null {
    if (this.tcpPort === null) return null;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.tcpPort}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const fault = this.fault;
    if (fault === 'hang') return; // never answer; the client's timeout must fire
    if (fault === 'http500') {
      sendJson(res, 500, 'simulated agent failure: fault mode http500');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://agent');
    const path = url.pathname.replace(/\/+$/, '');
    const route = path.startsWith('/v1/') ? this.routes[path.slice(3)] : undefined;
    if (!route) {
      sendJson(res, 404, { code: 404, message: `path ${url.pathname} was not found` });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET');
      sendJson(res, 405, { code: 405, message: `method ${req.method ?? ''} is not allowed, but [GET] are` });
      return;
    }
    let body: unknown;
    try {
      body = route();
    } catch (err) {
      sendJson(res, 500, `building ${path} failed: ${String(err)}`);
      return;
    }
    if (fault === 'malformed-json') {
      const text = JSON.stringify(body);
      const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(cut) });
      res.end(cut);
      return;
    }
    sendJson(res, 200, body);
  }

  private newServer(): http.Server {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (_err, socket) => socket.destroy());
    return server;
  }

  async start(): Promise<void> {
    if (this.listening) return;
    if (this.socketPath !== null) {
      // A socket file left by a crashed run would make listen() fail with EADDRINUSE.
      if (existsSync(this.socketPath)) unlinkSync(this.socketPath);
      const server = this.newServer();
      await listen(server, () => server.listen(this.socketPath as string));
      this.listeners.push(server);
    }
    if (this.tcpPort !== null) {
      const server = this.newServer();
      await listen(server, () => server.listen(this.tcpPort as number, this.host));
      this.tcpPort = (server.address() as AddressInfo).port;
      this.listeners.push(server);
    }
    this.listening = true;
  }

  async stop(): Promise<void> {
    const servers = this.listeners.splice(0);
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    if (this.socketPath !== null && existsSync(this.socketPath)) unlinkSync(this.socketPath);
    this.listening = false;
  }

  /** Switches fault mode; 'down' closes the listeners, leaving it re-opens them (same path/port). */
  async setFault(fault: AgentFault): Promise<void> {
    if (!AGENT_FAULTS.includes(fault)) throw new Error(`unknown agent fault "${String(fault)}"; known: ${AGENT_FAULTS.join(', ')}`);
    const previous = this.fault;
    this.fault = fault;
    if (fault === 'down' && previous !== 'down') await this.stop();
    else if (fault !== 'down' && previous === 'down') await this.start();
  }
}

function listen(server: http.Server, doListen: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`agent API cannot listen: ${err.message}`));
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve();
    });
    doListen();
  });
}
