import type { ApiError, RecordingStatus, ReplayCommand, ReplayStatus } from '@starmap/core';
import { apiUrl, appBaseUrl } from '../api/base';
import { ApiRequestError } from '../api/http';

export type { RecordingStatus };

/** POST a JSON body; non-2xx answers throw `ApiRequestError` with the server's message. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(appBaseUrl(), path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
  } catch (err) {
    throw new ApiRequestError(0, (err as Error).message || 'network error', null);
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON: the status line has to do.
  }
  if (!response.ok) {
    const apiError = typeof json === 'object' && json !== null && typeof (json as ApiError).message === 'string' ? (json as ApiError) : null;
    throw new ApiRequestError(response.status, apiError?.message ?? `${response.status} ${response.statusText}`.trim(), apiError);
  }
  return json as T;
}

export function sendReplayCommand(command: ReplayCommand): Promise<ReplayStatus> {
  return postJson<ReplayStatus>('api/replay', command);
}

export function startRecording(request: { filter?: string; namespaces?: string[] }): Promise<RecordingStatus> {
  return postJson<RecordingStatus>('api/recordings', request);
}

export function stopRecording(id: string): Promise<RecordingStatus> {
  return postJson<RecordingStatus>(`api/recordings/${encodeURIComponent(id)}/stop`, {});
}

export function recordingDownloadUrl(id: string): string {
  return apiUrl(appBaseUrl(), `api/recordings/${encodeURIComponent(id)}/download`).toString();
}
