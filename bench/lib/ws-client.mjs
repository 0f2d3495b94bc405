// A benchmark browser: one WebSocket to /api/stream with one flow subscription. It counts the
// flows it receives and their latency (receipt time − flow time) without parsing whole batches:
// every flow of a batch carries a top-level `"ts":<ms>` (a quote inside a JSON string is always
// escaped, so the pattern cannot come from a string value). The first batches are also parsed
// in full to check that the scan counts what JSON.parse sees.
import WebSocket from 'ws';
import { LatencyHistogram } from './stats.mjs';

const FLOWS_PREFIX = Buffer.from('{"type":"flows"');
const TS_KEY = Buffer.from('"ts":');
const MISSED_KEY = Buffer.from('"missed":');
const CHECKED_BATCHES = 5;

function readInt(buf, pos) {
  let n = 0;
  for (let c = buf[pos]; c >= 0x30 && c <= 0x39; c = buf[++pos]) n = n * 10 + (c - 0x30);
  return n;
}

export class BenchClient {
  constructor(url, namespaces, { mapSubscribe = false } = {}) {
    this.namespaces = namespaces;
    this.mapSubscribe = mapSubscribe;
    this.url = `${url.replace(/^http/, 'ws')}/api/stream`;
    this.checked = 0;
    this.errors = [];
    this.reset();
  }

  /** Starts a new measurement window. */
  reset() {
    this.flows = 0;
    this.missed = 0;
    this.batches = 0;
    this.bytes = 0;
    this.latency = new LatencyHistogram();
    this.since = performance.now();
  }

  async connect() {
    this.ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on('error', (err) => this.errors.push(String(err.message ?? err)));
    await new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.ws.send(JSON.stringify({ type: 'subscribe', id: 1, namespaces: this.namespaces }));
    if (this.mapSubscribe) this.ws.send(JSON.stringify({ type: 'map-subscribe', id: 2, namespaces: this.namespaces }));
  }

  onMessage(data, isBinary) {
    if (isBinary || !Buffer.isBuffer(data)) return;
    const now = Date.now();
    this.bytes += data.length;
    if (data.compare(FLOWS_PREFIX, 0, FLOWS_PREFIX.length, 0, FLOWS_PREFIX.length) !== 0) {
      if (data.includes('"type":"error"')) this.errors.push(data.toString());
      return;
    }
    let count = 0;
    for (let pos = data.indexOf(TS_KEY); pos !== -1; pos = data.indexOf(TS_KEY, pos + TS_KEY.length)) {
      this.latency.add(now - readInt(data, pos + TS_KEY.length));
      count++;
    }
    const missedAt = data.lastIndexOf(MISSED_KEY);
    const missed = missedAt === -1 ? 0 : readInt(data, missedAt + MISSED_KEY.length);
    if (this.checked < CHECKED_BATCHES) {
      this.checked++;
      const batch = JSON.parse(data.toString());
      if (batch.flows.length !== count || batch.missed !== missed || (count > 0 && !batch.flows.every((f) => typeof f.ts === 'number'))) {
        throw new Error(`ws-client: scanned ${count} flows/${missed} missed, JSON.parse saw ${batch.flows.length}/${batch.missed}`);
      }
    }
    this.flows += count;
    this.missed += missed;
    this.batches++;
  }

  /** Stops reading: the socket is paused, so the server's writes back up (a stalled tab). */
  pause() {
    this.ws.pause();
  }

  window() {
    const seconds = (performance.now() - this.since) / 1000;
    return {
      namespaces: this.namespaces,
      flowsPerSecond: this.flows / seconds,
      missedPerSecond: this.missed / seconds,
      p50: this.latency.quantile(0.5),
      p99: this.latency.quantile(0.99),
      latency: this.latency,
    };
  }

  close() {
    this.ws?.terminate();
  }
}
