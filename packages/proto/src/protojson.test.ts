import { describe, expect, it } from 'vitest';
import { flow, flowFromJson, flowToJson, fromProtoJson, observer, ProtoJsonError, toProtoJson } from './index.js';

/** JSON -> message -> wire -> message -> JSON for one type. */
function viaWire(typeName: 'flow.Flow' | 'observer.GetFlowsRequest' | 'observer.ServerStatusResponse' | 'flow.LostEvent', json: unknown) {
  const types = {
    'flow.Flow': flow.Flow,
    'observer.GetFlowsRequest': observer.GetFlowsRequest,
    'observer.ServerStatusResponse': observer.ServerStatusResponse,
    'flow.LostEvent': flow.LostEvent,
  } as const;
  const T = types[typeName] as unknown as { encode(m: unknown): { finish(): Uint8Array }; decode(b: Uint8Array): unknown };
  const decoded = T.decode(T.encode(fromProtoJson(typeName, json, { ignoreUnknownFields: false })).finish());
  return { decoded: decoded as any, json: toProtoJson(typeName, decoded) };
}

function thrown(fn: () => unknown): ProtoJsonError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtoJsonError) return err;
    throw err;
  }
  throw new Error('expected a ProtoJsonError');
}

describe('timestamps', () => {
  it('prints 0, 3, 6 or 9 fractional digits, the fewest that keep the value', () => {
    const at = (nanos: number) => flowToJson({ time: { seconds: 1623862333, nanos } })['time'];
    expect(at(0)).toBe('2021-06-16T16:52:13Z');
    expect(at(136_000_000)).toBe('2021-06-16T16:52:13.136Z');
    expect(at(136_834_000)).toBe('2021-06-16T16:52:13.136834Z');
    expect(at(136_834_446)).toBe('2021-06-16T16:52:13.136834446Z');
    expect(at(1)).toBe('2021-06-16T16:52:13.000000001Z');
  });

  it('reads any fraction length and UTC offsets', () => {
    expect(viaWire('flow.Flow', { time: '2021-06-16T16:52:13.1Z' }).json).toEqual({ time: '2021-06-16T16:52:13.100Z' });
    expect(viaWire('flow.Flow', { time: '2021-06-16T18:52:13.5+02:00' }).json).toEqual({ time: '2021-06-16T16:52:13.500Z' });
    expect(viaWire('flow.Flow', { time: '0001-01-01T00:00:00Z' }).decoded.time.seconds.toString()).toBe('-62135596800');
    expect(viaWire('flow.Flow', { time: '9999-12-31T23:59:59.999999999Z' }).json).toEqual({ time: '9999-12-31T23:59:59.999999999Z' });
  });

  it('rejects malformed or impossible timestamps naming the field', () => {
    for (const bad of ['2021-02-30T00:00:00Z', '2021-06-16 16:52:13Z', '2021-06-16T16:52:13', '2021-06-16T16:52:13.1234567891Z', 1623862333]) {
      const err = thrown(() => fromProtoJson('observer.GetFlowsResponse', { flow: { time: bad } }));
      expect(err.path).toBe('flow.time');
      expect(err.message).toMatch(/^protojson: flow\.time: /);
    }
  });
});

describe('64-bit integers', () => {
  it('are printed as strings and keep full uint64 precision through the wire', () => {
    const { decoded, json } = viaWire('flow.Flow', { socket_cookie: '18446744073709551615', cgroup_id: '9007199254740993' });
    expect(json).toEqual({ socket_cookie: '18446744073709551615', cgroup_id: '9007199254740993' });
    expect(decoded.socket_cookie.toString()).toBe('18446744073709551615');
  });

  it('accept JSON numbers and exponent strings', () => {
    expect(viaWire('flow.Flow', { socket_cookie: 42 }).json).toEqual({ socket_cookie: '42' });
    expect(viaWire('flow.Flow', { socket_cookie: '1e3' }).json).toEqual({ socket_cookie: '1000' });
    expect(flowToJson({ socket_cookie: 7 })).toEqual({ socket_cookie: '7' });
  });

  it('reject out-of-range and non-integer values', () => {
    expect(thrown(() => flowFromJson({ socket_cookie: '-1' })).path).toBe('socket_cookie');
    expect(thrown(() => flowFromJson({ socket_cookie: '18446744073709551616' })).message).toMatch(/expected a uint64/);
    expect(thrown(() => flowFromJson({ socket_cookie: 1.5 })).path).toBe('socket_cookie');
    expect(thrown(() => flowFromJson({ l7: { latency_ns: 'soon' } })).path).toBe('l7.latency_ns');
  });
});

