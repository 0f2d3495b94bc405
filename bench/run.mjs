// `pnpm bench`: the benchmark suite. Each figure is printed as one line with its reference
// measured in the same run and the ratio; results go to bench/results/latest.json.
// Timings are noisy on a shared 2-core machine: run with nothing else busy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { rawReceive, serverIngest } from './ingest.mjs';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const results = { date: new Date().toISOString(), cpus: cpus().length, node: process.version, figures: [] };

function figure(name, value, unit, reference, referenceName, target) {
  const ratio = reference ? value / reference : null;
  results.figures.push({ name, value, unit, reference, referenceName, ratio, target });
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const ratioText = ratio === null ? '' : ` = ${(ratio * 100).toFixed(0)}% of ${referenceName} (${fmt(reference)} ${unit})`;
  console.log(`${name}: ${fmt(value)} ${unit}${ratioText}${target ? `; target ${target}` : ''}`);
}

console.log(`Starmap benchmarks — ${results.cpus} cores, Node ${results.node}\n`);

console.log('# 1. Ingest from one GetFlows stream (simulated relay on loopback, pre-encoded flows)');
const raw = await rawReceive();
const ingest = await serverIngest();
figure('ingest (decode + normalize + ring + service map + subscribers)', ingest, 'flows/s', raw, 'a bare grpc-js client that only decodes', '≥ 70%');

for (const [title, script] of [
  ['# Service-map fold (one core)', 'service-map-fold.mjs'],
  ['# Protobuf decode of real flows', 'proto-decode.mjs'],
]) {
  console.log(`\n${title}`);
  const out = execFileSync(process.execPath, [here(script)], { encoding: 'utf8', env: { ...process.env } });
  process.stdout.write(out);
  results.figures.push({ name: title.replace(/^# /, ''), text: out.trim() });
}

mkdirSync(here('./results'), { recursive: true });
writeFileSync(here('./results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
