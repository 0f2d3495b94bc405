// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by file, and
// inclusive time of chosen functions. Usage: node bench/lib/profile-summary.mjs <file> [top=25]
import { readFileSync } from 'node:fs';

const lastArg = process.argv.find((a) => a.startsWith('--last='));
const [file, topArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: node bench/lib/profile-summary.mjs <file.cpuprofile> [top] [--last=<seconds>]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const intervals = profile.timeDeltas;
// With --last=N, only the samples of the profile's last N seconds count (a measurement window).
let first = 0;
if (lastArg) {
  let t = profile.endTime;
  const cutoff = profile.endTime - Number(lastArg.slice('--last='.length)) * 1e6;
  for (first = profile.samples.length - 1; first > 0 && t > cutoff; first--) t -= intervals[first] ?? 0;
}
for (let i = first; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (intervals[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url) => url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

function table(title, map) {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
}

const byFunction = new Map();
const byFile = new Map();
for (const [id, us] of selfUs) {
  const n = byId.get(id);
  const fn = label(n);
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const f = shortUrl(n.callFrame.url) || `(${n.callFrame.functionName})`;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}
table('self time by function', byFunction);
table('self time by file', byFile);

// Inclusive time: a sample counts for a function if it is anywhere on the stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const fn = label(byId.get(cur));
    if (seen.has(fn)) continue;
    seen.add(fn);
    inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
  }
}
table('inclusive time by function', inclusive);
