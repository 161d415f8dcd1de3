import * as grpc from '@grpc/grpc-js';
import { checkAddress, normalizeAddress } from '../../../shared/model/address';
import { AppError } from '../../../shared/model/errors';
import {
  connectTimeoutOf,
  httpVersionOf,
  type ConnectivityState,
  type TargetSettings,
} from '../../../shared/model/target';
import type { ProxyForwarder } from '../net';
import { answerIPv4WithoutTheIPv6Pattern } from '../net/ipv6-check';
import { connectTimeoutInterceptor } from './connect-timeout';
import { authorityOf, knownDirect, startProxyFor, viaOf, type ProxyEnvironment, type ProxyVia } from './proxy-route';
import { needsTlsFiles, readTlsFiles, type TlsFiles } from './tls-files';
import type * as Web from './web';
import type { WebConnection } from './web/web-connection';

export type { ConnectivityState };

const STATE_NAMES: Record<number, ConnectivityState> = {
  [grpc.connectivityState.IDLE]: 'IDLE',
  [grpc.connectivityState.CONNECTING]: 'CONNECTING',
  [grpc.connectivityState.READY]: 'READY',
  [grpc.connectivityState.TRANSIENT_FAILURE]: 'TRANSIENT_FAILURE',
  [grpc.connectivityState.SHUTDOWN]: 'SHUTDOWN',
};

/** The settings that change how a channel connects (each channel has its connect timeout); the schema source does not. */
function connectionKey(t: TargetSettings): string {
  return JSON.stringify([
    t.address,
    t.protocol,
    httpVersionOf(t),
    t.connectCodec,
    t.tls.enabled,
    t.tls.caPath ?? null,
    t.tls.certPath ?? null,
    t.tls.keyPath ?? null,
    t.tls.insecureSkipVerify,
    t.authority ?? null,
    t.maxSendMessageBytes ?? null,
    t.maxReceiveMessageBytes ?? null,
    t.keepaliveTimeMs ?? null,
    t.compression,
    t.userAgent ?? null,
    connectTimeoutOf(t),
    t.proxy ?? null,
  ]);
}

/** Credentials from settings and the TLS files already read (readTlsFiles); reads nothing itself. */
export function createCredentials(t: TargetSettings, files: TlsFiles = {}): grpc.ChannelCredentials {
  if (!t.tls.enabled) {
    if (t.tls.certPath || t.tls.keyPath) {
      throw new AppError('VALIDATION', 'A client certificate needs TLS: turn TLS on or remove the certificate');
    }
    return grpc.credentials.createInsecure();
  }
  if (Boolean(t.tls.certPath) !== Boolean(t.tls.keyPath)) {
    throw new AppError('VALIDATION', 'mTLS needs both a client certificate and its private key');
  }
  const { ca = null, key = null, cert = null } = files;
  const verify: grpc.VerifyOptions = t.tls.insecureSkipVerify
    ? // Both are needed: rejectUnauthorized covers the chain, checkServerIdentity the host name.
      { rejectUnauthorized: false, checkServerIdentity: () => undefined }
    : {};
  try {
    return grpc.credentials.createSsl(ca, key, cert, verify);
  } catch (err) {
    throw new AppError('VALIDATION', `Invalid TLS files: ${(err as Error).message}`);
  }
}

/**
 * `viaProxy`: the channel dials a loopback forwarder (proxy-route.ts), so the server's name is
 * given as the authority and TLS name, as the address would have given it.
 */
export function channelOptions(t: TargetSettings, viaProxy = false): grpc.ChannelOptions {
  const o: grpc.ChannelOptions = {
    // The engine chooses proxies itself (target, environment, system: proxy-route.ts); grpc-js
    // reading grpc_proxy/https_proxy on its own would bypass that choice or proxy twice.
    'grpc.enable_http_proxy': 0,
    // Each pooled channel owns its connections, so dispose() really closes them and one target's
    // failures never leak into another's.
    'grpc.use_local_subchannel_pool': 1,
    // A user who just started their server should not wait out a long reconnect backoff.
    'grpc.initial_reconnect_backoff_ms': 300,
    'grpc.max_reconnect_backoff_ms': 5000,
    'grpc.max_receive_message_length': t.maxReceiveMessageBytes ?? 4 * 1024 * 1024,
    'grpc.max_send_message_length': t.maxSendMessageBytes ?? -1,
    'grpc.primary_user_agent': t.userAgent ?? 'loupe/0.1',
  };
  const authority = t.authority ?? (viaProxy ? authorityOf(t) : undefined);
  if (authority) {
    o['grpc.default_authority'] = authority;
    // Also the TLS SNI and the name the certificate is checked against.
    if (t.tls.enabled)
      o['grpc.ssl_target_name_override'] = t.authority ?? authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  }
  if (t.keepaliveTimeMs) {
    o['grpc.keepalive_time_ms'] = t.keepaliveTimeMs;
    o['grpc.keepalive_permit_without_calls'] = 1;
  }
  if (t.compression === 'gzip') o['grpc.default_compression_algorithm'] = 2; // grpc.compressionAlgorithms.gzip
  return o;
}

