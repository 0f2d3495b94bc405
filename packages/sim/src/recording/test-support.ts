// Shared by the recording tests: real data location and temp files.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Real `hubble observe -o jsonpb` output (see ../shared/real-data/README.md); read, never copied. */
export const realFlowsDir = path.resolve(repoRoot, '../shared/real-data/hubble-flows');

export function realFlowFiles(): string[] {
  return readdirSync(realFlowsDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => path.join(realFlowsDir, f));
}

export function tempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'starmap-rec-'));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
