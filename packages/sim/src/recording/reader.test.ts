import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording, RecordingError, RecordingReader } from './index.js';
import { realFlowFiles, tempDir } from './test-support.js';

const tmp = tempDir();
afterAll(() => tmp.remove());

const realFiles = realFlowFiles();
const tenFlows = realFiles.find((f) => f.endsWith('basic-sample-10-flows.jsonl')) as string;
const tenLines = readFileSync(tenFlows, 'utf8').split('\n').filter((l) => l !== '');

async function fails(p: Promise<unknown>): Promise<RecordingError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(RecordingError);
    return err as RecordingError;
  }
  throw new Error('expected a RecordingError');
}

describe('RecordingReader on real hubble output', () => {
  it('reads every real .jsonl file as a valid recording with zero bad lines, plain and gzipped', async () => {
    expect(realFiles.length).toBeGreaterThanOrEqual(7);
    for (const file of realFiles) {
      const lineCount = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
      const plain = await readRecording(file);
      expect(plain.reader.stats.bad, file).toEqual([]);
      expect(plain.reader.stats.flows, file).toBe(lineCount);
      expect(plain.records.every((r) => r.kind === 'flow')).toBe(true);
      expect(plain.reader.header).toBeNull(); // hubble writes no header
      expect(plain.reader.stats.gzip).toBe(false);

      const gz = tmp.file(`${path.basename(file)}.gz`);
      writeFileSync(gz, gzipSync(readFileSync(file)));
      const zipped = await readRecording(gz);
      expect(zipped.reader.stats.gzip).toBe(true);
      expect(zipped.reader.stats.bad).toEqual([]);
      expect(zipped.records).toEqual(plain.records);
      expect(zipped.reader.stats.bytes).toBe(plain.reader.stats.bytes);
      expect(zipped.reader.stats.rawBytes).toBeLessThan(plain.reader.stats.rawBytes);
    }
  });

  it('recognises gzip by its magic bytes, not by the name', async () => {
    const disguised = tmp.file('really-gzip.jsonl');
    writeFileSync(disguised, gzipSync(readFileSync(tenFlows)));
    const { records, reader } = await readRecording(disguised);
    expect(reader.stats.gzip).toBe(true);
    expect(records).toHaveLength(10);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    // `cat a.gz b.gz` makes a two-member gzip file: it reads as one stream.
    const twoMembers = Buffer.concat([gzipSync(Buffer.from(`${tenLines[0]}\n`)), gzipSync(Buffer.from(`${tenLines[1]}\n`))]);
    const joined = await readRecording(twoMembers);
    expect(joined.records.map((r) => r.line)).toEqual([1, 2]);
    expect(joined.reader.stats.bad).toEqual([]);
  });
});

