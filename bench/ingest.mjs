// Ingest throughput: flows/s the server takes from one real GetFlows stream (normalize, ring,
// service map, drop counters, subscribers) against a bare grpc-js client that only decodes.
// Median of 3 short runs each, interleaved (raw, server, raw, …) so that a burst of load from
// elsewhere on the machine does not land on one side only.
// Usage: node bench/ingest.mjs (prints JSON)
import * as grpc from '@grpc/grpc-js';
import { observerService } from '../packages/proto/dist/index.js';
import { RelaySource } from '../apps/server/dist/sources/relay-source.js';
import { MapHub } from '../apps/server/dist/hub/map-hub.js';
import { flowQuery } from '../apps/server/dist/sources/flow-query.js';
import { startBlastServer } from './lib/children.mjs';
import { median, sleep } from './lib/stats.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function measure(read) {
  await sleep(1_000); // warm-up
  const before = read();
  const t0 = process.hrtime.bigint();
  await sleep(SECONDS * 1_000);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  return (read() - before) / elapsed;
}

export async function rawReceive(address) {
  const Client = grpc.makeGenericClientConstructor(observerService, 'Observer');
  const client = new Client(address, grpc.credentials.createInsecure());
  let n = 0;
  const call = client.GetFlows({ follow: true });
  call.on('data', () => n++);
  call.on('error', () => {});
  const rate = await measure(() => n);
  call.cancel();
  client.close();
  return rate;
}

export async function serverIngest(address) {
  const relay = new RelaySource({ target: { address }, ringCapacity: 20_000, pollIntervalMs: 60_000 });
  const maps = new MapHub(relay, 1_000);
  let delivered = 0;
  relay.subscribe(() => delivered++);
  maps.start();
  // A watcher on the default map, as a browser on the map view.
  const stopWatching = maps.subscribe(flowQuery(undefined), 300_000, () => {});
  relay.start();
  const rate = await measure(() => relay.streamState.flowsReceived);
  stopWatching();
  maps.stop();
  relay.stop();
  if (delivered === 0) throw new Error('no flow reached a subscriber');
  return rate;
}

export async function ingest() {
  const server = await startBlastServer();
  try {
    const raw = [];
    const pipeline = [];
    for (let i = 0; i < ROUNDS; i++) {
      raw.push(await rawReceive(server.address));
      pipeline.push(await serverIngest(server.address));
    }
    return { raw: median(raw), ingest: median(pipeline), rawRuns: raw, ingestRuns: pipeline, seconds: SECONDS };
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await ingest()));
  process.exit(0);
}
