// Realistic pre-encoded flows for benchmarks: the demo scenario's generator, stamped now.
import { createScenario, FlowGenerator, stampFlow } from '../../packages/sim/dist/index.js';
import { observer } from '../../packages/proto/dist/index.js';

export function encodedFlows(count = 2_000, seed = 1) {
  const generator = new FlowGenerator(createScenario(seed));
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const frames = [];
  for (let i = 0; i < count; i++) {
    const flow = stampFlow(generator.next(), nowNs + BigInt(i) * 1000n);
    frames.push(Buffer.from(observer.GetFlowsResponse.encode({ flow, node_name: flow.node_name, time: flow.time }).finish()));
  }
  return frames;
}
