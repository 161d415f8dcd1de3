import { bytesMethodOf } from '../calls/bytes-method';
import * as grpc from '@grpc/grpc-js';
import { Demo } from './demo_pb.generated';
import { addGrpcReflection } from './grpc-reflection';
import { createHandlers, type DemoStats } from './handlers';
import { DEMO_SERVICE, demoReflectionAnswers } from './registry';
import { answerIPv4WithoutTheIPv6Pattern } from '../net/ipv6-check';

export interface DemoServerOptions {
  /** Default 127.0.0.1 (loopback only); `unix:/path` listens on a unix socket. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Server credentials; plaintext by default. Tests pass TLS credentials here. */
  credentials?: grpc.ServerCredentials;
  /** Server interceptors, e.g. a test's check of the caller's token. */
  interceptors?: grpc.ServerInterceptor[];
}

export interface DemoServer {
  /** host:port to dial. */
  address: string;
  port: number;
  /** Graceful stop (1 s grace, then forced); says which it was. Idempotent. */
  stop(): Promise<'graceful' | 'forced'>;
  /** Drop every connection at once, like a crashed server. */
  kill(): void;
  /** Live counters, for tests that observe the server side. */
  stats: DemoStats;
}

/** grpc-js service definition straight from the service's descriptor; messages travel as bytes. */
function serviceDefinition(): grpc.ServiceDefinition {
  const def: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
  for (const method of Demo.methods) {
    def[method.name] = bytesMethodOf(DEMO_SERVICE, method);
  }
  return def;
}

/** Starts the embedded demo server (loupe.demo.v1.Demo plus reflection v1 and v1alpha). */
export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const host = opts.host ?? '127.0.0.1';
  const stats: DemoStats = { ticksSent: 0, ticksBlocked: 0, callsCancelled: 0 };
  // grpc-js asks whether the address it binds is IPv6 too.
  answerIPv4WithoutTheIPv6Pattern();
  const server = new grpc.Server(opts.interceptors ? { interceptors: opts.interceptors } : undefined);
  server.addService(serviceDefinition(), createHandlers(stats));
  // protoc's own descriptors (comments included), so clients reflect exactly what protoc compiled.
  addGrpcReflection(server, demoReflectionAnswers());

  // unix:/path binds a socket file; anything else is an IP or name plus a port.
  const isUnix = host.startsWith('unix:');
  const bindHost = !isUnix && host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const bindAddress = isUnix ? host : `${bindHost}:${opts.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(bindAddress, opts.credentials ?? grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });

  let stopped: Promise<'graceful' | 'forced'> | undefined;
  return {
    address: isUnix ? host : `${bindHost}:${port}`,
    port,
    stats,
    kill: () => server.forceShutdown(),
    stop() {
      stopped ??= new Promise((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve('forced');
        }, 1000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve('graceful');
        });
      });
      return stopped;
    },
  };
}
