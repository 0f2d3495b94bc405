import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { relayTlsEnabled, type Config } from './config.js';
import type { RelayTarget } from './sources/relay-client.js';

function readFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/**
 * The relay connection with TLS or mTLS, as hubble-relay serves it with `hubble.relay.tls.server`:
 * a CA to trust, optionally a client certificate, and the name in the relay's certificate
 * (`*.hubble-relay.cilium.io` style names rarely match the Service DNS name).
 */
export function relayTarget(config: Config, address: string): RelayTarget & { tls: boolean } {
  if (!relayTlsEnabled(config)) return { address, tls: false };
  const ca = config.hubbleTlsCa ? readFile(config.hubbleTlsCa, 'relay CA file') : null;
  const key = config.hubbleTlsKey ? readFile(config.hubbleTlsKey, 'relay client key file') : null;
  const cert = config.hubbleTlsCert ? readFile(config.hubbleTlsCert, 'relay client certificate file') : null;
  const credentials = grpc.credentials.createSsl(ca, key, cert);
  const channelOptions: grpc.ChannelOptions = config.hubbleTlsServerName
    ? { 'grpc.ssl_target_name_override': config.hubbleTlsServerName, 'grpc.default_authority': config.hubbleTlsServerName }
    : {};
  return { address, credentials, channelOptions, tls: true };
}

/** Key and certificate for serving the dashboard itself over HTTPS. */
export function httpsOptions(config: Config): { key: Buffer; cert: Buffer } | null {
  if (!config.tlsCert || !config.tlsKey) return null;
  return { cert: readFile(config.tlsCert, 'TLS certificate file'), key: readFile(config.tlsKey, 'TLS key file') };
}
