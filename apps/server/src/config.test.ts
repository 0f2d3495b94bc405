import { describe, expect, it } from 'vitest';
import { isDemo, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('defaults to the demo cluster on 127.0.0.1:8080', () => {
    const config = parseConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(isDemo(config)).toBe(true);
  });

  it('leaves demo mode when a relay or an agent is given', () => {
    expect(isDemo(parseConfig({ hubbleServer: 'localhost:4245' }))).toBe(false);
    expect(isDemo(parseConfig({ ciliumSocket: '/var/run/cilium/cilium.sock' }))).toBe(false);
    expect(isDemo(parseConfig({ ciliumApi: 'http://127.0.0.1:9234' }))).toBe(false);
  });

  it('reads numbers given as strings (flags and environment variables)', () => {
    expect(parseConfig({ port: '9090', ringSize: '5000' })).toMatchObject({ port: 9090, ringSize: 5000 });
  });

  it.each([
    [{ port: '99999' }, /--port/],
    [{ port: 'eighty' }, /--port/],
    [{ hubbleServer: 'not an address' }, /--hubble-server: expected host:port/],
    [{ ciliumApi: 'nope' }, /--cilium-api/],
    [{ ringSize: '5' }, /--ring-size/],
    [{ logLevel: 'loud' }, /--log-level/],
  ])('rejects %o with a message naming the flag', (input, message) => {
    expect(() => parseConfig(input)).toThrow(message);
  });

  it('treats empty environment values as unset', () => {
    expect(isDemo(parseConfig({ hubbleServer: '' }))).toBe(true);
  });
});
