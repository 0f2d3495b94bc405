// A stand-in relay that streams pre-encoded GetFlowsResponse frames as fast as the client reads
// them (or at a fixed rate): the reference every ingest figure is compared with.
// Run as a child process: node blast-server.mjs <port> [flowsPerSecond]
import * as grpc from '@grpc/grpc-js';
import { observerService } from '../../packages/proto/dist/index.js';
import { encodedFlows } from './flows.mjs';

const port = Number(process.argv[2] ?? 0);
const rate = Number(process.argv[3] ?? 0);
// More distinct flows than the server remembers ids of (it skips repeats after a reconnect).
const frames = encodedFlows(Number(process.env.BENCH_DISTINCT_FLOWS ?? 30_000));
const passthrough = { ...observerService.GetFlows, responseSerialize: (b) => b };

function stream(call) {
  let i = 0;
  let stopped = false;
  call.on('cancelled', () => (stopped = true));
  call.on('error', () => (stopped = true));
  if (rate > 0) {
    // Fixed rate in 10 ms ticks.
    const perTick = rate / 100;
    let owed = 0;
    const timer = setInterval(() => {
      if (stopped) return clearInterval(timer);
      owed += perTick;
      while (owed >= 1) {
        owed--;
        call.write(frames[i++ % frames.length]);
      }
    }, 10);
    return;
  }
  const pump = () => {
    while (!stopped) {
      if (!call.write(frames[i++ % frames.length])) return call.once('drain', pump);
    }
  };
  pump();
}

const server = new grpc.Server();
server.addService({ GetFlows: passthrough }, { GetFlows: stream });
server.addService(
  { GetNodes: observerService.GetNodes, ServerStatus: observerService.ServerStatus, GetNamespaces: observerService.GetNamespaces },
  {
    GetNodes: (_c, cb) => cb(null, { nodes: [] }),
    ServerStatus: (_c, cb) => cb(null, { num_flows: 0 }),
    GetNamespaces: (_c, cb) => cb(null, { namespaces: [] }),
  },
);
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
  if (err) throw err;
  process.send?.({ port: bound });
});
