import type { ApiError } from '@starmap/core';
import { apiUrl, appBaseUrl, type QueryParams } from './base';

/** A failed API call, with the server's own words when it sent an `ApiError` body. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiError | null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).error === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** GET a JSON document from the Starmap server. Network failures and non-2xx answers throw `ApiRequestError`. */
export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  const url = apiUrl(appBaseUrl(), path, params);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(0, (err as Error).message || 'network error', null);
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // Not JSON (a proxy's error page, for example): fall back to the status line.
    }
    const apiError = isApiError(body) ? body : null;
    const message = apiError ? apiError.message : `${response.status} ${response.statusText}`.trim();
    throw new ApiRequestError(response.status, message, apiError);
  }
  return (await response.json()) as T;
}

/** One line for the user: unreachable (no answer at all) or an error the server answered with. */
export function describeServerProblem(err: Error): string {
  if (err instanceof ApiRequestError && err.status !== 0) return `Starmap server error: ${err.message}`;
  return `Starmap server unreachable: ${err.message}`;
}
