// A stand-in relay that streams pre-encoded GetFlowsResponse frames as fast as the client reads
// them (or at a fixed rate): the reference every ingest figure is compared with.
// Run as a child process: node blast-server.mjs <port> [flowsPerSecond] [--stamp]
//
// It speaks gRPC over node:http2 directly rather than through a grpc-js server, because it
// writes pre-framed messages many at a time (one HTTP/2 write per ~64 KiB instead of one per
// flow): on a 2-core machine the stand-in relay must cost little, or it measures itself.
// Clients are the real ones (grpc-js), so the wire format is checked by every run.
//
// - GetFlows whitelists/blacklists are honoured (namespace `ns/` pod prefixes, node_name, …):
//   the filters are compiled once per stream and the verdict is cached per pre-encoded frame.
// - At a fixed rate, every stream sees the same emission sequence (a relay emits each flow once,
//   and each stream gets the ones its filters accept). With --stamp, each emitted frame carries
//   its emission time in flow.time and a unique uuid, so a client can measure relay-to-receipt
//   latency. A stream more than one second of flows behind drops what it cannot take (as the
//   relay does with a slow client) and counts them as lost.
// - IPC: {type:'rate', rate} changes the fixed rate; {type:'stats'} answers with counters and
//   CPU; {type:'stop'} exits.
import http2 from 'node:http2';
import { observer } from '../../packages/proto/dist/index.js';
import { compileFlowFilters } from '../../packages/core/dist/index.js';
import { encodedFlows, stampableFlows, stampFrame } from './flows.mjs';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const port = Number(positional[0] ?? 0);
let rate = Number(positional[1] ?? 0);
const stamp = args.includes('--stamp');

const GRPC_OK = '0';
const GRPC_INVALID_ARGUMENT = '3';
const GRPC_UNIMPLEMENTED = '12';
const CHUNK_BYTES = 64 * 1024;

