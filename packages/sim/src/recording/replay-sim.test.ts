// A simulator fed by a recording serves the recorded flows over real gRPC (GetFlows follow) and
// the recorded agent snapshots over the real agent API.
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { decodeRecordingLine } from '@starmap/core';
import { flowToJson, ObserverClient, type flow } from '@starmap/proto';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../index.js';
import { timeNsOf } from '../observer/store.js';
import { RecordingFeed, RecordingWriter } from './index.js';
import { realFlowFiles, tempDir } from './test-support.js';

const tmp = tempDir();
const sims: Simulator[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
  tmp.remove();
});

const realFile = realFlowFiles().find((f) => f.endsWith('basic-sample-400-tcp-flows.jsonl')) as string;
const recordedFlows = readFileSync(realFile, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => {
    const d = decodeRecordingLine(l);
    if (d.kind !== 'flow') throw new Error('fixture line is not a flow');
    return d.response.flow as flow.Flow.$Properties;
  });

/** A flow's proto JSON without its time (replay re-stamps it). */
function withoutTime(f: flow.Flow.$Properties): Record<string, unknown> {
  const { time: _time, ...rest } = flowToJson(f) as Record<string, unknown>;
  return rest;
}

type Res = { flow?: flow.Flow.$Properties | null; node_status?: unknown; node_name?: string };

describe('replay through the simulator', () => {
  it('serves a recording of real flows over GetFlows follow, in recorded order, stamped now', async () => {
    const feed = await RecordingFeed.load(realFile, { autoplay: false, speed: 20 });
    const sim = await startSimulator({ replay: feed });
    sims.push(sim);
    expect(sim.replay).toBe(feed);
    const client = new ObserverClient(sim.relayAddress, grpc.credentials.createInsecure());
    const received: Res[] = [];
    const startedNs = BigInt(Date.now()) * 1_000_000n;
    const done = new Promise<void>((resolve, reject) => {
      const call = client.GetFlows({ follow: true }) as unknown as grpc.ClientReadableStream<Res>;
      call.on('data', (m: Res) => {
        if (m.node_status) {
          // Subscribed: start the tape.
          feed.play();
          return;
        }
        received.push(m);
        if (received.length === recordedFlows.length) {
          call.cancel();
          resolve();
        }
      });
      call.on('error', (err: grpc.ServiceError) => {
        if (err.code !== grpc.status.CANCELLED) reject(err);
      });
    });
    await done;
    client.close();

    expect(received.map((m) => withoutTime(m.flow as flow.Flow.$Properties))).toEqual(recordedFlows.map(withoutTime));
    expect(received.map((m) => m.node_name)).toEqual(recordedFlows.map((f) => f.node_name));
    const stamps = received.map((m) => timeNsOf(m.flow as flow.Flow.$Properties));
    expect(stamps[0]).toBeGreaterThanOrEqual(startedNs);
    expect(stamps.every((t, i) => i === 0 || t >= (stamps[i - 1] as bigint))).toBe(true);
    // 3.9 recorded seconds at 20x: about 0.19 s between first and last stamp.
    const spanMs = Number((stamps.at(-1) as bigint) - (stamps[0] as bigint)) / 1e6;
    expect(spanMs).toBeGreaterThan(150);
    expect(spanMs).toBeLessThan(250);
    expect(feed.position()).toMatchObject({ ended: true, emitted: 400 });
  });

  it('serves recorded agent snapshots at the playback position, the scenario where it has none, and says which', async () => {
    const file = tmp.file('with-snapshots.jsonl.gz');
    const writer = await RecordingWriter.create(file);
    const healthzEarly = { cilium: { state: 'Ok', msg: 'early' } };
    const healthzLate = { cilium: { state: 'Warning', msg: 'late' } };
    const services = [{ spec: { id: 7, 'frontend-address': { ip: '10.96.0.10', port: 53, protocol: 'UDP' } } }];
    const startMs = Date.parse('2021-11-10T10:40:56.4Z');
    writer.writeSnapshot('healthz', healthzEarly, { node: 'gke-node', timeMs: startMs });
    writer.writeSnapshot('services', services, { node: 'gke-node', timeMs: startMs });
    for (const f of recordedFlows) writer.writeResponse({ flow: f, node_name: f.node_name ?? '', time: f.time ?? null });
    writer.writeSnapshot('healthz', healthzLate, { node: 'gke-node', timeMs: startMs + 2000 });
    await writer.close();

    const feed = await RecordingFeed.load(file, { autoplay: false });
    const sim = await startSimulator({ replay: feed });
    sims.push(sim);
    const get = async (path: string) => (await fetch(`${sim.agentHttpUrl}/v1${path}`)).json();
    expect(await get('/healthz')).toEqual(healthzEarly);
    expect(await get('/service')).toEqual(services);
    const config = (await get('/config')) as { spec?: unknown; status?: unknown };
    expect(config.status).toBeDefined(); // the scenario's DaemonConfiguration
    expect(sim.agent.payloadSources()).toEqual({ '/healthz': 'recording', '/config': 'scenario', '/service': 'recording', '/cluster/nodes': 'scenario' });

    feed.seek(startMs + 2500);
    expect(await get('/healthz')).toEqual(healthzLate);
  });

  it('keeps the scenario payloads for a plain simulator', async () => {
    const sim = await startSimulator({ flowsPerSecond: 0, backfillSeconds: 0 });
    sims.push(sim);
    expect(sim.replay).toBeNull();
    expect(Object.values(sim.agent.payloadSources())).toEqual(['scenario', 'scenario', 'scenario', 'scenario']);
    const feed = await RecordingFeed.load(realFile, { autoplay: false });
    await expect(startSimulator({ replay: feed, feed })).rejects.toThrow('pass either feed or replay, not both');
  });
});
