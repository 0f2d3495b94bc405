// Decode throughput of GetFlowsResponse: static generated decoder vs reflection,
// plus the proto3-JSON codec. Needs `pnpm --filter @starmap/proto build` first.
// Usage: node bench/proto-decode.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getFlowsResponseFromJson, getFlowsResponseToJson, observer } from '../packages/proto/dist/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protoPkg = path.join(repoRoot, 'packages/proto');
const protobuf = createRequire(path.join(protoPkg, 'package.json'))('protobufjs');

const realData = path.resolve(repoRoot, '../shared/real-data');
const lines = ['hubble-flows', 'hubble-flows-modern'].flatMap((dir) =>
  readdirSync(path.join(realData, dir))
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(realData, dir, f), 'utf8').split('\n').filter((l) => l.trim())),
);
const jsons = lines.slice(0, 1000).map((l) => JSON.parse(l));
const frames = jsons.map((j) => observer.GetFlowsResponse.encode(getFlowsResponseFromJson(j)).finish());
const bytes = frames.reduce((n, f) => n + f.length, 0);

const reflected = protobuf.Root.fromJSON(JSON.parse(readFileSync(path.join(protoPkg, 'gen/descriptor.json'), 'utf8')));
const ReflectedResponse = reflected.lookupType('observer.GetFlowsResponse');

function rate(label, perItem, count, fn) {
  fn(); // warm-up
  let rounds = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1.0) {
    fn();
    rounds++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  console.log(`${label}: ${Math.round((rounds * count) / elapsed).toLocaleString('en-US')} ${perItem}/s`);
}

console.log(`${frames.length} real flows, ${Math.round(bytes / frames.length)} bytes per GetFlowsResponse on average`);
rate('static decode (generated code)', 'flows', frames.length, () => {
  for (const f of frames) observer.GetFlowsResponse.decode(f);
});
rate('reflection decode (Root.fromJSON)', 'flows', frames.length, () => {
  for (const f of frames) ReflectedResponse.decode(f);
});
const decoded = frames.map((f) => observer.GetFlowsResponse.decode(f));
rate('static encode', 'flows', decoded.length, () => {
  for (const m of decoded) observer.GetFlowsResponse.encode(m).finish();
});
rate('toProtoJson (decoded -> jsonpb object)', 'flows', decoded.length, () => {
  for (const m of decoded) getFlowsResponseToJson(m);
});
rate('fromProtoJson (jsonpb object -> message)', 'flows', jsons.length, () => {
  for (const j of jsons) getFlowsResponseFromJson(j);
});
