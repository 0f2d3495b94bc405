import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceMapAggregator, type ReplayStatus, type ServiceMapSnapshot, type ServicesResponse, type StatusResponse } from '@starmap/core';
import { readRecording, startSimulator, type Simulator } from '@starmap/sim';
import { parseConfig } from '../src/config.js';
import { record } from '../src/recording/recorder.js';
import { startStarmap, type Starmap } from '../src/runtime.js';
import { flowQuery } from '../src/sources/flow-query.js';
import { getJson, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'starmap-rec-'));
const fast = { backoff: { initialMs: 100, maxMs: 400, jitter: 0.2 }, agentPollIntervalMs: 200, relayPollIntervalMs: 300, mapTickMs: 200 } as const;

const get = <T>(s: Starmap, path: string, init?: RequestInit) => getJson<T>(s.url, path, init);

/** What must survive the trip: which nodes and edges, and every edge's counts and drop reasons. */
function essence(map: ServiceMapSnapshot) {
  return {
    nodes: map.nodes.map((n) => n.id),
    edges: map.edges.map((e) => ({ id: e.id, flows: e.flows, verdicts: e.verdicts, drops: e.drops, ports: e.ports })),
  };
}

describe('record, then replay', () => {
  let sim: Simulator;
  const file = join(dir, 'demo.jsonl.gz');
  const live = new ServiceMapAggregator();
  let recorded = 0;

  beforeAll(async () => {
    sim = await startSimulator({ flowsPerSecond: 300, agentSocketPath: join(dir, 'cilium.sock'), backfillSeconds: 0 });
    const summary = await record({
      target: { address: sim.relayAddress },
      agentEndpoints: [{ kind: 'unix', socketPath: sim.agentSocketPath! }],
      out: file,
      query: flowQuery(undefined),
      durationMs: 3_000,
      onFlow: (f) => {
        live.fold(f);
        recorded++;
      },
    });
    expect(summary.flows).toBe(recorded);
    expect(summary.snapshots).toBeGreaterThanOrEqual(3);
    await sim.close();
  });

  it('writes hubble-observe jsonpb lines plus typed snapshot lines', async () => {
    const { records, stats } = await collect(file);
    expect(stats.bad).toEqual([]);
    expect(stats.flows).toBe(recorded);
    expect(recorded).toBeGreaterThan(300);
    const kinds = new Set(records.map((r) => r.kind));
    for (const k of ['header', 'flow', 'snapshot', 'end']) expect(kinds).toContain(k);
    const snapshotKinds = new Set(records.flatMap((r) => (r.kind === 'snapshot' ? [r.snapshot.of] : [])));
    for (const k of ['healthz', 'config', 'services', 'relay-nodes']) expect(snapshotKinds).toContain(k);
  });

  it('replays through the simulator so that the service map and drop counts equal the live ones', async () => {
    const s = await startStarmap(parseConfig({ port: 0, webDir: '', replay: file, replaySpeed: 20, replayLoop: false }), fast);
    try {
      expect((await get<StatusResponse>(s, '/api/status')).body.mode).toBe('replay');
      await until('the replay to end', async () => (await get<ReplayStatus>(s, '/api/replay')).body.ended, 20_000);
      await until('every replayed flow to arrive', () => s.services.relay.streamState.flowsReceived >= recorded, 5_000);
      expect(s.services.relay.streamState.flowsReceived).toBe(recorded);
      const replayed = (await get<ServiceMapSnapshot>(s, '/api/map')).body;
      expect(essence(replayed)).toEqual(essence(live.snapshot()));
      const dropped = replayed.edges.filter((e) => e.verdicts.dropped > 0);
      expect(dropped.length).toBeGreaterThan(0);
      // The agent API of the replay serves what was recorded.
      const services = (await get<ServicesResponse>(s, '/api/services')).body;
      expect(services.services.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it('controls the timeline: pause, speed, seek within the recording, loop; rejects nonsense', async () => {
    const s = await startStarmap(parseConfig({ port: 0, webDir: '', replay: file, replaySpeed: 1 }), fast);
    try {
      const post = (body: unknown) =>
        get<ReplayStatus & { message?: string }>(s, '/api/replay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const paused = await post({ action: 'pause' });
      expect(paused.body.playing).toBe(false);
      const middle = Math.round((paused.body.start + paused.body.end) / 2);
      const seeked = await post({ action: 'seek', time: middle });
      expect(Math.abs(seeked.body.recordedTime - middle)).toBeLessThan(50);
      expect((await post({ action: 'speed', speed: 4 })).body.speed).toBe(4);
      expect((await post({ action: 'loop', loop: false })).body.loop).toBe(false);
      const played = await post({ action: 'play' });
      expect(played.body.playing).toBe(true);
      expect((await post({ action: 'speed', speed: 50 })).status).toBe(400);
      expect((await post({ action: 'seek', time: paused.body.end + 60_000 })).status).toBe(400);
      expect((await post({ action: 'rewind' })).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('replays a file written by `hubble observe -o jsonpb` (no snapshots), skipping a corrupt line', async () => {
    const { readFileSync } = await import('node:fs');
    const real = readFileSync(new URL('../../../../shared/real-data/hubble-flows/basic-sample-400-tcp-flows.jsonl', import.meta.url), 'utf8').trim().split('\n');
    const plain = join(dir, 'hubble.jsonl');
    writeFileSync(plain, [...real.slice(0, 200), '{"flow": garbage', ...real.slice(200)].join('\n') + '\n');
    const s = await startStarmap(parseConfig({ port: 0, webDir: '', replay: plain, replaySpeed: 20, replayLoop: false }), fast);
    try {
      const status = (await get<StatusResponse>(s, '/api/status')).body;
      expect(status.replay?.badLines).toBe(1);
      // No agent snapshots in the file: no agent is shown, rather than the demo scenario's.
      expect(status.agent.phase).toBe('disabled');
      await until('the replay to end', async () => (await get<ReplayStatus>(s, '/api/replay')).body.ended, 30_000);
      await until('all 400 flows', () => s.services.relay.streamState.flowsReceived >= 400, 5_000);
      const map = (await get<ServiceMapSnapshot>(s, '/api/map')).body;
      expect(map.nodes.some((n) => n.namespace === 'bookinfo')).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('refuses to replay a file that is not there, or empty, with a clear message', async () => {
    await expect(startStarmap(parseConfig({ port: 0, webDir: '', replay: join(dir, 'missing.jsonl') }), fast)).rejects.toThrow(/missing\.jsonl/);
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    await expect(startStarmap(parseConfig({ port: 0, webDir: '', replay: empty }), fast)).rejects.toThrow(/empty recording/);
  });
});

describe('recording from the browser', () => {
  it('starts, reports progress, stops and downloads a readable recording; bounds concurrent recordings', async () => {
    const s = await startStarmap(parseConfig({ port: 0, webDir: '', demoRate: 300 }), fast);
    try {
      const post = (path: string, body?: unknown) =>
        fetch(`${s.url}${path}`, { method: 'POST', headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
      const started = await post('/api/recordings', { filter: '--namespace cilium-test' });
      expect(started.status).toBe(201);
      const { id } = (await started.json()) as { id: string };
      await until('flows being recorded', async () => ((await (await fetch(`${s.url}/api/recordings/${id}`)).json()) as { flows: number }).flows > 10, 10_000);
      const extra = [await post('/api/recordings', {}), await post('/api/recordings', {})];
      expect(extra.map((r) => r.status)).toEqual([201, 201]);
      const refused = await post('/api/recordings', {});
      expect(refused.status).toBe(429);
      const stopped = (await (await post(`/api/recordings/${id}/stop`)).json()) as { state: string; flows: number };
      expect(stopped.state).toBe('stopped');
      const download = await fetch(`${s.url}/api/recordings/${id}/download`);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="starmap-.*\.jsonl\.gz"/);
      const bytes = new Uint8Array(await download.arrayBuffer());
      const { records, reader } = await readRecording(bytes);
      expect(reader.stats.bad).toEqual([]);
      const flows = records.filter((r) => r.kind === 'flow');
      expect(flows.length).toBe(stopped.flows);
      for (const r of flows) {
        const f = (r as { response: { flow: { source?: { namespace?: string }; destination?: { namespace?: string } } } }).response.flow;
        expect([f.source?.namespace, f.destination?.namespace]).toContain('cilium-test');
      }
      expect(records.some((r) => r.kind === 'snapshot')).toBe(true);
      expect((await fetch(`${s.url}/api/recordings/not-an-id`)).status).toBe(400);
      expect((await post('/api/recordings', { filter: '--verdict NEVER' })).status).toBe(400);
    } finally {
      await s.close();
    }
  });
});

async function collect(file: string) {
  const { records, reader } = await readRecording(file);
  return { records, stats: reader.stats };
}
