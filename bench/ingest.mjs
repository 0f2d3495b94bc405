// Ingest throughput: flows/s the server takes from one real GetFlows stream (normalize, ring,
// service map, drop counters, subscribers) against a bare grpc-js client that only decodes.
import { fork } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { observerService } from '../packages/proto/dist/index.js';
import { RelaySource } from '../apps/server/dist/sources/relay-source.js';
import { MapHub } from '../apps/server/dist/hub/map-hub.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function blastServer(rate = 0) {
  const child = fork(new URL('./lib/blast-server.mjs', import.meta.url), ['0', String(rate)], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', (m) => resolve(m.port)));
  return { address: `127.0.0.1:${port}`, stop: () => child.kill() };
}

async function measure(start, read) {
  await new Promise((r) => setTimeout(r, 1_000)); // warm-up
  const before = read();
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, SECONDS * 1_000));
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  return (read() - before) / elapsed;
}

export async function rawReceive() {
  const server = await blastServer();
  const Client = grpc.makeGenericClientConstructor(observerService, 'Observer');
  const client = new Client(server.address, grpc.credentials.createInsecure());
  let n = 0;
  const call = client.GetFlows({ follow: true });
  call.on('data', () => n++);
  call.on('error', () => {});
  const rate = await measure(null, () => n);
  call.cancel();
  client.close();
  server.stop();
  return rate;
}

export async function serverIngest() {
  const server = await blastServer();
  const relay = new RelaySource({ target: { address: server.address }, ringCapacity: 20_000, pollIntervalMs: 60_000 });
  const maps = new MapHub(relay, 1_000);
  let delivered = 0;
  relay.subscribe(() => delivered++);
  maps.start();
  // A watcher on the default map, as a browser on the map view.
  const stopWatching = maps.subscribe([], 300_000, () => {});
  relay.start();
  const rate = await measure(null, () => relay.streamState.flowsReceived);
  stopWatching();
  maps.stop();
  relay.stop();
  server.stop();
  if (delivered === 0) throw new Error('no flow reached a subscriber');
  return rate;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const raw = await rawReceive();
  const ingest = await serverIngest();
  console.log(JSON.stringify({ raw, ingest }));
}
