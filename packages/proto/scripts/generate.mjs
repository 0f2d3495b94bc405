// Generates packages/proto/gen/ from the .proto files in <repo>/proto:
//   hubble.js        static encoders/decoders (ES module, fast path for gRPC)
//   hubble.d.ts      their TypeScript declarations
//   descriptor.json  the same schema as JSON, for reflection (proto3-JSON codec)
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pbjs, pbts } from 'protobufjs-cli';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const protoDir = path.resolve(pkgDir, '../../proto');
const genDir = path.join(pkgDir, 'gen');

// Relative to protoDir; imports inside them resolve against protoDir too.
const protoFiles = [
  'flow/flow.proto',
  'relay/relay.proto',
  'observer/observer.proto',
  'peer/peer.proto',
  'grpc/health/v1/health.proto',
].map((f) => path.join(protoDir, f));

function run(tool, args) {
  return new Promise((resolve, reject) => {
    tool.main(args, (err, output) => (err ? reject(err) : resolve(output)));
  });
}

await mkdir(genDir, { recursive: true });
const jsOut = path.join(genDir, 'hubble.js');
const dtsOut = path.join(genDir, 'hubble.d.ts');
const jsonOut = path.join(genDir, 'descriptor.json');

// --keep-case: fields keep their proto names (source_port, IP, Summary),
// which is also what the proto3-JSON output uses. 64-bit integers stay Long
// (protobufjs default) so uint64 values above 2^53 survive.
const common = ['--keep-case', '-p', protoDir];
await run(pbjs, ['-t', 'static-module', '-w', 'es6', '--es6', ...common, '-o', jsOut, ...protoFiles]);

// The ES wrapper imports the CommonJS runtime by default export; Node ESM needs
// the explicit file name. Guard against a future pbjs changing either.
const js = await readFile(jsOut, 'utf8');
if (!js.includes('import $protobuf from "protobufjs/minimal.js";')) {
  throw new Error('generate: unexpected runtime import in gen/hubble.js; check the pbjs es6 wrapper');
}

await run(pbts, ['-o', dtsOut, jsOut]);
await run(pbjs, ['-t', 'json', ...common, '-o', jsonOut, ...protoFiles]);

const dts = await readFile(dtsOut, 'utf8');
console.log(`generate: ${path.relative(pkgDir, jsOut)} (${js.length} B), ${path.relative(pkgDir, dtsOut)} (${dts.length} B), ${path.relative(pkgDir, jsonOut)}`);
