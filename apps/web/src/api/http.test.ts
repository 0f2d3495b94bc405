import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError, describeServerProblem, getJson } from './http';

// getJson resolves URLs against the page; give it one, built as production builds it (base './').
beforeEach(() => {
  vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:8080/prefix/' });
  vi.stubEnv('BASE_URL', './');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('getJson', () => {
  it('fetches under the path prefix and returns the parsed body', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ namespaces: [] }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(getJson('api/namespaces')).resolves.toEqual({ namespaces: [] });
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe('http://127.0.0.1:8080/prefix/api/namespaces');
  });

  it("carries the server's ApiError message on a 400", async () => {
    const body = { error: 'bad_request', message: 'limit must be an integer from 1 to 10000' };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 400, statusText: 'Bad Request' }));
    const err = await getJson('api/flows', { limit: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 400, message: 'limit must be an integer from 1 to 10000', body });
    expect(describeServerProblem(err as Error)).toBe('Starmap server error: limit must be an integer from 1 to 10000');
  });

  it('falls back to the status line when the error body is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(getJson('api/status')).rejects.toMatchObject({ status: 502, message: '502 Bad Gateway' });
  });

  it('reports a network failure as an unreachable server', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = (await getJson('api/status').catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ status: 0, message: 'Failed to fetch' });
    expect(describeServerProblem(err)).toBe('Starmap server unreachable: Failed to fetch');
  });
});
