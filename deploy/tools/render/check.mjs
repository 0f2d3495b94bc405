#!/usr/bin/env node
// Renders the chart with main.go for each hand-kept manifest's values and compares the objects.
// Needs Go (Debian: apt-get install golang-go); Helm is not needed.
//
//   node deploy/tools/render/check.mjs            compare; exit 1 on any difference
//   node deploy/tools/render/check.mjs --print    also print each rendering
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const deploy = path.resolve(here, '../..');
const chart = path.join(deploy, 'helm/starmap');
const print = process.argv.includes('--print');

// The same list as deploy/test/support.ts (RENDERED).
const RENDERED = [
  { manifest: 'starmap.yaml', example: null, namespace: 'kube-system' },
  { manifest: 'starmap-tls-nodeport-auth.yaml', example: 'tls-nodeport-auth.yaml', namespace: 'kube-system' },
  { manifest: 'starmap-ingress-base-path.yaml', example: 'ingress-base-path.yaml', namespace: 'kube-system' },
  { manifest: 'starmap-demo.yaml', example: 'demo.yaml', namespace: 'default' },
];

const load = (file) => parse(readFileSync(file, 'utf8'), { version: '1.1' });
const isMap = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Helm's coalescing: maps merge, the rest is replaced, null deletes. */
function merge(defaults, overrides) {
  const out = structuredClone(defaults);
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = merge(out[k], v);
    else out[k] = structuredClone(v);
  }
  return out;
}

function objects(text, what) {
  return parseAllDocuments(text, { version: '1.1' })
    .map((d) => {
      if (d.errors.length > 0) throw new Error(`${what}: ${d.errors[0].message}`);
      return d.toJS();
    })
    .filter((o) => o !== null && o !== undefined);
}

const work = mkdtempSync(path.join(tmpdir(), 'starmap-render-'));
let failed = false;
try {
  const binary = path.join(work, 'render');
  execFileSync('go', ['build', '-o', binary, '.'], { cwd: here, stdio: 'inherit' });
  writeFileSync(path.join(work, 'chart.json'), JSON.stringify(load(path.join(chart, 'Chart.yaml'))));
  for (const { manifest, example, namespace } of RENDERED) {
    const values = merge(load(path.join(chart, 'values.yaml')), example ? load(path.join(chart, 'examples', example)) : {});
    writeFileSync(path.join(work, 'values.json'), JSON.stringify(values));
    const rendered = execFileSync(binary, [chart, path.join(work, 'values.json'), 'starmap', namespace, path.join(work, 'chart.json')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', print ? 'inherit' : 'ignore'],
    });
    if (print) console.log(rendered);
    const got = objects(rendered, `rendering for ${manifest}`);
    const kept = objects(readFileSync(path.join(deploy, manifest), 'utf8'), manifest);
    const id = (o) => `${o.kind}/${o.metadata?.name}`;
    const differing = [...new Set([...got, ...kept].map(id))].filter(
      (key) => !isDeepStrictEqual(got.find((o) => id(o) === key), kept.find((o) => id(o) === key)),
    );
    if (differing.length === 0) console.log(`${manifest}: same objects as the chart renders (${got.map(id).join(', ')})`);
    else {
      failed = true;
      console.log(`${manifest}: differs from the chart in ${differing.join(', ')}`);
      for (const key of differing) {
        console.log(`  chart:    ${JSON.stringify(got.find((o) => id(o) === key))}`);
        console.log(`  manifest: ${JSON.stringify(kept.find((o) => id(o) === key))}`);
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
