/** `host:port`, with IPv6 literals in brackets; the bare host when there is no port. */
export function hostPort(host: string, port: number | null | undefined): string {
  if (port === null || port === undefined || port === 0) return host;
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/** An address the way Cilium prints frontends and backends: `10.96.0.10:53/UDP`, `[2001:db8::a]:53/UDP`. */
export function formatAddress(ip: string, port: number | null | undefined, protocol?: string): string {
  const base = hostPort(ip, port);
  return protocol && port ? `${base}/${protocol}` : base;
}

export function isIPv6(host: string): boolean {
  return host.includes(':');
}
