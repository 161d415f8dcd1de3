import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Registry } from '@bufbuild/protobuf';
import type { Transport } from '@connectrpc/connect';
import {
  compressionBrotli,
  compressionGzip,
  createNodeHttpClient,
  Http2SessionManager,
} from '@connectrpc/connect-node';
import type { CommonTransportOptions, UniversalClientFn } from '@connectrpc/connect/protocol';
import { createTransport as createConnectProtocolTransport } from '@connectrpc/connect/protocol-connect';
import { createTransport as createGrpcWebProtocolTransport } from '@connectrpc/connect/protocol-grpc-web';
import { parseEndpoint } from '../../../../shared/model/address';
import { AppError } from '../../../../shared/model/errors';
import {
  connectTimeoutOf,
  httpVersionOf,
  PROTOCOL_LABELS,
  type ConnectivityState,
  type TargetSettings,
} from '../../../../shared/model/target';
import { connectTimeoutMessage } from '../connect-timeout';
import type { TlsFiles } from '../tls-files';
import { exchangeClient, type Exchange } from './exchange';
import { DEFAULT_READ_MAX_BYTES } from './frames';
import { WebCall } from './web-call';
import { CONNECT_TIMEOUT_CODE } from './web-failure';

/** The largest a gRPC-Web or Connect frame can say it is. */
const MAX_FRAME_BYTES = 0xffffffff;

/** Where a web-protocol target is dialed: an origin, and the TLS name to check. */
function originOf(target: TargetSettings): { baseUrl: string; host: string } {
  const endpoint = parseEndpoint(target.address);
  if (!endpoint || 'path' in endpoint) {
    throw new AppError(
      'VALIDATION',
      `${PROTOCOL_LABELS[target.protocol]} needs a host:port address; '${target.address}' is not one (unix sockets are for gRPC).`,
    );
  }
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return { baseUrl: `${target.tls.enabled ? 'https' : 'http'}://${host}:${endpoint.port}`, host: endpoint.host };
}

function tlsOptions(target: TargetSettings, files: TlsFiles, host: string): tls.ConnectionOptions {
  if (!target.tls.enabled) {
    if (target.tls.certPath || target.tls.keyPath) {
      throw new AppError('VALIDATION', 'A client certificate needs TLS: turn TLS on or remove the certificate');
    }
    return {};
  }
  if (Boolean(target.tls.certPath) !== Boolean(target.tls.keyPath)) {
    throw new AppError('VALIDATION', 'mTLS needs both a client certificate and its private key');
  }
  // The authority override is also the TLS name, as with gRPC (grpc.ssl_target_name_override).
  const servername = target.authority?.replace(/:\d+$/, '') ?? host;
  const skip = target.tls.insecureSkipVerify;
  return {
    ...(files.ca ? { ca: files.ca } : {}),
    ...(files.cert ? { cert: files.cert } : {}),
    ...(files.key ? { key: files.key } : {}),
    ...(net.isIP(servername) ? {} : { servername }),
    rejectUnauthorized: !skip,
    checkServerIdentity: skip ? () => undefined : (_host, cert) => tls.checkServerIdentity(servername, cert),
  };
}

/**
 * Destroys a socket that has not connected (TCP, and TLS when on) within the target's connect
 * timeout: without it a dropped SYN holds a call for the system's two minutes, as gRPC's would
 * without its own (connect-timeout.ts).
 */
function bounded<S extends net.Socket>(socket: S, target: TargetSettings): S {
  const ms = connectTimeoutOf(target);
  const timer = setTimeout(() => {
    socket.destroy(Object.assign(new Error(connectTimeoutMessage(target.address, ms)), { code: CONNECT_TIMEOUT_CODE }));
  }, ms);
  timer.unref?.();
  const done = () => clearTimeout(timer);
  socket.once(target.tls.enabled ? 'secureConnect' : 'connect', done);
  socket.once('close', done);
  return socket;
}

/** What one call needs to build its transport. */
export interface CallTransportOptions {
  registry: Registry;
  exchange: Exchange;
}

/**
 * The HTTP connection(s) of one gRPC-Web or Connect target: one HTTP/2 session, or a keep-alive
 * agent for HTTP/1.1, shared by every call to it. Each call gets a transport of its own over them,
 * so its exchange (status, content type, headers as they arrive) is observed for that call alone.
 */
/**
 * Sends the target's authority override as each request's :authority, as grpc-js does with
 * grpc.default_authority (a proxy or virtual host routes on it). Node would send the dialed
 * address (with its port) otherwise; the socket still dials the target's address.
 */