describe('enums', () => {
  it('print names, and unknown numbers as numbers that survive the wire', () => {
    expect(viaWire('flow.Flow', { verdict: 'DROPPED' }).json).toEqual({ verdict: 'DROPPED' });
    expect(viaWire('flow.Flow', { verdict: 2 }).json).toEqual({ verdict: 'DROPPED' });
    const unknown = viaWire('flow.Flow', { verdict: 99, trace_observation_point: 250 });
    expect(unknown.decoded.verdict).toBe(99);
    expect(unknown.json).toEqual({ verdict: 99, trace_observation_point: 250 });
  });

  it('drop unknown names by default and reject them when strict', () => {
    expect(flowFromJson({ verdict: 'MAYBE', node_name: 'n' })).toEqual({ node_name: 'n' });
    expect(thrown(() => flowFromJson({ verdict: 'MAYBE' }, { ignoreUnknownFields: false })).message).toBe(
      'protojson: verdict: unknown flow.Verdict value "MAYBE"',
    );
    expect(thrown(() => flowFromJson({ verdict: true })).path).toBe('verdict');
  });
});

describe('field names and presence', () => {
  it('reads lowerCamelCase JSON names as well as proto names, and prints proto names', () => {
    const json = { nodeName: 'kind-worker', trafficDirection: 'INGRESS', source: { podName: 'xwing', ID: 7 }, l4: { TCP: { sourcePort: 4242 } } };
    expect(viaWire('flow.Flow', json).json).toEqual({
      node_name: 'kind-worker',
      traffic_direction: 'INGRESS',
      source: { pod_name: 'xwing', ID: 7 },
      l4: { TCP: { source_port: 4242 } },
    });
  });

  it('omits zero values but keeps present empty messages', () => {
    expect(flowToJson({ verdict: 0, node_name: '', reply: false, source_names: [], socket_cookie: 0 })).toEqual({});
    expect(viaWire('flow.Flow', { source: {}, l4: { TCP: {} } }).json).toEqual({ source: {}, l4: { TCP: {} } });
  });

  it('rejects unknown fields only in strict mode, naming the path', () => {
    expect(flowFromJson({ source: { pod_name: 'a', colour: 'red' } })).toEqual({ source: { pod_name: 'a' } });
    const err = thrown(() => flowFromJson({ source: { pod_name: 'a', colour: 'red' } }, { ignoreUnknownFields: false }));
    expect(err.path).toBe('source.colour');
    expect(err.message).toBe('protojson: source.colour: unknown field "colour" in flow.Endpoint');
  });

  it('rejects a field given under both names and two members of one oneof', () => {
    expect(thrown(() => flowFromJson({ node_name: 'a', nodeName: 'b' })).message).toMatch(/given twice/);
    const err = thrown(() => fromProtoJson('observer.GetFlowsResponse', { flow: {}, lost_events: {} }));
    expect(err.message).toMatch(/oneof response_types already set by "flow"/);
  });

  it('reports wrong JSON types with the full path', () => {
    expect(thrown(() => flowFromJson({ l4: { TCP: { source_port: 'http' } } })).path).toBe('l4.TCP.source_port');
    expect(thrown(() => flowFromJson({ l4: { TCP: { source_port: 70000.5 } } })).path).toBe('l4.TCP.source_port');
    expect(thrown(() => flowFromJson({ source: { labels: 'k8s:app=x' } })).message).toMatch(/source\.labels: expected an array/);
    expect(thrown(() => flowFromJson({ source: { labels: ['a', 3] } })).path).toBe('source.labels[1]');
    expect(thrown(() => flowFromJson({ source: 'xwing' })).message).toMatch(/expected an object for flow\.Endpoint/);
    expect(thrown(() => flowFromJson([])).path).toBe('');
  });
});

describe('wrappers', () => {
  it('are bare values, present even when zero', () => {
    expect(viaWire('flow.Flow', { is_reply: false }).json).toEqual({ is_reply: false });
    expect(viaWire('flow.Flow', { is_reply: true }).decoded.is_reply.value).toBe(true);
    expect(viaWire('flow.Flow', {}).json).toEqual({});
    expect(viaWire('flow.LostEvent', { cpu: 0, num_events_lost: '3' }).json).toEqual({ cpu: 0, num_events_lost: '3' });
    const status = { num_connected_nodes: 3, num_unavailable_nodes: 0, version: '1.19.4', flows_rate: 12.5 };
    expect(viaWire('observer.ServerStatusResponse', status).json).toEqual(status);
  });

  it('reject values of the wrong type', () => {
    expect(thrown(() => flowFromJson({ is_reply: 'yes' })).path).toBe('is_reply');
    expect(thrown(() => fromProtoJson('observer.ServerStatusResponse', { num_connected_nodes: -1 })).path).toBe('num_connected_nodes');
  });
});

