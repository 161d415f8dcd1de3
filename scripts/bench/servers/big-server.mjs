// A server whose unary Get answers with a message of the requested size (rows of ~190 bytes),
// with server reflection, for figure 6.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { ReflectionService } = require('@grpc/reflection');

const here = dirname(fileURLToPath(import.meta.url));
const definition = protoLoader.loadSync(join(here, 'big.proto'), { longs: String });
const service = definition['loupe.bench.v1.Big'];
const GetResponse = definition['loupe.bench.v1.GetResponse'];
const encoded = new Map();

function response(bytes) {
  if (!encoded.has(bytes)) {
    const rows = [];
    const text = 'The quick brown fox jumps over the lazy dog, again and again, until the message is big enough. '
      .repeat(2)
      .slice(0, 150);
    for (let id = 1, size = 0; size < bytes; id++) {
      rows.push({
        id: String(id * 7919),
        name: `row-${id}`,
        text,
        value: id / 3,
        flag: id % 2 === 0,
        tags: ['a', 'bb'],
      });
      size += 190;
    }
    encoded.set(bytes, service.Get.responseSerialize({ rows }));
  }
  return encoded.get(bytes);
}

const server = new grpc.Server({ 'grpc.max_send_message_length': -1, 'grpc.max_receive_message_length': -1 });
// Pre-encoded answers: the figure measures the client, not this server's serializer.
server.addService(
  { Get: { ...service.Get, responseSerialize: (b) => b } },
  {
    Get(call, callback) {
      callback(null, response(call.request.bytes || 1024));
    },
  },
);
new ReflectionService(definition).addToServer(server);
const warm = Number(process.argv[2] ?? 0);
if (warm) response(warm);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`big-message server listening on 127.0.0.1:${port} (${GetResponse ? 'ok' : '?'})`);
});
process.on('SIGINT', () => server.tryShutdown(() => process.exit(0)));
