import { readFileSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { decodeRecordingLine, type RecordingLine } from '@starmap/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording, RecordingError, RecordingWriter } from './index.js';
import { realFlowFiles, tempDir } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const realFile = realFlowFiles().find((f) => f.endsWith('basic-sample-400-tcp-flows.jsonl')) as string;
const realLines = readFileSync(realFile, 'utf8').split('\n').filter((l) => l !== '');
const responses = realLines.map((l) => {
  const d = decodeRecordingLine(l);
  if (d.kind !== 'flow') throw new Error('fixture line is not a flow');
  return d.response;
});

const healthz = { cilium: { state: 'Ok', msg: '' }, 'kube-proxy-replacement': { mode: 'True' } };
const services = [{ spec: { id: 1, 'frontend-address': { ip: '10.96.0.10', port: 53, protocol: 'UDP' } } }];

/** A fake clock that advances 1 s per reading. */
function clock(startMs: number): () => number {
  let t = startMs;
  return () => (t += 1000) - 1000;
}

async function record(path: string, opts: { gzip?: boolean } = {}) {
  const writer = await RecordingWriter.create(path, { ...opts, source: 'test', nowMs: clock(Date.UTC(2024, 4, 1, 10)), tool: { name: 'starmap', version: '9.9.9' } });
  writer.writeSnapshot('healthz', healthz, { node: 'kind-worker' });
  for (const r of responses.slice(0, 200)) writer.writeResponse(r);
  writer.writeSnapshot('services', services, { node: 'kind-worker', timeMs: Date.UTC(2024, 4, 1, 10, 0, 30) });
  for (const r of responses.slice(200)) writer.writeResponse(r);
  writer.writeResponse({ lost_events: { num_events_lost: 3 }, node_name: 'n1' });
  return { writer, summary: await writer.close({ reason: 'test done' }) };
}

function strip(records: (RecordingLine & { line: number })[]) {
  return records.filter((r) => r.kind === 'flow').map((r) => (r.kind === 'flow' ? r.response : null));
}

describe('RecordingWriter', () => {
  for (const gzip of [false, true]) {
    it(`round-trips flows and snapshots (${gzip ? 'gzip by the .gz name' : 'plain'})`, async () => {
      const file = tmp.file(gzip ? 'rt.jsonl.gz' : 'rt.jsonl');
      const { summary } = await record(file);
      const bytes = readFileSync(file);
      expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(gzip);
      expect(summary).toMatchObject({ flows: 400, events: 1, snapshots: 2, lines: 405, gzip });
      expect(summary.outputBytes).toBe(bytes.length);
      const text = gzip ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      expect(summary.bytes).toBe(Buffer.byteLength(text));

      const { records, reader } = await readRecording(file);
      expect(reader.stats.bad).toEqual([]);
      expect(records.map((r) => r.kind)).toEqual(['header', 'snapshot', ...Array(200).fill('flow'), 'snapshot', ...Array(200).fill('flow'), 'event', 'end']);
      // Flows come back equal to what went in (proto JSON of each, field for field).
      expect(strip(records).map((r) => JSON.stringify(r))).toEqual(responses.map((r) => JSON.stringify(r)));
      // Flow lines are byte-for-byte what hubble printed (same field order aside): same JSON.
      const flowLines = text.split('\n').filter((l) => l.startsWith('{"flow"'));
      expect(flowLines.map((l) => JSON.parse(l))).toEqual(realLines.map((l) => JSON.parse(l)));

      expect(reader.header).toMatchObject({ format: 'starmap-recording', version: 1, tool: { version: '9.9.9' }, source: 'test', created: '2024-05-01T10:00:00Z' });
      const snaps = records.filter((r) => r.kind === 'snapshot');
      expect(snaps.map((s) => s.kind === 'snapshot' && [s.snapshot.of, s.snapshot.node, s.snapshot.time, s.snapshot.data])).toEqual([
        ['healthz', 'kind-worker', '2024-05-01T10:00:01Z', healthz],
        ['services', 'kind-worker', '2024-05-01T10:00:30Z', services],
      ]);
      expect(reader.end).toMatchObject({
        reason: 'test done',
        range: { first: '2021-11-10T10:40:56.465597700Z', last: '2021-11-10T10:41:00.353347400Z' },
        counts: { flows: 400, events: 1, snapshots: 2, lines: 404 },
      });
    });
  }

  it('writes nothing more after close, and close is idempotent', async () => {
    const file = tmp.file('closed.jsonl');
    const { writer, summary } = await record(file);
    const size = readFileSync(file).length;
    expect(await writer.close()).toEqual(summary);
    expect(() => writer.writeResponse(responses[0] as never)).toThrow(RecordingError);
    expect(() => writer.writeSnapshot('config', {})).toThrow(/is closed; nothing more can be written/);
    expect(readFileSync(file).length).toBe(size);
  });

  it('refuses to overwrite a file unless asked', async () => {
    const file = tmp.file('exists.jsonl');
    writeFileSync(file, 'keep me');
    await expect(RecordingWriter.create(file)).rejects.toThrow(/cannot create recording .*exists\.jsonl: the file already exists/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const w = await RecordingWriter.create(file, { overwrite: true });
    await w.close();
    expect(readFileSync(file, 'utf8')).toMatch(/^\{"type":"header"/);
  });

  it('rejects what it cannot record with a clear error', async () => {
    const w = RecordingWriter.toStream(new PassThrough());
    expect(() => w.writeResponse({ node_name: 'x' })).toThrow('cannot record a GetFlowsResponse without flow, node_status or lost_events');
    expect(() => w.writeSnapshot('services', { not: 'an array' })).toThrow(/cannot record services snapshot: invalid snapshot line: .*must be an array/);
    await w.close();
  });

  it('a recording cut short (no end line, gzip not finished) still reads up to the cut', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const w = RecordingWriter.toStream(out, { gzip: true, flushIntervalMs: 20 });
    for (const r of responses.slice(0, 50)) w.writeResponse(r);
    // The periodic sync flush pushes what was written although gzip never ends.
    await new Promise((r) => setTimeout(r, 80));
    const { records, reader } = await readRecording(Buffer.concat(chunks));
    expect(records.filter((r) => r.kind === 'flow')).toHaveLength(50);
    expect(reader.end).toBeNull();
    expect(reader.stats.truncated).toBe(true);
    expect(reader.stats.bad[0]?.message).toMatch(/gzip data ends unexpectedly/);
    await w.close();
  });

  it('leaves a caller stream open with end: false', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const w = RecordingWriter.toStream(out, { end: false });
    w.writeResponse(responses[0] as never);
    await w.close();
    expect(out.writableEnded).toBe(false);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
    expect(lines.map((l) => decodeRecordingLine(l).kind)).toEqual(['header', 'flow', 'end']);
  });
});
