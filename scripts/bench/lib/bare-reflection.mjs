// The baseline of figure 5's reflection row: what grpcurl does to describe a server, in plain
// grpc-js. One ServerReflectionInfo stream; list the services, then ask for the file of each
// service not yet seen and for every import not yet seen, one question at a time, and decode each
// file descriptor. No cache, no linking beyond decoding. Returns the files it fetched.
import { require } from './common.mjs';

const grpc = require('@grpc/grpc-js');
const { fromBinary } = require('@bufbuild/protobuf');
const { BinaryReader, BinaryWriter } = require('@bufbuild/protobuf/wire');
const { FileDescriptorProtoSchema } = require('@bufbuild/protobuf/wkt');

const METHOD = '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo';

// ServerReflectionRequest: file_by_filename = 3, file_containing_symbol = 4, list_services = 7.
const request = (field, text) => Buffer.from(new BinaryWriter().tag(field, 2).string(text).finish());

/** ServerReflectionResponse: the file descriptors (4.1), service names (6.1.1) or error (7.2). */
function response(bytes) {
  const out = { files: [], services: [], error: undefined };
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [field, wire] = reader.tag();
    if (field !== 4 && field !== 6 && field !== 7) {
      reader.skip(wire);
      continue;
    }
    const inner = new BinaryReader(reader.bytes());
    while (inner.pos < inner.len) {
      const [f, w] = inner.tag();
      if (field === 4 && f === 1) out.files.push(inner.bytes());
      else if (field === 6 && f === 1) {
        const service = new BinaryReader(inner.bytes());
        while (service.pos < service.len) {
          const [sf, sw] = service.tag();
          if (sf === 1) out.services.push(service.string());
          else service.skip(sw);
        }
      } else if (field === 7 && f === 2) out.error = inner.string();
      else inner.skip(w);
    }
  }
  return out;
}

export async function bareReflection(address) {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const call = client.makeBidiStreamRequest(
    METHOD,
    (b) => b,
    (b) => b,
  );
  const waiting = [];
  call.on('data', (b) => waiting.shift()?.resolve(response(b)));
  call.on('error', (e) => waiting.splice(0).forEach((w) => w.reject(e)));
  const ask = (field, text) =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      call.write(request(field, text));
    });
  try {
    const files = new Map();
    const take = (answer) => {
      if (answer.error) throw new Error(`reflection: ${answer.error}`);
      for (const bytes of answer.files) {
        const file = fromBinary(FileDescriptorProtoSchema, bytes);
        if (!files.has(file.name)) files.set(file.name, file);
      }
    };
    const { services } = await ask(7, '*');
    const owned = new Set();
    for (const service of services) {
      if (service.startsWith('grpc.reflection.')) continue;
      const known = [...files.values()].some((f) => f.service.some((s) => `${f.package}.${s.name}` === service));
      if (!known) take(await ask(4, service));
      owned.add(service);
    }
    for (let missing = missingImports(files); missing.length > 0; missing = missingImports(files)) {
      for (const name of missing) take(await ask(3, name));
    }
    return { services: owned.size, files: files.size };
  } finally {
    call.end();
    call.cancel();
    client.close();
  }
}

function missingImports(files) {
  const missing = new Set();
  for (const f of files.values()) for (const d of f.dependency) if (!files.has(d)) missing.add(d);
  return [...missing];
}
