// Locates ../shared/real-data (relative to the repository root) for tests and benches.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const realDataDir = path.resolve(repoRoot, '../shared/real-data');

export interface JsonlLine {
  file: string;
  line: number;
  text: string;
}

/** Every non-empty line of every .jsonl file in the given real-data folders. */
export function readJsonlLines(...folders: string[]): JsonlLine[] {
  const out: JsonlLine[] = [];
  for (const folder of folders) {
    const dir = path.join(realDataDir, folder);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
      const lines = readFileSync(path.join(dir, name), 'utf8').split('\n');
      lines.forEach((text, i) => {
        if (text.trim() !== '') out.push({ file: `${folder}/${name}`, line: i + 1, text });
      });
    }
  }
  return out;
}
