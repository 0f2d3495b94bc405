import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDropReasons, dropReasonByName, dropReasonInfo } from './catalogue.js';
import { dropReasonCategories, isDropReasonCategory } from './categories.js';

// Cilium's own facts for every code, read in place (see /work/shared/real-data/README.md).
const TSV = new URL('../../../../../shared/real-data/cilium-api/drop-reasons-1.19.4.tsv', import.meta.url);

interface TsvRow {
  code: number;
  name: string;
  deprecated: boolean;
  text: string;
  macro: string;
}

const rows: TsvRow[] = readFileSync(TSV, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [code = '', name = '', deprecated = '', text = '', macro = ''] = line.split('\t');
    return { code: Number(code), name, deprecated: deprecated === 'yes', text, macro };
  });

describe('drop reason catalogue', () => {
  it('read the whole TSV', () => {
    expect(rows.length).toBeGreaterThan(80);
    expect(rows.every((r) => Number.isInteger(r.code))).toBe(true);
  });

  it('covers every code with Cilium’s own text, enum name, deprecation and macro', () => {
    for (const row of rows) {
      const info = dropReasonInfo(row.code);
      expect(info.code).toBe(row.code);
      expect(info.text, `text of ${row.code}`).toBe(row.text === '' ? `unknown drop reason ${row.code}` : row.text);
      expect(info.name, `name of ${row.code}`).toBe(row.name);
      expect(info.deprecated, `deprecated flag of ${row.code}`).toBe(row.deprecated);
      expect(info.macro, `macro of ${row.code}`).toBe(row.macro);
    }
  });

  it('has exactly the TSV codes, ascending, each once', () => {
    const codes = allDropReasons().map((r) => r.code);
    expect(codes).toEqual(rows.map((r) => r.code).sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('finds every enum name', () => {
    for (const row of rows.filter((r) => r.name !== '')) {
      expect(dropReasonByName(row.name)?.code).toBe(row.code);
    }
    expect(dropReasonByName('NOT_A_REASON')).toBeUndefined();
    expect(dropReasonByName('')).toBeUndefined();
  });

  it('gives unknown codes an "other" entry instead of throwing', () => {
    const info = dropReasonInfo(250);
    expect(info.text).toBe('unknown drop reason 250');
    expect(info.category).toBe('other');
    expect(info.name).toBe('');
    expect(dropReasonInfo(-1).text).toBe('unknown drop reason -1');
  });

  it('uses only allowed categories, each with a label, and writes a description for every code', () => {
    expect(Object.keys(dropReasonCategories).sort()).toEqual(
      ['encryption', 'malformed', 'other', 'policy', 'resources', 'routing', 'service'].sort(),
    );
    for (const info of allDropReasons()) {
      expect(isDropReasonCategory(info.category), `category of ${info.code}`).toBe(true);
      expect(info.description.length, `description of ${info.code}`).toBeGreaterThan(10);
      expect(info.hint === null || info.hint.length > 10).toBe(true);
    }
  });

  it('shows Cilium’s text where the enum name misleads', () => {
    expect(dropReasonInfo(136)).toMatchObject({ name: 'CT_MISSING_TCP_ACK_FLAG', text: 'Fragmentation needed', category: 'routing' });
    expect(dropReasonInfo(161)).toMatchObject({ name: 'FAILED_TO_INSERT_INTO_PROXYMAP', text: 'NAT 46/64 not enabled' });
  });

  it('spot checks', () => {
    expect(dropReasonInfo(133)).toMatchObject({ name: 'POLICY_DENIED', text: 'Policy denied', category: 'policy', deprecated: false });
    expect(dropReasonInfo(133).hint).not.toBeNull();
    expect(dropReasonInfo(181)).toMatchObject({ name: 'POLICY_DENY', category: 'policy' });
    expect(dropReasonInfo(189).category).toBe('policy');
    expect(dropReasonInfo(158)).toMatchObject({ name: 'SERVICE_BACKEND_NOT_FOUND', category: 'service' });
    expect(dropReasonInfo(155).category).toBe('resources');
    expect(dropReasonInfo(195).category).toBe('encryption');
    expect(dropReasonInfo(169).category).toBe('routing');
    expect(dropReasonInfo(134).category).toBe('malformed');
    expect(dropReasonInfo(130)).toMatchObject({ deprecated: true, text: 'Invalid source mac' });
    expect(dropReasonInfo(0)).toMatchObject({ name: 'DROP_REASON_UNKNOWN', text: 'Success' });
  });

  it('entries are frozen so callers cannot corrupt the catalogue', () => {
    const info = dropReasonInfo(133);
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(allDropReasons())).toBe(true);
  });
});
