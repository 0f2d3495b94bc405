import { describe, expect, it } from 'vitest';
import { formatAddress, hostPort } from './address';

describe('formatAddress', () => {
  it('prints an IPv4 frontend like Cilium does', () => {
    expect(formatAddress('10.96.0.10', 53, 'UDP')).toBe('10.96.0.10:53/UDP');
  });

  it('puts IPv6 addresses in brackets', () => {
    expect(formatAddress('2001:db8::a', 53, 'UDP')).toBe('[2001:db8::a]:53/UDP');
    expect(formatAddress('2001:db8:10:96::a', 443, 'TCP')).toBe('[2001:db8:10:96::a]:443/TCP');
  });

  it('prints the bare address when there is no port (ICMP)', () => {
    expect(formatAddress('10.0.0.1', null, 'ICMPv4')).toBe('10.0.0.1');
    expect(formatAddress('fe80::1', null)).toBe('fe80::1');
  });
});

describe('hostPort', () => {
  it('joins names and IPv4 with a colon and leaves port 0 out', () => {
    expect(hostPort('default/web', 8080)).toBe('default/web:8080');
    expect(hostPort('10.1.2.3', 0)).toBe('10.1.2.3');
  });

  it('brackets IPv6 only when a port follows', () => {
    expect(hostPort('2001:db8::1', 80)).toBe('[2001:db8::1]:80');
    expect(hostPort('2001:db8::1', null)).toBe('2001:db8::1');
  });
});
