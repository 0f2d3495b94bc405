/** Hubble's one-line `Summary` texts, in the forms its parsers print them. */

export interface TcpFlagSet {
  SYN?: boolean;
  ACK?: boolean;
  RST?: boolean;
  FIN?: boolean;
  PSH?: boolean;
}

/** Hubble lists flags in this order (SYN, ACK, RST, FIN, PSH). */
const FLAG_ORDER: (keyof TcpFlagSet)[] = ['SYN', 'ACK', 'RST', 'FIN', 'PSH'];

export function tcpSummary(flags: TcpFlagSet): string {
  return `TCP Flags: ${FLAG_ORDER.filter((f) => flags[f]).join(', ')}`;
}

export function dnsQuerySummary(query: string, qtypes: string[]): string {
  return `DNS Query ${query} ${qtypes.join(',')}`;
}

const RCODE_TEXT: Record<number, string> = {
  1: 'Format Error',
  2: 'Server Failure',
  3: 'Non-Existent Domain',
  5: 'Refused',
};

export function dnsAnswerSummary(query: string, qtypes: string[], rcode: number, ips: string[], ttl: number): string {
  const tail = `(Proxy ${query} ${qtypes.join(',')})`;
  if (rcode !== 0) return `DNS Answer RCode: ${RCODE_TEXT[rcode] ?? String(rcode)} TTL: ${ttl} ${tail}`;
  const answer = ips.length > 0 ? `"${ips.join(',')}"` : '';
  return `DNS Answer ${answer} TTL: ${ttl} ${tail}`;
}

export function httpRequestSummary(protocol: string, method: string, url: string): string {
  return `${protocol} ${method} ${url}`;
}

export function httpResponseSummary(protocol: string, code: number, latencyNs: number, method: string, url: string): string {
  return `${protocol} ${code} ${Math.round(latencyNs / 1e6)}ms (${method} ${url})`;
}
