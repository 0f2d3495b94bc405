/// <reference lib="webworker" />
/** Runs the map layout off the main thread: one request at a time, answered in order. */
import ELK from 'elkjs/lib/elk.bundled.js';
import { computeLayout } from './mapLayout';
import type { LayoutRequest } from './types';
import type { LayoutWorkerReply } from './layoutClient';

const elk = new ELK();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ id: number; request: LayoutRequest }>) => {
  const { id, request } = event.data;
  let reply: LayoutWorkerReply;
  try {
    reply = { id, response: await computeLayout(elk, request) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