interface Entry {
  client: grpc.Client;
  target: TargetSettings;
  /** What prepare() read for it: diagnosing a failure dials with these, not a second read. */
  files: TlsFiles;
}

/** What prepare() made for a connection key before its channel: files read, proxy forwarder. */
interface Prepared {
  files: TlsFiles;
  forwarder?: ProxyForwarder;
}

/**
 * One grpc-js channel per distinct connection settings, shared by calls and reflection.
 * The pool owns the channels: dispose() closes every one of them.
 */
export class ChannelPool {
  private readonly entries = new Map<string, Entry>();
  /** gRPC-Web and Connect targets' HTTP connections, by the same key. */
  private readonly web = new Map<string, WebConnection>();
  /** The web protocols' code, loaded by the first prepare() of such a target. */
  private webModule?: typeof Web;
  /** Each proxied key's loopback forwarder, shared by its gRPC channel and web connection. */
  private readonly forwarders = new Map<string, ProxyForwarder>();
  private disposed = false;

  constructor(readonly proxies: ProxyEnvironment = {}) {}

  /**
   * The client for these settings, created on first use after reading the TLS files it names
   * (asynchronously and bounded: a CA path of /dev/zero must not stall the engine) and choosing
   * its proxy (proxy-route.ts). Rejects with AppError VALIDATION for a missing, unreadable or
   * non-PEM file or an unusable proxy URL.
   */
  async prepare(target: TargetSettings): Promise<grpc.Client> {
    checkAddress(target.address);
    if (target.protocol !== 'grpc') this.webModule ??= await import('./web');
    const key = connectionKey(target);
    if (this.entries.has(key) || this.ready(target)) {
      if (target.protocol !== 'grpc') this.getWebConnection(target);
      return this.getClient(target);
    }
    const files = needsTlsFiles(target) ? await readTlsFiles(target) : {};
    const forwarder = this.forwarders.get(key) ?? (await this.startForwarder(target, files));
    const prepared: Prepared = { files, forwarder };
    if (target.protocol !== 'grpc' && !this.web.has(key)) this.createWeb(target, prepared);
    // Another caller may have made it meanwhile: keep theirs, so there is one channel per key.
    return this.entries.get(key)?.client ?? this.create(target, prepared);
  }

  /** Can a channel be made for these settings without prepare()? No files to read, no proxy to choose. */
  private ready(target: TargetSettings): boolean {
    return !needsTlsFiles(target) && knownDirect(target, this.proxies);
  }

  private async startForwarder(target: TargetSettings, files: TlsFiles): Promise<ProxyForwarder | undefined> {
    const forwarder = await startProxyFor(target, this.proxies, files);
    if (!forwarder) return undefined;
    const key = connectionKey(target);
    const theirs = this.forwarders.get(key);
    if (theirs || this.disposed) {
      forwarder.close();
      return theirs;
    }
    this.forwarders.set(key, forwarder);
    return forwarder;
  }

  /**
   * The client for these settings. Creates it when it needs no files and no proxy choice; else the
   * target must be prepared first, so nothing is read or resolved on the caller's synchronous path.
   */
  getClient(target: TargetSettings): grpc.Client {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    checkAddress(target.address);
    const existing = this.entries.get(connectionKey(target));
    if (existing) return existing.client;
    if (!this.ready(target))
      throw new AppError(
        'INTERNAL',
        `The connection to ${target.address} was not prepared: prepare() the target first`,
      );
    return this.create(target, { files: {} });
  }

