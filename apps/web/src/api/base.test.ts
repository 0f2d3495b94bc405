import { describe, expect, it } from 'vitest';
import { apiUrl, streamUrl } from './base';

describe('apiUrl', () => {
  it('keeps the path prefix the app is mounted under', () => {
    const base = new URL('https://example.org/tools/starmap/');
    expect(apiUrl(base, 'api/status').toString()).toBe('https://example.org/tools/starmap/api/status');
    expect(apiUrl(base, '/api/status').toString()).toBe('https://example.org/tools/starmap/api/status');
  });

  it('repeats a parameter for every value of a list and skips undefined ones', () => {
    const url = apiUrl(new URL('http://127.0.0.1:8080/'), 'api/flows', {
      namespace: ['a', 'b'],
      limit: 500,
      since: undefined,
    });
    expect(url.toString()).toBe('http://127.0.0.1:8080/api/flows?namespace=a&namespace=b&limit=500');
  });

  it('encodes flow ids that contain reserved characters', () => {
    const url = apiUrl(new URL('http://h/'), `api/flows/${encodeURIComponent('node/1:2')}`);
    expect(url.pathname).toBe('/api/flows/node%2F1%3A2');
  });
});

describe('streamUrl', () => {
  it('uses ws: for a page served over http', () => {
    expect(streamUrl(new URL('http://127.0.0.1:8080/'))).toBe('ws://127.0.0.1:8080/api/stream');
  });

  it('uses wss: for a page served over https, under the prefix', () => {
    expect(streamUrl(new URL('https://example.org/starmap/'))).toBe('wss://example.org/starmap/api/stream');
  });
});