/** A gRPC length-prefixed message: 0 (not compressed), 4-byte big-endian length, bytes. */
function framed(message) {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

// More distinct flows than the server remembers ids of (it skips repeats after a reconnect).
const DISTINCT = Number(process.env.BENCH_DISTINCT_FLOWS ?? 30_000);
const frames = encodedFlows(DISTINCT);
const framedFrames = frames.map(framed);
const averageFrameBytes = framedFrames.reduce((n, f) => n + f.length, 0) / framedFrames.length;
const stampParts = stamp ? stampableFlows(DISTINCT) : null;
let decoded = null; // decoded lazily, for filter verdicts

const streams = new Set();
let emitted = 0; // flows the "relay" emitted at the fixed rate (before any filter)
let written = 0; // frames written to all streams
let lost = 0; // frames dropped because a stream was too far behind

/** Per-frame verdicts of one request's filters; null when the request filters nothing. */
function verdicts(request) {
  const whitelist = request.whitelist ?? [];
  const blacklist = request.blacklist ?? [];
  if (whitelist.length === 0 && blacklist.length === 0) return null;
  const matches = compileFlowFilters(whitelist, blacklist);
  decoded ??= frames.map((f) => observer.GetFlowsResponse.decode(f).flow);
  const accept = new Uint8Array(frames.length);
  for (let i = 0; i < decoded.length; i++) accept[i] = matches(decoded[i]) ? 1 : 0;
  return accept;
}

function endWithStatus(stream, code, message = '') {
  if (stream.destroyed || stream.closed) return;
  const trailers = { 'grpc-status': code, ...(message ? { 'grpc-message': encodeURIComponent(message) } : {}) };
  if (!stream.headersSent) stream.respond({ ':status': 200, 'content-type': 'application/grpc', ...trailers }, { endStream: true });
  else stream.end();
}

/** Reads the one request message of a unary or server-streaming call. */
function readRequest(stream, type, onRequest) {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  stream.on('end', () => {
    const body = Buffer.concat(chunks);
    let request;
    try {
      if (body.length < 5 || body[0] !== 0) throw new Error('expected one uncompressed message');
      request = type.decode(body.subarray(5, 5 + body.readUInt32BE(1)));
    } catch (err) {
      return endWithStatus(stream, GRPC_INVALID_ARGUMENT, String(err.message ?? err));
    }
    onRequest(request);
  });
}

function unary(stream, type, response) {
  readRequest(stream, type, () => {
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': GRPC_OK }));
    stream.end(framed(response));
  });
}

function getFlows(stream) {
  readRequest(stream, observer.GetFlowsRequest, (request) => {
    let accept;
    try {
      accept = verdicts(request);
    } catch (err) {
      return endWithStatus(stream, GRPC_INVALID_ARGUMENT, String(err.message ?? err));
    }
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' });
    const s = { stream, accept, pending: [], pendingBytes: 0 };
    stream.on('close', () => streams.delete(s));
    stream.on('error', () => streams.delete(s));
    if (rate > 0) return void streams.add(s);
    if (accept && !accept.includes(1)) return; // nothing matches: an idle stream
    let i = 0;
    const pump = () => {
      while (!stream.destroyed) {
        const batch = [];
        let bytes = 0;
        while (bytes < CHUNK_BYTES) {
          const k = i++ % frames.length;
          if (accept && !accept[k]) continue;
          batch.push(framedFrames[k]);
          bytes += framedFrames[k].length;
        }
        written += batch.length;
        if (!stream.write(Buffer.concat(batch, bytes))) return void stream.once('drain', pump);
      }
    };
    pump();
  });
}

// The fixed-rate clock: one emission sequence shared by every stream, in 10 ms ticks, each
// stream's share of a tick written at once.
let clockStart = performance.now();
let emittedAtStart = 0;
setInterval(() => {
  if (rate <= 0) return;
  const due = emittedAtStart + Math.floor(((performance.now() - clockStart) * rate) / 1000);
  const now = Date.now();
  const backlogLimit = rate * averageFrameBytes; // about one second of flows
  for (; emitted < due; emitted++) {
    const k = emitted % frames.length;
    let frame = null;
    for (const s of streams) {
      if (s.accept && !s.accept[k]) continue;
      if (s.stream.writableLength > backlogLimit) {
        lost++;
        continue;
      }
      frame ??= stamp ? framed(stampFrame(stampParts[k], now, emitted)) : framedFrames[k];
      s.pending.push(frame);
      s.pendingBytes += frame.length;
    }
  }
  for (const s of streams) {
    if (s.pending.length === 0 || s.stream.destroyed) continue;
    written += s.pending.length;
    s.stream.write(Buffer.concat(s.pending, s.pendingBytes));
    s.pending = [];
    s.pendingBytes = 0;
  }
}, 10);

process.on('message', (m) => {
  if (m?.type === 'rate') {
    rate = Number(m.rate);
    clockStart = performance.now();
    emittedAtStart = emitted;
  } else if (m?.type === 'stop') {
    process.exit(0);
  } else if (m?.type === 'stats') {
    process.send({ type: 'stats', emitted, written, lost, streams: streams.size, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  }
});
process.on('disconnect', () => process.exit(0));

const empty = Buffer.alloc(0);
// Node refuses new streams (ENHANCE_YOUR_CALM, which clients see as RESOURCE_EXHAUSTED) once a
// session holds more than 10 MB; the per-stream backlog limit above is what bounds memory here.
const server = http2.createServer({ maxSessionMemory: 4096 });
server.on('sessionError', () => {});
server.on('stream', (stream, headers) => {
  stream.on('error', () => {});
  switch (headers[':path']) {
    case '/observer.Observer/GetFlows':
      return getFlows(stream);
    case '/observer.Observer/GetNodes':
      return unary(stream, observer.GetNodesRequest, empty);
    case '/observer.Observer/ServerStatus':
      return unary(stream, observer.ServerStatusRequest, empty);
    case '/observer.Observer/GetNamespaces':
      return unary(stream, observer.GetNamespacesRequest, empty);
    default:
      return endWithStatus(stream, GRPC_UNIMPLEMENTED, `${headers[':path']} is not served by the stand-in relay`);
  }
});
server.listen(port, '127.0.0.1', () => process.send?.({ port: server.address().port }));
