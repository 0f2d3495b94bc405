/** Upstream enum names in the user's words: `TO_ENDPOINT` → `to endpoint`. */
export function humanizeEnum(name: string): string {
  if (!name || /_UNKNOWN$|^UNKNOWN/.test(name)) return 'unknown';
  return name.toLowerCase().replace(/_/g, ' ');
}

/** DNS response codes (RFC 1035, RFC 2136) by number. */
const DNS_RCODES: Record<number, string> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
};

export function dnsRcodeName(rcode: number): string {
  return DNS_RCODES[rcode] ?? `rcode ${rcode}`;
}

const ICMPV4_TYPES: Record<number, string> = {
  0: 'EchoReply',
  3: 'DestinationUnreachable',
  5: 'Redirect',
  8: 'EchoRequest',
  11: 'TimeExceeded',
  12: 'ParameterProblem',
};

const ICMPV6_TYPES: Record<number, string> = {
  1: 'DestinationUnreachable',
  2: 'PacketTooBig',
  3: 'TimeExceeded',
  4: 'ParameterProblem',
  128: 'EchoRequest',
  129: 'EchoReply',
  133: 'RouterSolicitation',
  134: 'RouterAdvertisement',
  135: 'NeighborSolicitation',
  136: 'NeighborAdvertisement',
  137: 'Redirect',
};

export function icmpTypeName(protocol: 'ICMPv4' | 'ICMPv6', type: number): string {
  const name = (protocol === 'ICMPv4' ? ICMPV4_TYPES : ICMPV6_TYPES)[type];
  return name ?? `type ${type}`;
}
