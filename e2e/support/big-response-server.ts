import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

const PROTO_DIR = join(__dirname, '..', 'fixtures', 'big-response');
/** Row i's id: past 2^53 (9007199254740993 has no double), so only exact text keeps it. */
export const rowId = (i: number): string => (9_007_199_254_740_993n + BigInt(i)).toString();
export const ROW_TEXT = 'The quick brown fox jumps over the lazy dog, again and again, until the message is big.';

export interface BigResponseServer {
  address: string;
  stop(): void;
}

/** A grpc-js server (with reflection) whose Rows/List answers as many rows as asked, on loopback. */
export async function startBigResponseServer(): Promise<BigResponseServer> {
  const definition = protoLoader.loadSync('big_response.proto', { includeDirs: [PROTO_DIR], longs: String });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    loupe: { e2e: { big: { v1: { Rows: grpc.ServiceClientConstructor } } } };
  };
  const server = new grpc.Server();
  server.addService(loaded.loupe.e2e.big.v1.Rows.service, {
    List: (
      call: grpc.ServerUnaryCall<{ rows: number; marker: number }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      const { rows, marker } = call.request;
      callback(null, {
        rows: Array.from({ length: rows }, (_, i) => ({
          id: rowId(i),
          name: i === marker && marker > 0 ? 'needle-row' : `row-${i}`,
          text: ROW_TEXT,
        })),
      });
    },
  });
  new ReflectionService(definition).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}
