import { describe, expect, it } from 'vitest';
import type { L7Info } from '@starmap/core';
import { makeFlow } from '../testing/flowFixture';
import { dropReasonLabel, flowKind, flowSummary, verdictTone } from './flowText';

const l7 = (overrides: Partial<L7Info>): L7Info => ({
  type: 'REQUEST',
  latencyNs: 0,
  dns: null,
  http: null,
  kafka: null,
  ...overrides,
});

describe('flowKind', () => {
  it('names the L4 protocol of an L3/L4 flow', () => {
    expect(flowKind(makeFlow())).toBe('TCP');
    expect(flowKind(makeFlow({ protocol: 'UDP' }))).toBe('UDP');
  });

  it('names the L7 kind when Hubble parsed one', () => {
    const dns = makeFlow({ type: 'L7', protocol: 'UDP', l7: l7({ dns: { query: 'a.', ips: [], rcode: 0, qtypes: ['A'] } }) });
    expect(flowKind(dns)).toBe('DNS');
    const http = makeFlow({ type: 'L7', l7: l7({ http: { method: 'GET', url: '/', code: 0, protocol: 'HTTP/1.1' } }) });
    expect(flowKind(http)).toBe('HTTP');
  });

  it('shows a dash when the protocol is unknown', () => {
    expect(flowKind(makeFlow({ protocol: '' }))).toBe('—');
  });
});

describe('flowSummary', () => {
  it('lists TCP flags', () => {
    expect(flowSummary(makeFlow({ tcpFlags: ['SYN', 'ACK'] }))).toBe('TCP Flags: SYN, ACK');
  });

  it('describes a DNS query and its answer', () => {
    const dns = { query: 'productpage.bookinfo.svc.cluster.local.', ips: [], rcode: 0, qtypes: ['AAAA'] };
    expect(flowSummary(makeFlow({ protocol: 'UDP', l7: l7({ dns }) }))).toBe(
      'DNS query productpage.bookinfo.svc.cluster.local. AAAA',
    );
    const answer = l7({ type: 'RESPONSE', dns: { ...dns, qtypes: ['A'], ips: ['10.96.12.4'] } });
    expect(flowSummary(makeFlow({ protocol: 'UDP', l7: answer }))).toBe(
      'DNS answer 10.96.12.4 for productpage.bookinfo.svc.cluster.local. A',
    );
  });

  it('names a failed DNS answer by its rcode', () => {
    const answer = l7({ type: 'RESPONSE', dns: { query: 'nope.example.', ips: [], rcode: 3, qtypes: ['A'] } });
    expect(flowSummary(makeFlow({ l7: answer }))).toBe('DNS answer NXDOMAIN for nope.example. A');
  });

  it('describes an HTTP request and a response with its latency', () => {
    const http = { method: 'GET', url: 'http://reviews:9080/reviews/0', code: 0, protocol: 'HTTP/1.1' };
    expect(flowSummary(makeFlow({ l7: l7({ http }) }))).toBe('HTTP/1.1 GET http://reviews:9080/reviews/0');
    const response = l7({ type: 'RESPONSE', latencyNs: 12_300_000, http: { ...http, code: 200 } });
    expect(flowSummary(makeFlow({ l7: response }))).toBe('HTTP/1.1 200 GET http://reviews:9080/reviews/0 (12.3 ms)');
  });

  it('names ICMP message types', () => {
    expect(flowSummary(makeFlow({ protocol: 'ICMPv4', tcpFlags: [], icmp: { type: 8, code: 0 } }))).toBe('ICMPv4 EchoRequest');
    expect(flowSummary(makeFlow({ protocol: 'ICMPv6', tcpFlags: [], icmp: { type: 133, code: 0 } }))).toBe(
      'ICMPv6 RouterSolicitation',
    );
    expect(flowSummary(makeFlow({ protocol: 'ICMPv4', tcpFlags: [], icmp: { type: 3, code: 4 } }))).toBe(
      'ICMPv4 DestinationUnreachable code 4',
    );
  });

  it('names the socket translation point of a socket-LB flow', () => {
    const flow = makeFlow({ type: 'SOCK', tcpFlags: [], sockXlatePoint: 'SOCK_XLATE_POINT_POST_DIRECTION_FWD' });
    expect(flowSummary(flow)).toBe('socket translation: post direction fwd');
  });

  it("falls back to the server's summary", () => {
    expect(flowSummary(makeFlow({ protocol: 'UDP', tcpFlags: [], summary: 'UDP' }))).toBe('UDP');
  });
});

describe('verdicts', () => {
  it('colours forwarded and dropped flows and leaves the rest neutral', () => {
    expect(verdictTone('FORWARDED')).toBe('forwarded');
    expect(verdictTone('DROPPED')).toBe('dropped');
    expect(verdictTone('AUDIT')).toBe('neutral');
  });

  it('names the drop reason, or its number when unnamed', () => {
    expect(dropReasonLabel(makeFlow({ verdict: 'DROPPED', dropReason: 133, dropReasonName: 'POLICY_DENIED' }))).toBe(
      'POLICY_DENIED',
    );
    expect(dropReasonLabel(makeFlow({ verdict: 'DROPPED', dropReason: 250, dropReasonName: '' }))).toBe('DROP_REASON_250');
    expect(dropReasonLabel(makeFlow())).toBe('');
  });
});
