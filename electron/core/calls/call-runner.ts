import { randomUUID } from 'node:crypto';
import type { DescMethod, Registry } from '@bufbuild/protobuf';
import { AppError } from '../../../shared/model/errors';
import type { EngineCallEvent, CallStatus, MetadataEntry } from '../../../shared/model/call';
import type { AuthApplied } from '../../../shared/model/auth';
import type { TargetSettings } from '../../../shared/model/target';
import { ActiveCall, checkSendSize, type CallSetup } from './call';
import type { ChannelPool } from './channel-pool';
import { encodeRequest } from './codec';
import { toGrpcMetadata } from './metadata';
import { withGoogleRpc } from './status';
import { checkProtocolLimit } from './web/limits';
import type { WebCall } from './web/web-call';

export interface StartCallOptions {
  /** Caller-minted id (subscribe before start); a random UUID when absent. */
  id?: string;
  target: TargetSettings;
  method: DescMethod;
  registry: Registry;
  metadata?: MetadataEntry[];
  /** Per-call deadline; none by default. */
  deadlineMs?: number;
  /** JSON texts sent at once: the request for unary/server-streaming, initial messages for client/bidi. */
  messages?: string[];
  emitDefaults?: boolean;
  ignoreUnknownFields?: boolean;
  /** Which auth the metadata carries (Authenticator.metadata), for the started event. */
  auth?: AuthApplied;
}

export interface CallHandle {
  readonly id: string;
  /**
   * Sends one more message (client/bidi). Throws AppError VALIDATION for bad JSON or a closed
   * call; a call with scripts answers a promise (its beforeSend hooks run first).
   */
  send(json: string): void | Promise<void>;
  halfClose(): void;
  cancel(): void;
  /** Flow control: stop reading the gRPC stream so HTTP/2 backpressure reaches the server. */
  pause(): void;
  resume(): void;
  /** Resolves with the final status (never rejects), after the last event. */
  readonly done: Promise<CallStatus>;
}

/** Starts calls on pooled channels; owns them until they end or dispose() cancels them. */
export class CallRunner {
  private readonly open = new Map<string, ActiveCall | WebCall>();
  private disposed = false;

  constructor(private readonly pool: ChannelPool) {}

  /**
   * Validates everything first (metadata, request JSON, TLS files), throwing AppError before any
   * event; then emits 'started' synchronously and the rest as the call proceeds.
   */
  start(opts: StartCallOptions, onEvent: (e: EngineCallEvent) => void): CallHandle {
    if (this.disposed) throw new AppError('INTERNAL', 'The call runner is disposed');
    const id = opts.id ?? randomUUID();
    if (this.open.has(id)) throw new AppError('VALIDATION', `A call with id '${id}' is already open`);
    const kind = opts.method.methodKind;
    const registry = withGoogleRpc(opts.registry);
    const metadataEntries = opts.metadata ?? [];
    const metadata = toGrpcMetadata(metadataEntries);
    const texts = opts.messages ?? [];
    if ((kind === 'unary' || kind === 'server_streaming') && texts.length > 1) {
      throw new AppError(
        'VALIDATION',
        `A ${kind.replace('_', '-')} call takes exactly one request, got ${texts.length}`,
      );
    }
    const single = kind === 'unary' || kind === 'server_streaming';
    const requests = (single && texts.length === 0 ? ['{}'] : texts).map((text, index) =>
      encodeRequest(opts.method.input, text, registry, {
        ignoreUnknownFields: opts.ignoreUnknownFields,
        index: single ? undefined : index,
      }),
    );
    for (const r of requests) checkSendSize(r.bytes, opts.target);
    if (opts.deadlineMs !== undefined && !(opts.deadlineMs > 0)) {
      throw new AppError('VALIDATION', 'The deadline must be a positive number of milliseconds');
    }
    checkProtocolLimit(opts.target, kind);
    const web = opts.target.protocol !== 'grpc';
    // gRPC-Web and Connect go through their HTTP connection; gRPC through its grpc-js channel.
    const connection = web ? this.pool.getWebConnection(opts.target) : undefined;
    const client = web ? undefined : this.pool.getClient(opts.target);

    const setup: CallSetup = {
      id,
      target: opts.target,
      method: opts.method,
      registry,
      metadata,
      metadataEntries,
      deadlineMs: opts.deadlineMs,
      emitDefaults: opts.emitDefaults ?? false,
      ignoreUnknownFields: opts.ignoreUnknownFields ?? false,
      tlsFiles: this.pool.tlsFiles(opts.target),
      ...(opts.auth ? { auth: opts.auth } : {}),
      via: this.pool.via(opts.target),
    };
    const finished = () => this.open.delete(id);
    let call: ActiveCall | WebCall;
    if (connection) {
      const webCall = connection.call(setup, onEvent, finished);
      this.open.set(id, webCall);
      webCall.start(connection, requests);
      call = webCall;
    } else {
      const grpcCall = new ActiveCall(setup, onEvent, finished);
      this.open.set(id, grpcCall);
      grpcCall.start(client!, requests);
      call = grpcCall;
    }
    return {
      id,
      send: (json) => call.send(json),
      halfClose: () => call.halfClose(),
      cancel: () => call.cancel(),
      pause: () => call.pause(),
      resume: () => call.resume(),
      done: call.done,
    };
  }

  /** Number of calls not yet ended. */
  get openCalls(): number {
    return this.open.size;
  }

  /** Cancels every open call; idempotent. */
  dispose(): void {
    this.disposed = true;
    for (const call of this.open.values()) call.cancel();
  }
}
