/**
 * Minimal IP address and prefix parsing for the IP filters (no node:net, so the module also runs
 * in the browser). Semantics follow Go's net/netip as Hubble uses it: an IPv4 address never
 * matches an IPv6 prefix and vice versa (IPv4-mapped IPv6 addresses are not unmapped).
 */

export interface ParsedIP {
  family: 4 | 6;
  value: bigint;
}

export interface ParsedPrefix extends ParsedIP {
  bits: number;
}

const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

export function parseIPv6(text: string): bigint | null {
  if (text.length === 0 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (HEX_GROUP.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = parseGroups(halves[0] as string);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (head === null || tail === null) return null;
  // An embedded IPv4 address may only close the address.
  if (halves.length === 2 && (halves[0] as string).includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

export function parseIP(text: string): ParsedIP | null {
  if (text.includes(':')) {
    // A zone (fe80::1%eth0) is legal in an address but plays no part in matching prefixes.
    const zoneAt = text.indexOf('%');
    const v6 = parseIPv6(zoneAt >= 0 && zoneAt < text.length - 1 ? text.slice(0, zoneAt) : text);
    return v6 === null ? null : { family: 6, value: v6 };
  }
  const v4 = parseIPv4(text);
  return v4 === null ? null : { family: 4, value: v4 };
}

export function parsePrefix(text: string): ParsedPrefix | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const addrText = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (addrText.includes('%')) return null;
  const addr = parseIP(addrText);
  if (addr === null || !/^(0|[1-9]\d{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > (addr.family === 4 ? 32 : 128)) return null;
  return { ...addr, bits };
}

export function prefixContains(prefix: ParsedPrefix, ip: ParsedIP): boolean {
  if (prefix.family !== ip.family) return false;
  const shift = BigInt((prefix.family === 4 ? 32 : 128) - prefix.bits);
  return prefix.value >> shift === ip.value >> shift;
}
