/**
 * Addresses printed the way Cilium prints an L3n4Addr: `10.96.0.10:53/UDP`,
 * `[2001:db8:10:96::a]:53/UDP`.
 */

/** Upper-case protocol name, or null when the agent did not say. "any" becomes "ANY". */
export function normalizeProtocol(protocol: string | null | undefined): string | null {
  if (protocol == null) return null;
  const trimmed = protocol.trim();
  return trimmed === '' ? null : trimmed.toUpperCase();
}

/**
 * Older agents (before the protocol was part of the service key) send no protocol; the address
 * is then printed without the `/PROTO` suffix, as those agents did.
 */
export function formatL3n4Addr(ip: string, port: number, protocol: string | null): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return protocol == null ? `${host}:${port}` : `${host}:${port}/${protocol}`;
}
