import * as grpc from '@grpc/grpc-js';
import { checkAddress, normalizeAddress } from '../../../shared/model/address';
import { AppError } from '../../../shared/model/errors';
import {
  connectTimeoutOf,
  httpVersionOf,
  type ConnectivityState,
  type TargetSettings,
} from '../../../shared/model/target';
import { connectTimeoutInterceptor } from './connect-timeout';
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
  ]);
}

/** Credentials from settings and the TLS files already read (readTlsFiles); reads nothing itself. */
function createCredentials(t: TargetSettings, files: TlsFiles = {}): grpc.ChannelCredentials {
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

export function channelOptions(t: TargetSettings): grpc.ChannelOptions {
  const o: grpc.ChannelOptions = {
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
  if (t.authority) {
    o['grpc.default_authority'] = t.authority;
    // Also the TLS SNI and the name the certificate is checked against.
    if (t.tls.enabled) o['grpc.ssl_target_name_override'] = t.authority;
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
  private disposed = false;

  /**
   * The client for these settings, created on first use after reading the TLS files it names
   * (asynchronously and bounded: a CA path of /dev/zero must not stall the engine). Rejects with
   * AppError VALIDATION for a missing, unreadable or non-PEM file.
   */
  async prepare(target: TargetSettings): Promise<grpc.Client> {
    checkAddress(target.address);
    if (target.protocol !== 'grpc') this.webModule ??= await import('./web');
    const existing = this.entries.get(connectionKey(target));
    if (existing || !needsTlsFiles(target)) {
      if (target.protocol !== 'grpc') this.getWebConnection(target);
      return this.getClient(target);
    }
    const files = await readTlsFiles(target);
    if (target.protocol !== 'grpc' && !this.web.has(connectionKey(target))) this.createWeb(target, files);
    // Another caller may have made it meanwhile: keep theirs, so there is one channel per key.
    return this.entries.get(connectionKey(target))?.client ?? this.create(target, files);
  }

  /**
   * The client for these settings. Creates it when it needs no files; a target with TLS files
   * must be prepared first, so no file is ever read here, on the caller's synchronous path.
   */
  getClient(target: TargetSettings): grpc.Client {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    checkAddress(target.address);
    const existing = this.entries.get(connectionKey(target));
    if (existing) return existing.client;
    if (needsTlsFiles(target))
      throw new AppError('INTERNAL', `The TLS files of ${target.address} were not read: prepare() the target first`);
    return this.create(target, {});
  }

  /**
   * The HTTP connection of a gRPC-Web or Connect target, like getClient: created here when it
   * needs no files, else by prepare(). Reflection still goes through the gRPC client.
   */
  getWebConnection(target: TargetSettings): WebConnection {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    const existing = this.web.get(connectionKey(target));
    if (existing) return existing;
    if (needsTlsFiles(target) || !this.webModule)
      throw new AppError(
        'INTERNAL',
        `The connection to ${target.address} was not prepared: prepare() the target first`,
      );
    return this.createWeb(target, {});
  }

  private createWeb(target: TargetSettings, files: TlsFiles): WebConnection {
    if (!this.webModule) throw new AppError('INTERNAL', 'The gRPC-Web and Connect code was not loaded');
    const connection = new this.webModule.WebConnection(target, files);
    this.web.set(connectionKey(target), connection);
    return connection;
  }

  private create(target: TargetSettings, files: TlsFiles): grpc.Client {
    if (this.disposed) throw new AppError('INTERNAL', 'The channel pool is disposed');
    const interceptor = connectTimeoutInterceptor(() => client.getChannel(), target.address, connectTimeoutOf(target));
    const client: grpc.Client = new grpc.Client(normalizeAddress(target.address), createCredentials(target, files), {
      ...channelOptions(target),
      interceptors: [interceptor],
    });
    this.entries.set(connectionKey(target), { client, target, files });
    return client;
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
  }

  dispose(): void {
    this.disposed = true;
    for (const { client } of this.entries.values()) client.close();
    this.entries.clear();
    for (const connection of this.web.values()) connection.close();
    this.web.clear();
  }
}
