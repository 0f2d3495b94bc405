import { describe, expect, it } from 'vitest';
import { flow, flowFromJson, flowToJson, getFlowsResponseFromJson, getFlowsResponseToJson } from '@starmap/proto';
import { createScenario } from './scenario/build.js';
import { FlowGenerator, stampFlow } from './flows/generator.js';
import { profileNames } from './profiles.js';

describe('generated flows on the wire', () => {
  for (const profile of profileNames()) {
    it(`survive proto JSON and binary round trips losslessly (${profile})`, () => {
      const flows = new FlowGenerator(createScenario(21, { profile })).take(1500);
      let t = 1_760_000_000_000_000_000n;
      for (const f of flows) {
        stampFlow(f, (t += 1_234_567n));
        const json = flowToJson(f);
        expect(flowToJson(flowFromJson(json))).toEqual(json);
        expect(flowToJson(flow.Flow.decode(flow.Flow.encode(f).finish()))).toEqual(json);
        // Wrapped as relay sends it, as `hubble observe -o jsonpb` prints it.
        const res = getFlowsResponseToJson({ flow: f, node_name: f.node_name ?? '', time: f.time ?? null });
        expect(res.node_name).toBe(json.node_name);
        expect(getFlowsResponseToJson(getFlowsResponseFromJson(JSON.parse(JSON.stringify(res))))).toEqual(res);
      }
    });
  }

  it('prints enums by name and times in RFC 3339 like hubble observe -o jsonpb', () => {
    const f = new FlowGenerator(createScenario(3)).take(400).find((x) => x.event_type?.type === 1);
    expect(f).toBeDefined();
    const json = flowToJson(stampFlow(f!, 1_700_000_000_123_456_789n)) as Record<string, unknown>;
    expect(json.time).toBe('2023-11-14T22:13:20.123456789Z');
    expect(json.verdict).toBe('DROPPED');
    expect(json.Type).toBe('L3_L4');
    expect(typeof json.drop_reason_desc).toBe('string');
    expect(json.is_reply).toBe(false);
  });
});
