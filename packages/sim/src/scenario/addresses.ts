/** Address helpers: canonical IPv6 text (RFC 5952) and Cilium's `ip:port/PROTO` notation. */

function expandIPv6(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const groups = [...h, ...new Array<number>(fill).fill(0), ...t];
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) {
    throw new Error(`not an IPv6 address: ${text}`);
  }
  return groups;
}

/** Canonical IPv6 text: lower case, no leading zeros, longest zero run (≥2 groups) as `::`. */
export function canonicalIPv6(text: string): string {
  const groups = expandIPv6(text);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** `10.96.0.10:53/UDP` or `[fd00:10:96::a]:53/UDP`, the way Cilium prints frontends. */
export function formatL4Address(ip: string, port: number, protocol?: string): string {
  const host = isIPv6(ip) ? `[${ip}]` : ip;
  return protocol ? `${host}:${port}/${protocol}` : `${host}:${port}`;
}
