import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecordingLine, encodeRecordingLine, encodeResponseLine, formatRecordingTime, parseRecordingTime, RecordingLineError, type RecordingHeader } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const realLines = readFileSync(path.resolve(repoRoot, '../shared/real-data/hubble-flows/basic-sample-10-flows.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

const header: RecordingHeader = {
  type: 'header',
  format: 'starmap-recording',
  version: 1,
  tool: { name: 'starmap', version: '0.1.0' },
  created: '2024-05-01T10:00:00.123456789Z',
  source: 'relay 127.0.0.1:4245',
  filters: { whitelist: [{ namespace: ['bookinfo'] }] },
};

function errorOf(text: string): string {
  try {
    decodeRecordingLine(text);
  } catch (err) {
    expect(err).toBeInstanceOf(RecordingLineError);
    return (err as Error).message;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('decodeRecordingLine', () => {
  it('reads a real `hubble observe -o jsonpb` line (no "type") as a flow with its nanosecond time', () => {
    const line = decodeRecordingLine(realLines[0] as string);
    expect(line.kind).toBe('flow');
    if (line.kind !== 'flow') return;
    expect(line.response.flow?.source?.pod_name).toBe('reviews-v1-545db77b95-s6jb8');
    expect(line.response.node_name).toBe('gke-ilya-otel-demo-1-ilya-otel-demo-1-6114bb84-zr1l');
    expect(line.timeNs).toBe(parseRecordingTime('2021-06-16T16:52:13.136834446Z'));
    expect(line.timeNs).toBe(1623862333136834446n);
  });

  it('takes the flow time when the response has none, and reads relay events as events', () => {
    const flowOnly = decodeRecordingLine('{"flow":{"time":"2021-06-16T16:52:13.5Z","verdict":"DROPPED"}}');
    expect(flowOnly).toMatchObject({ kind: 'flow', timeNs: 1623862333500000000n });
    const lost = decodeRecordingLine('{"lost_events":{"source":"HUBBLE_RING_BUFFER","num_events_lost":"3"},"node_name":"n1","time":"2021-06-16T16:52:13Z"}');
    expect(lost.kind).toBe('event');
    const status = decodeRecordingLine('{"node_status":{"state_change":"NODE_CONNECTED","node_names":["a"]}}');
    expect(status).toMatchObject({ kind: 'event', timeNs: null });
  });

  it('round-trips header, snapshot and end lines through encodeRecordingLine', () => {
    const h = decodeRecordingLine(encodeRecordingLine({ kind: 'header', header }));
    expect(h).toEqual({ kind: 'header', header });
    const snapshot = { type: 'snapshot' as const, of: 'services' as const, time: '2024-05-01T10:00:01Z', node: 'kind-worker', data: [{ spec: { id: 1 } }] };
    expect(decodeRecordingLine(encodeRecordingLine({ kind: 'snapshot', snapshot }))).toEqual({ kind: 'snapshot', snapshot, timeNs: 1714557601000000000n });
    const end = {
      type: 'end' as const,
      time: '2024-05-01T10:05:00Z',
      range: { first: '2024-05-01T10:00:00.5Z', last: '2024-05-01T10:04:59Z' },
      counts: { flows: 10, events: 0, snapshots: 1, lines: 12 },
    };
    expect(decodeRecordingLine(encodeRecordingLine({ kind: 'end', end }))).toEqual({ kind: 'end', end });
  });

  it('round-trips every real line through encodeResponseLine unchanged', () => {
    for (const text of realLines) {
      const line = decodeRecordingLine(text);
      if (line.kind !== 'flow') throw new Error('not a flow');
      expect(JSON.parse(encodeResponseLine(line.response))).toEqual(JSON.parse(text));
    }
  });

  it('keeps unknown line types (a newer writer) as kind unknown instead of failing', () => {
    expect(decodeRecordingLine('{"type":"bookmark","time":"2024-05-01T10:00:00Z","label":"x"}')).toEqual({
      kind: 'unknown',
      type: 'bookmark',
      json: { type: 'bookmark', time: '2024-05-01T10:00:00Z', label: 'x' },
    });
  });

  it('says what is wrong with a bad line', () => {
    expect(errorOf('{"flow":')).toMatch(/^not JSON \(.*\): "\{\\"flow\\":"$/);
    expect(errorOf('[1,2]')).toBe('a line must be a JSON object, got an array');
    expect(errorOf('"flow"')).toBe('a line must be a JSON object, got a string');
    expect(errorOf('{"verdict":"FORWARDED"}')).toMatch(/no "type" and no flow, node_status or lost_events \(keys: verdict\)/);
    expect(errorOf('{"type":7}')).toBe('"type" must be a string, got 7');
    expect(errorOf('{"flow":{"verdict":"FORWARDED","time":"yesterday"}}')).toMatch(/^invalid GetFlowsResponse: protojson: flow\.time: invalid timestamp "yesterday"/);
    expect(errorOf('{"flow":{"l4":{"TCP":{"source_port":-1}}}}')).toMatch(/^invalid GetFlowsResponse: protojson: flow\.l4\.TCP\.source_port/);
    expect(errorOf('{"node_name":"n","time":"2021-06-16T16:52:13Z","flow":null}')).toBe(
      'invalid GetFlowsResponse: flow, node_status and lost_events are all empty',
    );
  });

  it('rejects headers of another format or a newer version, and malformed typed lines', () => {
    expect(errorOf(JSON.stringify({ ...header, version: 2 }))).toBe('recording format version 2 is newer than this Starmap reads (1); upgrade Starmap');
    expect(errorOf(JSON.stringify({ ...header, format: 'pcap' }))).toMatch(/format is "pcap", want "starmap-recording"/);
    expect(errorOf(JSON.stringify({ ...header, created: '2024-13-01T00:00:00Z' }))).toMatch(/^invalid header line: \$\.created: not an RFC 3339 time/);
    expect(errorOf('{"type":"snapshot","of":"services","time":"2024-05-01T10:00:00Z","data":{}}')).toMatch(/services snapshot must be an array/);
    expect(errorOf('{"type":"snapshot","of":"healthz","time":"2024-05-01T10:00:00Z"}')).toMatch(/\$\.data: missing/);
    expect(errorOf('{"type":"snapshot","of":"routes","time":"2024-05-01T10:00:00Z","data":{}}')).toMatch(/^invalid snapshot line: \$\.of:/);
    expect(errorOf('{"type":"snapshot","of":"relay-nodes","time":"2024-05-01T10:00:00Z","data":{"nodes":[{"name":7}]}}')).toMatch(/not a GetNodesResponse/);
    expect(errorOf('{"type":"end","time":"2024-05-01T10:00:00Z","range":{},"counts":{"flows":-1,"events":0,"snapshots":0,"lines":1}}')).toMatch(/\$\.counts\.flows/);
  });
});

describe('encodeRecordingLine', () => {
  it('refuses to write what its reader would reject', () => {
    expect(() => encodeRecordingLine({ kind: 'header', header: { ...header, created: 'now' } })).toThrow(RecordingLineError);
    const snapshot = { type: 'snapshot' as const, of: 'healthz' as const, time: '2024-05-01T10:00:00Z', data: { n: 1n } };
    expect(() => encodeRecordingLine({ kind: 'snapshot', snapshot })).toThrow(/cannot write line as JSON/);
  });
});

describe('recording times', () => {
  it('keeps nanoseconds both ways', () => {
    const ns = parseRecordingTime('2021-06-16T16:52:13.000000001Z');
    expect(formatRecordingTime(ns)).toBe('2021-06-16T16:52:13.000000001Z');
    expect(formatRecordingTime(ns + 999_999_999n)).toBe('2021-06-16T16:52:14Z');
  });
});

describe('decodeRecordingLine fuzzing', () => {
  const onlyLineErrors = (text: string) => {
    try {
      decodeRecordingLine(text);
    } catch (err) {
      if (!(err instanceof RecordingLineError)) throw err;
    }
  };

  it('throws nothing but RecordingLineError on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyLineErrors), { numRuns: 1500 });
  });

  it('throws nothing but RecordingLineError on JSON shaped like recording lines', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const field = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), anyJson, { maxKeys: 4 });
    const lineLike = fc.oneof(
      field(['type', 'flow', 'node_status', 'lost_events', 'node_name', 'time']),
      fc.record({ flow: field(['time', 'verdict', 'IP', 'l4', 'source', 'Type', 'node_name', 'drop_reason_desc', 'event_type']) }),
      fc.record({ type: fc.constantFrom('header', 'end', 'snapshot', 'x'), of: fc.constantFrom('healthz', 'services', 'relay-nodes', 'x'), time: fc.oneof(fc.constant('2024-05-01T10:00:00Z'), fc.string()), data: anyJson, format: fc.constantFrom('starmap-recording', 'x'), version: fc.oneof(fc.integer(), fc.double()), tool: anyJson, created: fc.string(), counts: anyJson, range: anyJson }, { requiredKeys: ['type'] }),
    );
    fc.assert(fc.property(lineLike, (v) => onlyLineErrors(JSON.stringify(v))), { numRuns: 2500 });
  });
});
