import type { Flow, Verdict } from '@starmap/core';
import { dnsRcodeName, humanizeEnum, icmpTypeName } from './enums';
import { formatLatency } from './time';

/** The Type column: the L7 kind when Hubble parsed one, else the L4 protocol. */
export function flowKind(flow: Flow): string {
  const l7 = flow.l7;
  if (l7) {
    if (l7.dns) return 'DNS';
    if (l7.http) return 'HTTP';
    if (l7.kafka) return 'Kafka';
    return 'L7';
  }
  return flow.protocol || '—';
}

/** The Summary column: TCP flags, ICMP type, DNS query/answer, HTTP request/response. */
export function flowSummary(flow: Flow): string {
  const l7 = flow.l7;
  if (l7?.dns) {
    const { query, qtypes, ips, rcode } = l7.dns;
    const asked = [query, qtypes.join(',')].filter(Boolean).join(' ');
    if (l7.type === 'REQUEST') return `DNS query ${asked}`;
    if (rcode !== 0) return `DNS answer ${dnsRcodeName(rcode)} for ${asked}`;
    const answer = ips.length > 0 ? ips.join(', ') : 'no addresses';
    return `DNS answer ${answer} for ${asked}`;
  }
  if (l7?.http) {
    const { method, url, code, protocol } = l7.http;
    const proto = protocol || 'HTTP';
    if (l7.type === 'RESPONSE') {
      const latency = formatLatency(l7.latencyNs);
      return `${proto} ${code} ${method} ${url}${latency ? ` (${latency})` : ''}`;
    }
    return `${proto} ${method} ${url}`;
  }
  if (l7?.kafka) {
    const { apiKey, topic, errorCode } = l7.kafka;
    return `Kafka ${apiKey} topic ${topic}${errorCode ? ` error ${errorCode}` : ''}`;
  }
  if (flow.protocol === 'TCP' && flow.tcpFlags.length > 0) return `TCP Flags: ${flow.tcpFlags.join(', ')}`;
  if ((flow.protocol === 'ICMPv4' || flow.protocol === 'ICMPv6') && flow.icmp) {
    const name = icmpTypeName(flow.protocol, flow.icmp.type);
    return flow.icmp.code ? `${flow.protocol} ${name} code ${flow.icmp.code}` : `${flow.protocol} ${name}`;
  }
  if (flow.sockXlatePoint && !flow.sockXlatePoint.endsWith('UNKNOWN')) {
    return `socket translation: ${humanizeEnum(flow.sockXlatePoint.replace(/^SOCK_XLATE_POINT_/, ''))}`;
  }
  return flow.summary;
}

export type VerdictTone = 'forwarded' | 'dropped' | 'neutral';

export function verdictTone(verdict: Verdict): VerdictTone {
  if (verdict === 'FORWARDED') return 'forwarded';
  if (verdict === 'DROPPED') return 'dropped';
  return 'neutral';
}

/** The drop reason as shown beside DROPPED: the upstream name, or its number when unnamed. */
export function dropReasonLabel(flow: Flow): string {
  if (flow.verdict !== 'DROPPED') return '';
  if (flow.dropReasonName) return flow.dropReasonName;
  return flow.dropReason ? `DROP_REASON_${flow.dropReason}` : 'unknown reason';
}
