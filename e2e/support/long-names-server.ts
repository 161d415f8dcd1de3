import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';

/** The fixture's service: long package, service, method, field and metadata values. */
export const LONG_PACKAGE = 'com.example.enterprise.platform.customer_relationship_management.accounts.v1beta2';
export const LONG_SERVICE = `${LONG_PACKAGE}.CustomerAccountRelationshipManagementService`;
export const LONG_UNARY = 'ListAllCustomerAccountRelationshipsWithExtendedAttributesAndPagination';
export const LONG_STREAM = 'WatchCustomerAccountRelationshipChangesAcrossAllRegions';
export const LONG_PROTO = join(
  __dirname,
  '..',
  'fixtures',
  'long-names',
  'com/example/enterprise/customer_relationship_management_accounts.proto',
);
/** A header value with no space to break at, as tokens and trace ids are. */
export const LONG_HEADER_VALUE = `trace-${'0123456789abcdef'.repeat(12)}`;

export interface LongNamesServer {
  address: string;
  stop(): void;
}

/** A grpc-js server of the long-names service with reflection, on a free loopback port. */
export async function startLongNamesServer(): Promise<LongNamesServer> {
  const root = join(__dirname, '..', 'fixtures', 'long-names');
  const pkg = protoLoader.loadSync('com/example/enterprise/customer_relationship_management_accounts.proto', {
    includeDirs: [root],
  });
  const loaded = grpc.loadPackageDefinition(pkg);
  const ctor = LONG_SERVICE.split('.').reduce<unknown>(
    (o, k) => (o as Record<string, unknown>)[k],
    loaded,
  ) as grpc.ServiceClientConstructor;
  const change = (i: number) => ({
    relatedAccountIdentifierIncludingTheRegionalPartitionPrefix: `eu-west-3/partition-0042/account-${i}-${'x'.repeat(60)}`,
    description: 'A relationship whose description is long enough to need wrapping in a narrow response panel.',
  });
  const server = new grpc.Server();
  server.addService(ctor.service, {
    [LONG_UNARY]: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) => {
      const headers = new grpc.Metadata();
      headers.set('x-very-long-trace-context-header-name-for-distributed-tracing', LONG_HEADER_VALUE);
      call.sendMetadata(headers);
      done(null, {
        relationships: [change(1), change(2)],
        nextPageTokenForContinuingTheListingWhereItStopped: 'b'.repeat(180),
      });
    },
    [LONG_STREAM]: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      for (let i = 1; i <= 3; i++) call.write(change(i));
      call.end();
    },
  });
  new ReflectionService(pkg).addToServer(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}
