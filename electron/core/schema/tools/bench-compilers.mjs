// Measures the two candidate .proto compilers against protoc (the oracle) on the test corpus and
// on googleapis: correctness of the descriptors and time. Results are quoted in compile-protos.ts.
// Run: node electron/core/schema/tools/bench-compilers.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const protobuf = require('protobufjs');
const descriptorExt = require('protobufjs/ext/descriptor');
const { fromBinary } = require('@bufbuild/protobuf');
const { FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');

const here = dirname(fileURLToPath(import.meta.url));
const testdata = join(here, '..', 'testdata');
const google = dirname(require.resolve('google-proto-files/package.json'));
const buf = require.resolve(`@bufbuild/buf-${process.platform}-${process.arch}/bin/buf`);
const roots = [join(testdata, 'protos'), join(testdata, 'common'), google];
const corpus = ['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'];
const tmp = mkdtempSync(join(tmpdir(), 'loupe-bench-'));

function stats(files) {
  let fields = 0,
    relative = 0,
    jsonName = 0,
    optional = 0,
    comments = 0;
  const visit = (m) => {
    for (const f of m.field) {
      fields++;
      if (f.typeName && !f.typeName.startsWith('.')) relative++;
      if (f.jsonName) jsonName++;
      if (f.proto3Optional) optional++;
    }
    m.nestedType.forEach(visit);
  };
  for (const f of files) {
    f.messageType.forEach(visit);
    comments += (f.sourceCodeInfo?.location ?? []).filter((l) => l.leadingComments).length;
  }
  return {
    files: files.length,
    names: files
      .map((f) => f.name)
      .sort()
      .join(' ').length,
    fields,
    relativeTypeNames: relative,
    jsonName,
    proto3Optional: optional,
    leadingComments: comments,
  };
}

// protoc
let t = performance.now();
execFileSync('protoc', [
  ...roots.map((r) => `-I${r}`),
  '--include_imports',
  '--include_source_info',
  `--descriptor_set_out=${join(tmp, 'p.pb')}`,
  ...corpus,
]);
const protocMs = performance.now() - t;
const protocFiles = fromBinary(FileDescriptorSetSchema, readFileSync(join(tmp, 'p.pb'))).file;

// protobufjs (what @grpc/proto-loader and @grpc/reflection use)
t = performance.now();
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => {
  for (const r of roots) {
    try {
      readFileSync(join(r, target));
      return join(r, target);
    } catch {
      // not under this root: try the next
    }
  }
  return target;
};
root.loadSync(corpus, { keepCase: true, alternateCommentMode: true });
const set = root.toDescriptor('proto3');
const pbjsMs = performance.now() - t;
const pbjsBytes = descriptorExt.FileDescriptorSet.encode(set).finish();
const pbjsFiles = fromBinary(FileDescriptorSetSchema, pbjsBytes).file;

// buf, cold process per compile (what compileProtoFiles does)
const moduleDir = join(tmp, 'module');
execFileSync('mkdir', ['-p', moduleDir]);
for (const r of roots.slice(0, 2)) execFileSync('cp', ['-r', `${r}/.`, moduleDir]);
writeFileSync(join(moduleDir, 'buf.yaml'), 'version: v2\n');
for (const g of ['google/api', 'google/rpc', 'google/type']) execFileSync('mkdir', ['-p', join(moduleDir, g)]);
for (const f of [
  'google/api/annotations.proto',
  'google/api/http.proto',
  'google/rpc/status.proto',
  'google/type/date.proto',
])
  execFileSync('cp', [join(google, f), join(moduleDir, f)]);
t = performance.now();
execFileSync(buf, ['build', '.', '-o', join(tmp, 'b.binpb')], { cwd: moduleDir, stdio: 'pipe' });
const bufMs = performance.now() - t;
const bufFiles = fromBinary(FileDescriptorSetSchema, readFileSync(join(tmp, 'b.binpb'))).file;

console.log(
  JSON.stringify(
    {
      corpus,
      protoc: { ms: Math.round(protocMs), ...stats(protocFiles) },
      protobufjs: { ms: Math.round(pbjsMs), ...stats(pbjsFiles), fileNames: pbjsFiles.map((f) => f.name) },
      buf: { ms: Math.round(bufMs), ...stats(bufFiles.filter((f) => protocFiles.some((p) => p.name === f.name))) },
    },
    null,
    2,
  ),
);
