import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_MS, readMapParams, writeMapParams } from './mapParams';

describe('map parameters in the URL', () => {
  it('reads hidden nodes sorted and without repeats, the window and the selection', () => {
    expect(readMapParams('?hide=reserved:host&hide=monitoring/prometheus&hide=reserved:host&hide=&window=15m&select=edge:a/b->svc:a/c&services=cards')).toEqual({
      hidden: ['monitoring/prometheus', 'reserved:host'],
      windowMs: 900_000,
      selection: { kind: 'edge', id: 'a/b->svc:a/c' },
      serviceCards: true,
    });
  });

  it('falls back to the defaults for missing or unknown values', () => {
    const defaults = { hidden: [], windowMs: DEFAULT_WINDOW_MS, selection: null, serviceCards: false };
    expect(readMapParams('')).toEqual(defaults);
    expect(readMapParams('?window=7m&select=pod:x&services=maybe')).toEqual(defaults);
    expect(readMapParams('?select=node:').selection).toBeNull();
  });

  it('keeps a node id that itself contains colons', () => {
    expect(readMapParams('?select=node:ip:2606:4700:4700::1111').selection).toEqual({ kind: 'node', id: 'ip:2606:4700:4700::1111' });
  });

  it('writes its parameters next to the others, leaving defaults out, and reads back what it wrote', () => {
    const params = { hidden: ['reserved:host', '@world'], windowMs: 3_600_000, selection: { kind: 'node' as const, id: 'shop/cart' }, serviceCards: true };
    const search = writeMapParams('?namespace=shop&view=map&hide=old', params);
    expect(search).toBe('?namespace=shop&view=map&hide=%40world&hide=reserved%3Ahost&window=1h&select=node%3Ashop%2Fcart&services=cards');
    expect(readMapParams(search)).toEqual({ ...params, hidden: ['@world', 'reserved:host'] });
    expect(writeMapParams(search, { hidden: [], windowMs: DEFAULT_WINDOW_MS, selection: null, serviceCards: false })).toBe('?namespace=shop&view=map');
  });
});