describe('other well-known types', () => {
  it('FieldMask is a comma-joined list of lowerCamelCase paths', () => {
    const { decoded, json } = viaWire('observer.GetFlowsRequest', { field_mask: 'time,source.podName,l4,dropReasonDesc' });
    expect(decoded.field_mask.paths).toEqual(['time', 'source.pod_name', 'l4', 'drop_reason_desc']);
    expect(json).toEqual({ field_mask: 'time,source.podName,l4,dropReasonDesc' });
    expect(toProtoJson('observer.GetFlowsRequest', { field_mask: { paths: [] } })).toEqual({ field_mask: '' });
    expect(thrown(() => fromProtoJson('observer.GetFlowsRequest', { field_mask: 'source.pod_name' })).path).toBe('field_mask');
  });

  it('Any carries @type and the fields of a known type', () => {
    const json = { extensions: { '@type': 'type.googleapis.com/flow.Endpoint', pod_name: 'xwing', ID: 3 } };
    const { decoded, json: back } = viaWire('flow.Flow', json);
    expect(decoded.extensions.type_url).toBe('type.googleapis.com/flow.Endpoint');
    expect(flow.Endpoint.decode(decoded.extensions.value).pod_name).toBe('xwing');
    expect(back).toEqual(json);
  });

  it('Any of a well-known type nests its JSON under "value"; unknown types stay opaque base64', () => {
    const ts = { extensions: { '@type': 'type.googleapis.com/google.protobuf.Timestamp', value: '2021-06-16T16:52:13.100Z' } };
    expect(viaWire('flow.Flow', ts).json).toEqual(ts);
    const opaque = { extensions: { '@type': 'type.googleapis.com/acme.Thing', value: 'CgN4eXo=' } };
    expect(viaWire('flow.Flow', opaque).json).toEqual(opaque);
    expect(thrown(() => flowFromJson({ extensions: { '@type': 'type.googleapis.com/acme.Thing', name: 'x' } })).message).toMatch(
      /unknown type "type.googleapis.com\/acme.Thing"/,
    );
    expect(thrown(() => flowFromJson({ extensions: { pod_name: 'x' } })).path).toBe('extensions.@type');
  });

  it('bytes are base64, standard or URL-safe on input', () => {
    expect(fromProtoJson('google.protobuf.BytesValue', '+/8=')).toEqual({ value: new Uint8Array([0xfb, 0xff]) });
    expect(fromProtoJson('google.protobuf.BytesValue', '-_8')).toEqual({ value: new Uint8Array([0xfb, 0xff]) });
    expect(toProtoJson('google.protobuf.BytesValue', { value: new Uint8Array([0xfb, 0xff]) })).toBe('+/8=');
    expect(thrown(() => fromProtoJson('google.protobuf.BytesValue', 'not base64!')).message).toMatch(/expected base64/);
  });

  it('Duration is seconds with 0, 3, 6 or 9 fractional digits', () => {
    const d = (json: string) => toProtoJson('google.protobuf.Duration', fromProtoJson('google.protobuf.Duration', json));
    expect(d('1.5s')).toBe('1.500s');
    expect(d('-0.000000001s')).toBe('-0.000000001s');
    expect(d('3s')).toBe('3s');
    expect(thrown(() => fromProtoJson('google.protobuf.Duration', '1.5')).message).toMatch(/invalid duration/);
  });

  it('doubles print NaN and infinities as strings', () => {
    expect(toProtoJson('observer.ServerStatusResponse', { flows_rate: NaN })).toEqual({ flows_rate: 'NaN' });
    expect(fromProtoJson('observer.ServerStatusResponse', { flows_rate: '-Infinity' })).toEqual({ flows_rate: -Infinity });
  });
});

describe('type names', () => {
  it('fail clearly for types the schema does not have', () => {
    expect(() => toProtoJson('flow.Nope', {})).toThrow('protojson: unknown message type "flow.Nope"');
    expect(() => fromProtoJson('flow.Verdict', {})).toThrow(/unknown message type/);
  });
});
