import { describe, expect, it } from 'vitest';
import { parseIP, parsePrefix, prefixContains } from './ip.js';

describe('parseIP', () => {
  it.each(['0.0.0.0', '10.0.2.16', '255.255.255.255', '::', '::1', 'fe80::64d8:8aff:fe72:fc14', '2001:db8::1', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8', 'fe80::1%eth0'])(
    'accepts %s',
    (ip) => {
      expect(parseIP(ip)).not.toBeNull();
    },
  );
  it.each(['', '10.0.0', '10.0.0.256', '010.0.0.1', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', 'gggg::', '1.2.3.4::', 'host'])('rejects %j', (ip) => {
    expect(parseIP(ip)).toBeNull();
  });
  it('expands :: and embedded IPv4', () => {
    expect(parseIP('::1')?.value).toBe(1n);
    expect(parseIP('::ffff:10.0.0.1')?.value).toBe((0xffffn << 32n) | 0x0a000001n);
    expect(parseIP('2001:db8::')?.value).toBe(0x20010db8n << 96n);
  });
});

describe('prefixes', () => {
  it('contains addresses of the same family only', () => {
    const p = parsePrefix('10.0.0.0/8');
    expect(p).not.toBeNull();
    expect(prefixContains(p!, parseIP('10.200.1.1')!)).toBe(true);
    expect(prefixContains(p!, parseIP('11.0.0.1')!)).toBe(false);
    expect(prefixContains(p!, parseIP('::ffff:10.0.0.1')!)).toBe(false);
    expect(prefixContains(parsePrefix('0.0.0.0/0')!, parseIP('1.2.3.4')!)).toBe(true);
    expect(prefixContains(parsePrefix('10.1.2.3/32')!, parseIP('10.1.2.3')!)).toBe(true);
    expect(prefixContains(parsePrefix('fe80::/10')!, parseIP('febf::1')!)).toBe(true);
    expect(prefixContains(parsePrefix('fe80::/10')!, parseIP('fec0::1')!)).toBe(false);
  });
  it('accepts host bits and rejects bad lengths', () => {
    expect(parsePrefix('10.1.2.3/8')?.bits).toBe(8);
    expect(parsePrefix('10.0.0.0/33')).toBeNull();
    expect(parsePrefix('::/129')).toBeNull();
    expect(parsePrefix('10.0.0.0/')).toBeNull();
    expect(parsePrefix('10.0.0.0/08')).toBeNull();
    expect(parsePrefix('10.0.0.0')).toBeNull();
  });
});