class AuthoritySessionManager extends Http2SessionManager {
  constructor(
    private readonly authorityOverride: string | undefined,
    ...args: ConstructorParameters<typeof Http2SessionManager>
  ) {
    super(...args);
  }

  override request(...[method, path, headers, options]: Parameters<Http2SessionManager['request']>) {
    return super.request(
      method,
      path,
      this.authorityOverride ? { ...headers, ':authority': this.authorityOverride } : headers,
      options,
    );
  }
}

export class WebConnection {
  readonly baseUrl: string;
  private readonly session?: Http2SessionManager;
  private readonly agent?: http.Agent;
  private readonly http: UniversalClientFn;

  constructor(
    readonly target: TargetSettings,
    files: TlsFiles,
    /**
     * Where sockets go when not to the target itself: a proxy's loopback forwarder. URLs, the
     * :authority, Host and the TLS name stay the target's.
     */
    dial?: { host: string; port: number },
  ) {
    const { baseUrl, host: targetHost } = originOf(target);
    this.baseUrl = baseUrl;
    const tlsOpts = tlsOptions(target, files, targetHost);
    if (httpVersionOf(target) === '2') {
      const { host, port } = dial ?? { host: targetHost, port: Number(new URL(baseUrl).port) };
      const createConnection = () =>
        bounded(
          target.tls.enabled
            ? tls.connect({ ...tlsOpts, host, port, ALPNProtocols: ['h2'] })
            : net.connect({ host, port }),
          target,
        );
      this.session = new AuthoritySessionManager(
        target.authority,
        baseUrl,
        target.keepaliveTimeMs ? { pingIntervalMs: target.keepaliveTimeMs } : {},
        { ...tlsOpts, createConnection },
      );
      const session = this.session;
      this.http = createNodeHttpClient({ httpVersion: '2', sessionProvider: () => session });
    } else {
      this.agent = target.tls.enabled
        ? new https.Agent({ keepAlive: true, ...(tlsOpts as https.AgentOptions) })
        : new http.Agent({ keepAlive: true });
      const agent = this.agent as http.Agent & {
        createConnection(options: object, callback?: unknown): net.Socket;
      };
      const create = agent.createConnection.bind(agent);
      agent.createConnection = (options, callback) =>
        bounded(create(dial ? { ...options, ...dial } : options, callback), target);
      // HTTP/1.1 has no :authority: the override is the Host header.
      const headers = target.authority ? { host: target.authority } : undefined;
      this.http = createNodeHttpClient({ httpVersion: '1.1', nodeOptions: { agent: this.agent, headers } });
    }
  }

  /** A transport for one call, over the shared connection, reporting its exchange. */
  transport({ registry, exchange }: CallTransportOptions): Transport {
    const t = this.target;
    const options: CommonTransportOptions = {
      baseUrl: this.baseUrl,
      httpClient: exchangeClient(this.http, t, exchange),
      useBinaryFormat: t.protocol !== 'connect' || t.connectCodec === 'binary',
      interceptors: [],
      // The registry lets JSON carry Any fields and read google.rpc details.
      jsonOptions: { registry },
      binaryOptions: {},
      acceptCompression: [compressionGzip, compressionBrotli],
      sendCompression: t.compression === 'gzip' ? compressionGzip : null,
      // gzip on means every message, as with gRPC (grpc.default_compression_algorithm).
      compressMinBytes: 0,
      readMaxBytes: t.maxReceiveMessageBytes ?? DEFAULT_READ_MAX_BYTES,
      writeMaxBytes: t.maxSendMessageBytes ?? MAX_FRAME_BYTES,
    };
    return t.protocol === 'connect' ? createConnectProtocolTransport(options) : createGrpcWebProtocolTransport(options);
  }

  /** A call over this connection (the call runner starts it). */
  call(...args: ConstructorParameters<typeof WebCall>): WebCall {
    return new WebCall(...args);
  }

  /** The HTTP/2 session's state as gRPC names it; HTTP/1.1 keeps no connection to tell of. */
  connectivity(): ConnectivityState {
    switch (this.session?.state()) {
      case 'connecting':
      case 'verifying':
        return 'CONNECTING';
      case 'open':
      case 'idle':
        return 'READY';
      case 'error':
        return 'TRANSIENT_FAILURE';
      default:
        return 'IDLE';
    }
  }

  /** Is the HTTP/2 session connecting or up? HTTP/1.1 has no such state to tell. */
  connecting(): boolean {
    const state = this.session?.state();
    return state === 'connecting' || state === 'verifying';
  }

  close(): void {
    this.session?.abort();
    this.agent?.destroy();
  }
}
