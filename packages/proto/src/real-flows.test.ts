import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { flow, getFlowsResponseFromJson, getFlowsResponseToJson, observer, relay } from './index.js';
import { readJsonlLines } from './test-support/real-data.js';

type Json = Record<string, any>;

const lines = readJsonlLines('hubble-flows', 'hubble-flows-modern');

/** jsonpb -> message -> wire bytes -> decoded message -> jsonpb. */
function roundTrip(original: unknown): { decoded: observer.GetFlowsResponse; json: Json } {
  const message = getFlowsResponseFromJson(original, { ignoreUnknownFields: false });
  const bytes = observer.GetFlowsResponse.encode(message).finish();
  const decoded = observer.GetFlowsResponse.decode(bytes);
  return { decoded, json: getFlowsResponseToJson(decoded) };
}

describe('real Hubble flows survive jsonpb -> binary -> jsonpb', () => {
  it('round-trips every line of every real .jsonl file without loss', () => {
    const mismatches: string[] = [];
    for (const { file, line, text } of lines) {
      const original = JSON.parse(text);
      const { json } = roundTrip(original);
      if (!isDeepStrictEqual(json, original)) mismatches.push(`${file}:${line}`);
    }
    expect(mismatches).toEqual([]);
    expect(lines.length).toBeGreaterThan(1400);
  });

  it('keeps the modern fields and their wire values', () => {
    const parsed = lines.map((l) => JSON.parse(l.text) as Json);
    const find = (pred: (f: Json) => boolean): Json => {
      const hit = parsed.find((r) => r['flow'] && pred(r['flow']));
      if (!hit) throw new Error('fixture line not found');
      return hit;
    };

    const established = roundTrip(find((f) => f['trace_reason'] === 'ESTABLISHED'));
    expect(established.decoded.flow?.trace_reason).toBe(flow.TraceReason.ESTABLISHED);
    expect(established.json['flow']['trace_reason']).toBe('ESTABLISHED');

    const withWorkloads = roundTrip(find((f) => Array.isArray(f['destination']?.['workloads'])));
    expect(withWorkloads.decoded.flow?.destination?.workloads?.[0]).toMatchObject({ name: 'csi-cbs-controller', kind: 'Deployment' });
    expect(withWorkloads.decoded.flow?.emitter?.name).toBe('Hubble');

    const ipv6Drop = roundTrip(find((f) => f['IP']?.['ipVersion'] === 'IPv6'));
    expect(ipv6Drop.decoded.flow?.IP?.ipVersion).toBe(flow.IPVersion.IPv6);
    expect(ipv6Drop.decoded.flow?.drop_reason_desc).toBe(flow.DropReason.INVALID_SOURCE_IP);
    expect(ipv6Drop.decoded.flow?.l4?.ICMPv6?.type).toBe(133);
    expect(ipv6Drop.json['flow']['drop_reason_desc']).toBe('INVALID_SOURCE_IP');

    const policyDrop = roundTrip(find((f) => f['drop_reason_desc'] === 'POLICY_DENIED'));
    expect(policyDrop.decoded.flow?.verdict).toBe(flow.Verdict.DROPPED);
    expect(policyDrop.decoded.flow?.l4?.TCP?.flags?.SYN).toBe(true);

    const dns = roundTrip(find((f) => typeof f['l7']?.['dns']?.['query'] === 'string'));
    expect(dns.decoded.flow?.l7?.dns?.query).toMatch(/\.$/);
    expect(dns.json['flow']['l7']['dns']['query']).toBe(dns.decoded.flow?.l7?.dns?.query);

    const notReply = roundTrip(find((f) => f['is_reply'] === false));
    expect(notReply.decoded.flow?.is_reply?.value).toBe(false); // wrapper present, value false
    expect(notReply.json['flow']['is_reply']).toBe(false);
  });

  it('keeps nanosecond timestamps exactly', () => {
    const original = JSON.parse(lines[0]!.text) as Json;
    const { decoded, json } = roundTrip(original);
    expect(json['time']).toBe(original['time']);
    expect(decoded.time?.nanos).toBe(Number(String(original['time']).match(/\.(\d+)Z$/)![1]!.padEnd(9, '0')));
  });

  it('tolerates keys our schema lacks unless asked to be strict', () => {
    const original = JSON.parse(lines[0]!.text) as Json;
    const withExtra = { ...original, flow: { ...original['flow'], some_future_field: { x: 1 } } };
    expect(getFlowsResponseToJson(getFlowsResponseFromJson(withExtra))).toEqual(original);
    expect(() => getFlowsResponseFromJson(withExtra, { ignoreUnknownFields: false })).toThrow(/flow\.some_future_field: unknown field/);
  });

  it('carries relay node status and lost events through the same oneof', () => {
    const status = { node_status: { state_change: 'NODE_UNAVAILABLE', node_names: ['kind-worker2'], message: 'connection refused' }, node_name: 'relay' };
    const s = roundTrip(status);
    expect(s.decoded.node_status?.state_change).toBe(relay.NodeState.NODE_UNAVAILABLE);
    expect(s.json).toEqual(status);
    const lost = { lost_events: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '12', cpu: 0 }, time: '2026-02-24T08:47:58Z' };
    expect(roundTrip(lost).json).toEqual(lost);
  });
});
