// A server exposing many services (default 500) with server reflection, for figure 5. The
// .proto sources are generated at start: files of ten services each, all importing one common
// file, each method with its own request and response messages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempDir } from '../lib/common.mjs';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { ReflectionService } = require('@grpc/reflection');

const services = Number(process.argv[2] ?? 500);
const perFile = 10;
const dir = tempDir('loupe-bench-protos-');
mkdirSync(join(dir, 'bench', 'many', 'v1'), { recursive: true });
writeFileSync(
  join(dir, 'bench/many/v1/common.proto'),
  `syntax = "proto3";\npackage bench.many.common;\nimport "google/protobuf/timestamp.proto";\n` +
    `// Paging shared by every list method.\nmessage Page { int32 size = 1; string token = 2; }\n` +
    `message Audit { string by = 1; google.protobuf.Timestamp at = 2; map<string, string> labels = 3; }\n`,
);
const files = [];
for (let f = 0; f * perFile < services; f++) {
  // One package per file: proto-loader merges the files of a package into one descriptor.
  let text = `syntax = "proto3";\npackage bench.many.g${f};\nimport "bench/many/v1/common.proto";\nimport "google/protobuf/timestamp.proto";\n`;
  for (let s = f * perFile; s < Math.min(services, (f + 1) * perFile); s++) {
    const S = `Service${s}`;
    text += `\n// ${S} manages things number ${s}.\nservice ${S} {\n`;
    for (const m of ['Get', 'List', 'Create', 'Watch']) {
      text += `  // ${m} on ${S}.\n  rpc ${m}(${S}${m}Request) returns (${m === 'Watch' ? 'stream ' : ''}${S}${m}Response);\n`;
    }
    text += '}\n';
    for (const m of ['Get', 'List', 'Create', 'Watch']) {
      text += `message ${S}${m}Request { string name = 1; bench.many.common.Page page = 2; google.protobuf.Timestamp since = 5; optional int64 version = 3; repeated string fields = 4; }\n`;
      text += `message ${S}${m}Response { string name = 1; bench.many.common.Audit audit = 2; enum State { STATE_UNSPECIFIED = 0; ACTIVE = 1; } State state = 3; oneof value { string text = 4; int64 number = 5; } }\n`;
    }
  }
  const file = `bench/many/v1/file${f}.proto`;
  writeFileSync(join(dir, file), text);
  files.push(file);
}

const server = new grpc.Server();
// @grpc/reflection indexes every descriptor of every entry it is given; with one proto-loader
// definition of all files each service carries all of them and indexing grows quadratically
// (minutes for 500 services). Like the demo server, hand it each file's own descriptors.
const reflectionDefinition = {};
for (const file of files) {
  const definition = protoLoader.loadSync(file, { includeDirs: [dir] });
  for (const [name, value] of Object.entries(definition)) {
    if (!/^bench\.many\.g\d+\.Service\d+$/.test(name) || 'format' in value) continue;
    server.addService(value, {});
    reflectionDefinition[name] = {
      fileDescriptorProtos: Object.values(definition).find((v) => v.fileDescriptorProtos)?.fileDescriptorProtos,
    };
  }
}
new ReflectionService(reflectionDefinition).addToServer(server);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`${services} services listening on 127.0.0.1:${port}`);
});
process.on('SIGINT', () => server.tryShutdown(() => process.exit(0)));
