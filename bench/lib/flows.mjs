// Realistic pre-encoded flows for benchmarks: the demo scenario's generator, stamped now.
import { createScenario, FlowGenerator, stampFlow } from '../../packages/sim/dist/index.js';
import { flow as flowPb, observer } from '../../packages/proto/dist/index.js';

/** Flows of the demo scenario, in order (seeded, so every process gets the same list). */
export function scenarioFlows(count = 2_000, seed = 1) {
  const generator = new FlowGenerator(createScenario(seed));
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const flows = [];
  for (let i = 0; i < count; i++) flows.push(stampFlow(generator.next(), nowNs + BigInt(i) * 1000n));
  return flows;
}

export function encodedFlows(count = 2_000, seed = 1) {
  return scenarioFlows(count, seed).map((flow) =>
    Buffer.from(observer.GetFlowsResponse.encode({ flow, node_name: flow.node_name, time: flow.time }).finish()),
  );
}

// Wire-format pieces for frames re-stamped on every emission (latency is measured from the
// relay's emission time). Field order does not matter to a protobuf decoder, so the stamp goes
// in front of the rest of the Flow, which is encoded once.
const FLOW_TIME_TAG = 0x0a; // Flow.time = 1, length-delimited
const FLOW_UUID_TAG = [0x92, 0x02]; // Flow.uuid = 34
const RESPONSE_FLOW_TAG = 0x0a; // GetFlowsResponse.flow = 1
const RESPONSE_TIME_TAG = [0xca, 0x3e]; // GetFlowsResponse.time = 1001

function varintLength(n) {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function writeVarint(buf, pos, n) {
  while (n >= 0x80) {
    buf[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}

/** A flow split into the bytes that never change and the bytes stamped per emission. */
export function stampableFlows(count = 30_000, seed = 1) {
  return scenarioFlows(count, seed).map((flow) => {
    const rest = Buffer.from(flowPb.Flow.encode({ ...flow, time: null, uuid: '' }).finish());
    const tail = Buffer.from(observer.GetFlowsResponse.encode({ node_name: flow.node_name }).finish());
    return { rest, tail };
  });
}

/** One GetFlowsResponse for `parts` emitted at `ms` (epoch milliseconds) as flow number `seq`. */
export function stampFrame(parts, ms, seq) {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  const tsLen = 1 + varintLength(seconds) + (nanos ? 1 + varintLength(nanos) : 0);
  const uuid = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`; // ASCII, 36 bytes
  const flowLen = 1 + varintLength(tsLen) + tsLen + 2 + 1 + uuid.length + parts.rest.length;
  const size = 1 + varintLength(flowLen) + flowLen + parts.tail.length + 2 + varintLength(tsLen) + tsLen;
  const buf = Buffer.allocUnsafe(size);
  let p = 0;
  const timestamp = () => {
    p = writeVarint(buf, p, tsLen);
    buf[p++] = 0x08;
    p = writeVarint(buf, p, seconds);
    if (nanos) {
      buf[p++] = 0x10;
      p = writeVarint(buf, p, nanos);
    }
  };
  buf[p++] = RESPONSE_FLOW_TAG;
  p = writeVarint(buf, p, flowLen);
  buf[p++] = FLOW_TIME_TAG;
  timestamp();
  buf[p++] = FLOW_UUID_TAG[0];
  buf[p++] = FLOW_UUID_TAG[1];
  buf[p++] = uuid.length;
  p += buf.write(uuid, p, 'latin1');
  p += parts.rest.copy(buf, p);
  p += parts.tail.copy(buf, p);
  buf[p++] = RESPONSE_TIME_TAG[0];
  buf[p++] = RESPONSE_TIME_TAG[1];
  timestamp();
  if (p !== size) throw new Error(`stampFrame: wrote ${p} bytes, expected ${size}`);
  return buf;
}
