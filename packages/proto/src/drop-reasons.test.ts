import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flow, flowFromJson, flowToJson } from './index.js';
import { realDataDir } from './test-support/real-data.js';

const rows = readFileSync(path.join(realDataDir, 'cilium-api/drop-reasons-1.19.4.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t'))
  .map(([code, name]) => ({ code: Number(code), name: name ?? '' }));

describe('flow.DropReason', () => {
  const named = rows.filter((r) => r.name !== '');

  it('has every named code of Cilium 1.19.4 with the same number', () => {
    const enumValues = flow.DropReason as unknown as Record<string, number>;
    const wrong = named.filter((r) => enumValues[r.name] !== r.code).map((r) => `${r.name}=${r.code}`);
    expect(wrong).toEqual([]);
    expect(named.length).toBeGreaterThan(70);
  });

  it('prints named codes by name and unnamed codes as numbers', () => {
    for (const { code, name } of named.filter((r) => r.code !== 0)) {
      expect(flowToJson({ drop_reason_desc: code })).toEqual({ drop_reason_desc: name });
    }
    const unnamed = rows.find((r) => r.name === '' && r.code >= 130);
    expect(unnamed).toBeDefined();
    expect(flowToJson({ drop_reason_desc: 250 as flow.DropReason })).toEqual({ drop_reason_desc: 250 });
    expect(flowFromJson({ drop_reason_desc: 250 })).toEqual({ drop_reason_desc: 250 });
  });
});