describe('RecordingReader on damaged input', () => {
  it('reports a truncated gzip file with the byte and line reached, after yielding every complete line', async () => {
    const full = gzipSync(readFileSync(realFiles.find((f) => f.includes('400-tcp')) as string));
    const cut = full.subarray(0, Math.floor(full.length * 0.6));
    const { records, reader } = await readRecording(cut, { name: 'cut.jsonl.gz' });
    // Everything zlib could decompress before the break, line by line, was yielded.
    const expected = (await import('node:zlib')).gunzipSync(cut, { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
    const complete = expected.split('\n').length - 1;
    expect(complete).toBeGreaterThan(100);
    expect(records).toHaveLength(complete);
    expect(reader.stats.truncated).toBe(true);
    expect(reader.stats.bad).toHaveLength(1);
    const bad = reader.stats.bad[0];
    expect(bad?.line).toBe(complete + 1);
    expect(bad?.message).toMatch(new RegExp(`^gzip data ends unexpectedly after ${cut.length} compressed bytes \\(the file is truncated\\); lines 1-${complete} were read; the \\d+ bytes read of line ${complete + 1} are incomplete and skipped$`));

    const strict = await fails(readRecording(cut, { strict: true, name: 'cut.jsonl.gz' }));
    expect(strict.code).toBe('truncated');
    expect(strict.line).toBe(complete + 1);
    expect(strict.message).toMatch(/^cut\.jsonl\.gz: line \d+: gzip data ends unexpectedly after \d+ compressed bytes/);
  });

  it('reports corrupt gzip data with where it broke', async () => {
    const full = gzipSync(Buffer.from(tenLines.join('\n') + '\n'));
    const corrupt = Buffer.from(full);
    for (let i = 200; i < 260; i++) corrupt[i] = 0xff;
    const { reader } = await readRecording(corrupt);
    expect(reader.stats.truncated).toBe(true);
    expect(reader.stats.bad.at(-1)?.message).toMatch(/^gzip data is corrupt near compressed byte \d+ \(zlib: .+\)/);
  });

  it('skips a garbage line in the middle with its number and reads the rest', async () => {
    const text = [...tenLines.slice(0, 4), '{"flow": {"verdict": "FORWARDED", ', 'garbage \u0000\u00ff', ...tenLines.slice(4)].join('\n');
    const { records, reader } = await readRecording(Buffer.from(text));
    expect(records).toHaveLength(10);
    expect(reader.stats.flows).toBe(10);
    expect(reader.stats.bad.map((b) => b.line)).toEqual([5, 6]);
    expect(reader.stats.bad[0]?.message).toMatch(/^not JSON/);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 11, 12]);
    expect(reader.stats.lines).toBe(12);
  });

  it('fails at the first bad line in strict mode, naming its number', async () => {
    const text = [tenLines[0], tenLines[1], '[]', tenLines[2], 'nope'].join('\n');
    const reader = new RecordingReader(Buffer.from(text), { strict: true, name: 'x.jsonl' });
    const seen: number[] = [];
    const err = await fails(
      (async () => {
        for await (const r of reader) seen.push(r.line);
      })(),
    );
    expect(seen).toEqual([1, 2]);
    expect(err.code).toBe('bad-line');
    expect(err.line).toBe(3);
    expect(err.message).toBe('x.jsonl: line 3: a line must be a JSON object, got an array');
  });

  it('keeps a line of unknown type as kind unknown and lists it; strict mode accepts it too', async () => {
    const text = [tenLines[0], '{"type":"bookmark","label":"deploy v2"}', tenLines[1]].join('\n');
    for (const strict of [false, true]) {
      const { records, reader } = await readRecording(Buffer.from(text), { strict });
      expect(records.map((r) => r.kind)).toEqual(['flow', 'unknown', 'flow']);
      expect(reader.stats.unknown).toEqual([{ line: 2, type: 'bookmark' }]);
      expect(reader.stats.bad).toEqual([]);
    }
  });

  it('says "empty recording" for a 0-byte file and for gzip of nothing', async () => {
    const empty = tmp.file('empty.jsonl');
    writeFileSync(empty, '');
    const err = await fails(readRecording(empty));
    expect(err.code).toBe('empty');
    expect(err.message).toBe(`empty recording: ${empty} has 0 bytes`);
    const emptyGz = await fails(readRecording(gzipSync(Buffer.alloc(0)), { name: 'e.gz' }));
    expect(emptyGz.message).toBe('empty recording: e.gz is gzip data that decompresses to 0 bytes');
  });

  it('reports a missing file as an I/O error', async () => {
    const err = await fails(readRecording(tmp.file('nope.jsonl')));
    expect(err.code).toBe('io');
    expect(err.message).toMatch(/^cannot read recording .*nope\.jsonl: ENOENT/);
  });

  it('skips a 20 MB line over a 1 MB limit without holding it, then reads on', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(`${tenLines[0]}\n{"flow":{"Summary":"`);
      for (let i = 0; i < 320; i++) yield chunk; // 20 MiB, the same buffer again and again
      yield Buffer.from(`"}}\n${tenLines[1]}\n${tenLines[2]}`);
    }
    const { records, reader } = await readRecording(source(), { maxLineBytes: 1024 * 1024 });
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(reader.stats.bad).toHaveLength(1);
    expect(reader.stats.bad[0]?.line).toBe(2);
    expect(reader.stats.bad[0]?.message).toBe('line is 20.0 MiB long, over the 1.0 MiB limit; skipped to the next line');
    expect(reader.stats.peakLineBytes).toBeLessThanOrEqual(1024 * 1024);

    const strict = await fails(readRecording(source(), { maxLineBytes: 1024 * 1024, strict: true }));
    expect(strict.code).toBe('line-too-long');
    expect(strict.line).toBe(2);
  });

  it('tolerates CRLF, a UTF-8 BOM, blank lines and a last line without newline', async () => {
    const text = `\ufeff${tenLines[0]}\r\n\r\n   \n${tenLines[1]}\r\n${tenLines[2]}`;
    const { records, reader } = await readRecording(Buffer.from(text));
    expect(records.map((r) => r.line)).toEqual([1, 4, 5]);
    expect(reader.stats.bad).toEqual([]);
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const line = '{"type":"bookmark","label":"Zürich → 東京"}';
    const bytes = Buffer.from(`${line}\n`);
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    const { records } = await readRecording(chunks);
    expect(records[0]).toMatchObject({ kind: 'unknown', json: { label: 'Zürich → 東京' } });
  });
});

describe('RecordingReader fuzzing', () => {
  const onlyRecordingErrors = async (bytes: Uint8Array, strict: boolean) => {
    try {
      await readRecording(bytes, { strict, maxLineBytes: 512 });
    } catch (err) {
      if (!(err instanceof RecordingError)) throw err;
    }
  };

  it('throws nothing but RecordingError on random bytes, random gzip and cut or bit-flipped recordings', async () => {
    const valid = Buffer.from(tenLines.slice(0, 3).join('\n'));
    const validGz = gzipSync(valid);
    const damaged = (base: Buffer) =>
      fc.tuple(fc.nat(base.length), fc.nat(base.length), fc.integer({ min: 1, max: 255 })).map(([cut, at, xor]) => {
        const b = Buffer.from(base.subarray(0, Math.max(cut, 1)));
        if (at < b.length) b[at] = (b[at] as number) ^ xor;
        return b;
      });
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b])),
      fc.array(fc.constantFrom('{', '}', '"flow"', ':', '\n', '"type"', '"header"', 'null', '[', ']', ',', '1', '\r', ' '), { maxLength: 80 }).map((a) => Buffer.from(a.join(''))),
      damaged(valid),
      damaged(validGz),
    );
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(input, fc.boolean(), (bytes, strict) => onlyRecordingErrors(bytes, strict)),
      { numRuns: 2500 },
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
