/**
 * The gRPC server that stands in for hubble-relay: Observer, Peer and Health on one port.
 * It can be stopped and started again on the same port, to test client reconnection.
 */
import * as grpc from '@grpc/grpc-js';
import { healthService, observerService, peerService } from '@starmap/proto';
import type { ObserverService } from './service.js';

/** TLS like hubble-relay's `hubble.relay.tls.server`; with `clientCa`, clients must present a certificate (mTLS). */
export interface RelayTls {
  cert: Buffer;
  key: Buffer;
  clientCa?: Buffer;
}

export class RelayServer {
  private server: grpc.Server | null = null;
  private boundPort: number;

  constructor(
    private readonly service: ObserverService,
    private readonly host: string,
    port: number,
    private readonly tls: RelayTls | null = null,
  ) {
    this.boundPort = port;
  }

  private credentials(): grpc.ServerCredentials {
    if (!this.tls) return grpc.ServerCredentials.createInsecure();
    const { cert, key, clientCa } = this.tls;
    return grpc.ServerCredentials.createSsl(clientCa ?? null, [{ cert_chain: cert, private_key: key }], Boolean(clientCa));
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** `host:port`, with IPv6 hosts in brackets. */
  get address(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${host}:${this.boundPort}`;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Binds (port 0 picks a free port the first time; later starts reuse it). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new grpc.Server();
    server.addService(observerService, this.service.observerHandlers());
    server.addService(peerService, this.service.peerHandlers());
    server.addService(healthService, this.service.healthHandlers());
    const target = `${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(target, this.credentials(), (err, port) => {
        if (err) reject(new Error(`cannot listen for gRPC on ${target}: ${err.message}`));
        else resolve(port);
      });
    });
    this.server = server;
  }

  /** Closes the port and every open call (clients see UNAVAILABLE / CANCELLED). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    // Like a relay pod going away: open calls are cut, not ended gracefully.
    server.forceShutdown();
    this.service.forgetStreams();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
