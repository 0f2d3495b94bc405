/**
 * The main thread's side of the layout worker. One request is in flight at a time; callers
 * that ask while it runs get their answer after it (requests are served in order). When the
 * worker cannot start (or dies), layouts run on the main thread instead, loaded on demand.
 */
import type { LayoutRequest, LayoutResponse } from './types';

export type LayoutWorkerReply = { id: number; response: LayoutResponse } | { id: number; error: string };

interface Pending {
  resolve: (response: LayoutResponse) => void;
  reject: (error: Error) => void;
}

export class LayoutClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private fallback: Promise<(request: LayoutRequest) => Promise<LayoutResponse>> | null = null;

  constructor() {
    try {
      this.worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<LayoutWorkerReply>) => this.settle(event.data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.abandonWorker(`layout worker failed: ${event.message || 'unknown error'}`);
      };
    } catch {
      this.worker = null;
    }
  }

  /** Whether layouts run off the main thread. */
  get inWorker(): boolean {
    return this.worker !== null;
  }

  layout(request: LayoutRequest): Promise<LayoutResponse> {
    if (!this.worker) return this.onMainThread(request);
    const id = this.nextId++;
    return new Promise<LayoutResponse>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, request });
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('layout cancelled'));
    this.pending.clear();
  }

  private settle(reply: LayoutWorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.response);
  }

  private abandonWorker(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }

  private onMainThread(request: LayoutRequest): Promise<LayoutResponse> {
    this.fallback ??= Promise.all([import('elkjs/lib/elk.bundled.js'), import('./mapLayout')]).then(([elkModule, layoutModule]) => {
      const elk = new elkModule.default();
      return (r: LayoutRequest) => layoutModule.computeLayout(elk, r);
    });
    return this.fallback.then((run) => run(request));
  }
}
