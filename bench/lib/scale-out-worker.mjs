// One ingest shard of the scale-out prototype (bench/scale-out.mjs), in a worker thread: its own
// GetFlows stream limited to some nodes (FlowFilter.node_name, applied by the relay), decoded,
// normalized and folded into its own service map. Every second it posts the map's snapshot to
// the main thread; its flow count is published continuously through a shared array.
import { parentPort, workerData } from 'node:worker_threads';
import * as grpc from '@grpc/grpc-js';
import { observerService } from '../../packages/proto/dist/index.js';
import { normalizeFlow, ServiceMapAggregator } from '../../packages/core/dist/index.js';

const { address, nodes, index, counters, snapshotIntervalMs } = workerData;
const published = new Float64Array(counters);

const Client = grpc.makeGenericClientConstructor(observerService, 'Observer');
const client = new Client(address, grpc.credentials.createInsecure());
const aggregator = new ServiceMapAggregator();
let flows = 0;

const call = client.GetFlows({ follow: true, whitelist: nodes ? [{ node_name: nodes }] : [] });
call.on('data', (response) => {
  if (!response.flow) return;
  aggregator.fold(normalizeFlow(response.flow));
  flows++;
});
call.on('error', (err) => {
  if (err.code !== grpc.status.CANCELLED) parentPort.postMessage({ type: 'error', message: err.message });
});

const publish = setInterval(() => {
  published[index] = flows;
}, 50);
const snapshots = setInterval(() => {
  aggregator.advance(Date.now());
  const start = performance.now();
  const snapshot = aggregator.snapshot();
  parentPort.postMessage({ type: 'snapshot', index, flows, snapshot, snapshotMs: performance.now() - start });
}, snapshotIntervalMs);

parentPort.on('message', (m) => {
  if (m?.type !== 'stop') return;
  clearInterval(publish);
  clearInterval(snapshots);
  call.cancel();
  client.close();
  parentPort.close();
});
