import { bytesMethodOf } from '../calls/bytes-method';
import * as grpc from '@grpc/grpc-js';
import type { DescMethod } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { startConnectServer } from '../connect-server/connect-server';
import { addReflectionRoutes, reflectionAnswerer } from '../connect-server/reflection-routes';
import type { SchemaRegistry } from '../schema/registry';
import type { CompiledRule } from './compile-rules';
import { addHealthService, HEALTH_FILE, HEALTH_SERVICE } from './health';
import { MethodPlanner } from './answer-plan';
import type { MockCallEntry } from './call-log';
import { methodHandler } from './serve-method';
import { addMockRoutes } from './web-routes';
import { answerIPv4WithoutTheIPv6Pattern } from '../net/ipv6-check';

export interface MockTls {
  /** PEM certificate chain and private key the mock presents. */
  cert: Buffer;
  key: Buffer;
  /** PEM CAs: when given, clients must present a certificate they signed (mutual TLS). */
  clientCa?: Buffer;
}

/** How one method is served: from rules (the default), or by a handler of its own (recording). */
export type HandlerFor = (
  method: DescMethod,
  onCall: (entry: MockCallEntry) => void,
) => grpc.UntypedHandleCall | undefined;

export interface MockServerOptions {
  schema: SchemaRegistry;
  /** Rules by gRPC path (`/pkg.Service/Method`); methods without rules give their sample answer. */
  rules?: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  tls?: MockTls;
  /** Called after each call with what it received and answered. */
  onCall?: (entry: MockCallEntry) => void;
  /** The clock templates' `now` and the log read; tests pin it. */
  now?: () => number;
  /** Replaces the rules' handler of a method (the recording proxy; gRPC only). */
  handlerFor?: HandlerFor;
  /** Also serve gRPC-Web, gRPC-Web text and Connect (HTTP/1.1 and HTTP/2) on this port (0: a free one). */
  webPort?: number;
}

export interface MockServer {
  /** host:port to dial. */
  address: string;
  port: number;
  /** host:port of the same services over gRPC-Web and Connect, when asked for. */
  webAddress?: string;
  /** The services it answers (the schema's, without reflection and health, which it serves itself). */
  services: string[];
  /** Graceful stop (1 s grace, then forced). Idempotent. */
  stop(): Promise<void>;
}

/** Served by the mock itself, whatever the schema says about them. */
const OWN_SERVICES = /^grpc\.(reflection\.v1(alpha)?\.ServerReflection|health\.v1\.Health)$/;

/**
 * A gRPC server for every service of a schema: messages stay bytes (decoded only to match and
 * template), answers come from rules or the method's sample, and the server also speaks
 * reflection (v1 and v1alpha, with the schema's own descriptors) and the health service.
 */
export async function startMockServer(opts: MockServerOptions): Promise<MockServer> {
  const schema = opts.schema;
  const onCall = opts.onCall ?? (() => undefined);
  const now = opts.now ?? Date.now;
  // grpc-js asks whether the address it binds is IPv6 too.
  answerIPv4WithoutTheIPv6Pattern();
  const server = new grpc.Server();
  const services: string[] = [];
  const planners: MethodPlanner[] = [];
  for (const file of schema.registry.files) {
    for (const service of file.services) {
      if (OWN_SERVICES.test(service.typeName)) continue;
      services.push(service.typeName);
      const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
      const handlers: grpc.UntypedServiceImplementation = {};
      for (const method of service.methods) {
        const path = `/${service.typeName}/${method.name}`;
        definition[method.name] = bytesMethodOf(service.typeName, method);
        // One planner per method for both servers: a rule's {{seq}} counts calls on every protocol.
        const planner = new MethodPlanner(method, opts.rules?.get(path) ?? [], schema.registry, now);
        planners.push(planner);
        handlers[method.name] = opts.handlerFor?.(method, onCall) ?? methodHandler({ planner, now, onCall });
      }
      server.addService(definition, handlers);
    }
  }
  addHealthService(server, new Set(services));
  await addReflection(server, schema);

  const host = opts.host ?? '127.0.0.1';
  // unix:/path binds a socket file (gRPC only; the web port then listens on loopback), as the demo does.
  const isUnix = host.startsWith('unix:');
  const bindHost = !isUnix && host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const bindAddress = isUnix ? host : `${bindHost}:${opts.port ?? 0}`;
  const credentials = opts.tls
    ? grpc.ServerCredentials.createSsl(
        opts.tls.clientCa ?? null,
        [{ cert_chain: opts.tls.cert, private_key: opts.tls.key }],
        opts.tls.clientCa !== undefined,
      )
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(bindAddress, credentials, (err, p) => (err ? reject(err) : resolve(p)));
  });
  const web =
    opts.webPort === undefined
      ? undefined
      : await startConnectServer({
          host: isUnix ? undefined : host,
          port: opts.webPort,
          tls: opts.tls && {
            cert: opts.tls.cert,
            key: opts.tls.key,
            ca: opts.tls.clientCa,
            requestCert: !!opts.tls.clientCa,
          },
          routes: (router) => {
            addMockRoutes(router, { planners, now, onCall });
            addReflectionRoutes(router, reflectionAnswerer(reflectedFiles(schema), [...services, HEALTH_SERVICE]));
          },
        }).catch((err: unknown) => {
          server.forceShutdown();
          throw err;
        });
  let stopped: Promise<void> | undefined;
  return {
    address: isUnix ? host : `${bindHost}:${port}`,
    port,
    webAddress: web?.address,
    services,
    stop() {
      stopped ??= new Promise((resolve) => {
        void web?.stop();
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return stopped;
    },
  };
}

/** Reflection of the schema's files and health.proto (reflection-service.ts, loaded with the first mock). */
async function addReflection(server: grpc.Server, schema: SchemaRegistry): Promise<void> {
  const { addReflectionService } = await import('./reflection-service');
  addReflectionService(server, reflectedFiles(schema));
}

/** The schema's files, with health.proto unless the schema has its own. */
function reflectedFiles(schema: SchemaRegistry): FileDescriptorProto[] {
  const hasHealth = schema.files.some((f) => f.service.some((s) => `${f.package}.${s.name}` === HEALTH_SERVICE));
  return hasHealth ? schema.files : [...schema.files, HEALTH_FILE];
}