  /**
   * The HTTP connection of a gRPC-Web or Connect target, like getClient: created here when it
   * needs no files nor proxy, else by prepare(). Reflection still goes through the gRPC client.
   */
  getWebConnection(target: TargetSettings): WebConnection {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    const existing = this.web.get(connectionKey(target));
    if (existing) return existing;
    if (!this.ready(target) || !this.webModule)
      throw new AppError(
        'INTERNAL',
        `The connection to ${target.address} was not prepared: prepare() the target first`,
      );
    return this.createWeb(target, { files: {} });
  }

  private createWeb(target: TargetSettings, { files, forwarder }: Prepared): WebConnection {
    if (!this.webModule) throw new AppError('INTERNAL', 'The gRPC-Web and Connect code was not loaded');
    const connection = new this.webModule.WebConnection(
      target,
      files,
      forwarder && { host: '127.0.0.1', port: forwarder.port },
    );
    this.web.set(connectionKey(target), connection);
    return connection;
  }

  private create(target: TargetSettings, { files, forwarder }: Prepared): grpc.Client {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    const interceptor = connectTimeoutInterceptor(() => client.getChannel(), target.address, connectTimeoutOf(target));
    // Through a proxy the channel dials the loopback forwarder; its options name the real server.
    const address = forwarder ? forwarder.address : normalizeAddress(target.address);
    answerIPv4WithoutTheIPv6Pattern();
    const client: grpc.Client = new grpc.Client(address, createCredentials(target, files), {
      ...channelOptions(target, forwarder !== undefined),
      interceptors: [interceptor],
    });
    this.entries.set(connectionKey(target), { client, target, files });
    return client;
  }

  /** The proxy the connection for these settings goes through; undefined when it is direct or not made. */
  via(target: TargetSettings): ProxyVia | undefined {
    const forwarder = this.forwarders.get(connectionKey(target));
    return forwarder && viaOf(forwarder);
  }

  /** The TLS files the channel for these settings was made with; undefined when there is none yet. */
  tlsFiles(target: TargetSettings): TlsFiles | undefined {
    return this.entries.get(connectionKey(target))?.files;
  }

  has(target: TargetSettings): boolean {
    return this.entries.has(connectionKey(target));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Current state; `connect` asks an idle channel to start connecting. */
  state(target: TargetSettings, connect = false): ConnectivityState {
    // A web target's state is its HTTP connection's, not that of the gRPC channel reflection uses.
    if (target.protocol !== 'grpc') return this.web.get(connectionKey(target))?.connectivity() ?? 'IDLE';
    const entry = this.entries.get(connectionKey(target));
    if (!entry) return 'IDLE';
    return STATE_NAMES[entry.client.getChannel().getConnectivityState(connect)] ?? 'IDLE';
  }

  /**
   * Calls onChange with each new connectivity state until the returned function is called or the
   * channel closes.
   */
  watch(target: TargetSettings, onChange: (state: ConnectivityState) => void): () => void {
    if (target.protocol !== 'grpc') return this.watchWeb(target, onChange);
    const channel = this.getClient(target).getChannel();
    let active = true;
    const loop = (current: grpc.connectivityState) => {
      if (!active || current === grpc.connectivityState.SHUTDOWN) return;
      // A far deadline: grpc-js needs one; we re-arm after every change.
      channel.watchConnectivityState(current, Date.now() + 2 ** 31 - 1, (err) => {
        if (!active || err) return;
        const next = channel.getConnectivityState(false);
        onChange(STATE_NAMES[next] ?? 'IDLE');
        loop(next);
      });
    };
    loop(channel.getConnectivityState(false));
    return () => {
      active = false;
    };
  }

  /** The HTTP connection has no change events: it is looked at twice a second while watched. */
  private watchWeb(target: TargetSettings, onChange: (state: ConnectivityState) => void): () => void {
    let last = this.state(target);
    const timer = setInterval(() => {
      const now = this.state(target);
      if (now !== last) onChange((last = now));
    }, 500);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  /** Closes one target's channel (its open calls fail with UNAVAILABLE/CANCELLED). */
  close(target: TargetSettings): void {
    const key = connectionKey(target);
    this.entries.get(key)?.client.close();
    this.entries.delete(key);
    this.web.get(key)?.close();
    this.web.delete(key);
    this.forwarders.get(key)?.close();
    this.forwarders.delete(key);
  }

  dispose(): void {
    this.disposed = true;
    for (const { client } of this.entries.values()) client.close();
    this.entries.clear();
    for (const connection of this.web.values()) connection.close();
    this.web.clear();
    for (const forwarder of this.forwarders.values()) forwarder.close();
    this.forwarders.clear();
  }
}
