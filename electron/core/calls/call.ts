import type { AuthApplied } from '../../../shared/model/auth';
import * as grpc from '@grpc/grpc-js';
import type { DescMethod, Registry } from '@bufbuild/protobuf';
import { AppError } from '../../../shared/model/errors';
import type { EngineCallEvent, CallStatus, MetadataEntry } from '../../../shared/model/call';
import type { TargetSettings } from '../../../shared/model/target';
import { encodeRequest } from './codec';
import { wireProblem } from './message-event';
import { explainFailure } from './explain';
import { fromGrpcMetadata } from './metadata';
import { LOCAL_METADATA } from './connect-timeout';
import { STATUS_DETAILS_KEY, decodeStatusDetails, statusName } from './status';
import type { ProxyVia } from './proxy-route';
import type { TlsFiles } from './tls-files';
import { CallLife } from './call-life';

export interface CallSetup {
  id: string;
  target: TargetSettings;
  method: DescMethod;
  /** User registry merged with google.rpc (for Any fields and status details). */
  registry: Registry;
  metadata: grpc.Metadata;
  metadataEntries: MetadataEntry[];
  deadlineMs?: number;
  emitDefaults: boolean;
  ignoreUnknownFields: boolean;
  /** The TLS files its channel was made with (ChannelPool.tlsFiles), for explaining a failure. */
  tlsFiles?: TlsFiles;
  /** Which auth the call carries, for its started event. */
  auth?: AuthApplied;
  /** The proxy its connection goes through (ChannelPool.via): named when it starts, asked when it fails. */
  via?: ProxyVia;
}

type AnyCall =
  | grpc.ClientUnaryCall
  | grpc.ClientReadableStream<Buffer>
  | grpc.ClientWritableStream<Buffer>
  | grpc.ClientDuplexStream<Buffer, Buffer>;

const identity = (b: Buffer) => b;

/**
 * One call's life: the grpc-js call, its ordered event log and its single, idempotent ending.
 * The final status waits until every message already read has been delivered, so a paused
 * consumer never sees the status before the messages that preceded it.
 */
export class ActiveCall extends CallLife {
  private call!: AnyCall;
  private client!: grpc.Client;
  private sent = 0;
  private received = 0;
  private halfClosed = false;
  private responded = false;
  private readEnded = false;
  private status?: grpc.StatusObject;
  private finishing = false;
  private cancelledByUser = false;
  private localFailure?: { code: number; message: string; hint?: string };

  /** Starts the grpc-js call. `requests` are already encoded (validation happened before). */
  start(client: grpc.Client, requests: { bytes: Buffer; message: unknown }[]): void {
    const s = this.setup;
    this.client = client;
    const path = `/${s.method.parent.typeName}/${s.method.name}`;
    const options: grpc.CallOptions = {};
    if (s.deadlineMs !== undefined) options.deadline = Date.now() + s.deadlineMs;
    this.emit({
      type: 'started',
      t: 0,
      at: Date.now(),
      target: s.target.address,
      method: path,
      kind: this.kind,
      options: {
        deadlineMs: s.deadlineMs ?? null,
        tls: s.target.tls.enabled,
        insecureSkipVerify: s.target.tls.insecureSkipVerify,
        authority: s.target.authority ?? null,
        compression: s.target.compression,
        metadata: s.metadataEntries,
        emitDefaults: s.emitDefaults,
      },
      exchange: {
        protocol: 'grpc',
        httpVersion: '2',
        contentType: 'application/grpc',
        ...(s.via ? { proxy: s.via.label } : {}),
      },
      ...(s.auth ? { auth: s.auth } : {}),
    });

    const onReply = (_err: grpc.ServiceError | null, value?: Buffer) => {
      if (value) this.onMessage(value);
    };
    const first = requests[0]?.bytes ?? Buffer.alloc(0);
    switch (this.kind) {
      case 'unary':
        this.call = client.makeUnaryRequest(path, identity, identity, first, s.metadata, options, onReply);
        break;
      case 'server_streaming':
        this.call = client.makeServerStreamRequest(path, identity, identity, first, s.metadata, options);
        break;
      case 'client_streaming':
        this.call = client.makeClientStreamRequest(path, identity, identity, s.metadata, options, onReply);
        break;
      case 'bidi_streaming':
        this.call = client.makeBidiStreamRequest(path, identity, identity, s.metadata, options);
        break;
    }
    const call = this.call;
    call.on('metadata', (md: grpc.Metadata) => {
      this.responded = true;
      this.emit({ type: 'headers', t: this.t(), metadata: fromGrpcMetadata(md) });
    });
    call.on('status', (status: grpc.StatusObject) => {
      this.status = status;
      this.maybeFinish();
    });
    // grpc-js also reports non-OK statuses as 'error' on streams; the 'status' event handles them.
    (call as unknown as NodeJS.EventEmitter).on('error', () => undefined);
    if (this.readable) {
      const stream = call as grpc.ClientReadableStream<Buffer>;
      stream.on('data', (b: Buffer) => this.onMessage(b));
      stream.on('end', () => {
        this.readEnded = true;
        this.maybeFinish();
      });
    }

    if (this.writable) {
      for (const r of requests) this.write(r);
    } else {
      // grpc-js sent the single request and half-closed already.
      this.emitSent(requests[0] ?? { bytes: first, message: undefined });
      this.halfClosed = true;
      this.emit({ type: 'half-closed', t: this.t() });
    }
  }

  private emitSent(r: { bytes: Buffer }): void {
    this.emitMessage('sent', this.sent++, r.bytes);
  }

  private write(r: { bytes: Buffer; message: unknown }): void {
    (this.call as grpc.ClientWritableStream<Buffer>).write(r.bytes);
    this.emitSent(r);
  }

  private onMessage(bytes: Buffer): void {
    if (this.finishing || this.localFailure) return;
    const s = this.setup;
    const index = this.received++;
    // Checked, not decoded: the JSON is made when something reads it (MessageEvent).
    const problem = wireProblem(s.method.output, bytes);
    if (problem !== undefined) {
      this.localFailure = {
        code: grpc.status.INTERNAL,
        message: `Response message #${index + 1} is not a valid ${s.method.output.typeName}: ${problem}`,
        hint: 'The server and the schema disagree about this message type (or the server sent corrupt bytes). Reload the schema.',
      };
      this.call.cancel();
      return;
    }
    this.emitMessage('received', index, bytes);
  }

  send(json: string): void {
    if (!this.writable)
      throw new AppError('VALIDATION', `A ${this.kind.replace('_', '-')} call takes exactly one request`);
    if (this.finishing) throw new AppError('VALIDATION', 'The call has ended');
    if (this.halfClosed) throw new AppError('VALIDATION', 'The call is half-closed: no more messages can be sent');
    const s = this.setup;
    const r = encodeRequest(s.method.input, json, s.registry, {
      ignoreUnknownFields: s.ignoreUnknownFields,
      index: this.sent,
    });
    checkSendSize(r.bytes, s.target);
    this.write(r);
  }

  halfClose(): void {
    if (!this.writable || this.halfClosed || this.finishing) return;
    this.halfClosed = true;
    (this.call as grpc.ClientWritableStream<Buffer>).end();
    this.emit({ type: 'half-closed', t: this.t() });
  }

  cancel(): void {
    if (this.finishing) return;
    this.cancelledByUser = true;
    // The server already ended and only a paused consumer holds the end back: finish now with the
    // server's status and drop the unread messages (otherwise `done` would wait forever).
    if (this.status) this.maybeFinish();
    else this.call?.cancel();
  }

  /** Stop reading: the Readable stops asking grpc-js for messages, grpc-js pauses the HTTP/2 stream. */
  pause(): void {
    if (this.readable) (this.call as grpc.ClientReadableStream<Buffer>).pause();
  }

  resume(): void {
    if (this.readable) (this.call as grpc.ClientReadableStream<Buffer>).resume();
  }

  private maybeFinish(): void {
    if (this.finishing || !this.status) return;
    // Messages still buffered behind a pause come first, unless the call was abandoned.
    const waitForReads = this.readable && !this.readEnded && !this.cancelledByUser && !this.localFailure;
    if (waitForReads) return;
    this.finishing = true;
    void this.finish(this.status);
  }

  private stillConnecting(): boolean {
    const state = this.client.getChannel().getConnectivityState(false);
    return state === grpc.connectivityState.IDLE || state === grpc.connectivityState.CONNECTING;
  }

  private async finish(raw: grpc.StatusObject): Promise<void> {
    const s = this.setup;
    let status: CallStatus;
    let explanation: { message: string; hint?: string } | undefined;
    try {
      const detailsBin = raw.metadata?.get(STATUS_DETAILS_KEY)[0];
      const decoded = Buffer.isBuffer(detailsBin) ? decodeStatusDetails(detailsBin, s.registry) : undefined;
      status = { code: raw.code, name: statusName(raw.code), message: raw.details, details: decoded?.details ?? [] };
      if (this.localFailure) {
        status = {
          ...status,
          code: this.localFailure.code,
          name: statusName(this.localFailure.code),
          message: this.localFailure.message,
        };
        explanation = { message: this.localFailure.message, hint: this.localFailure.hint };
      } else if (raw.code !== grpc.status.OK) {
        explanation = await explainFailure(raw, {
          target: s.target,
          responded: this.responded || this.received > 0,
          connecting: this.stillConnecting(),
          cancelledByUser: this.cancelledByUser,
          deadlineMs: s.deadlineMs,
          elapsedMs: this.t(),
          maxReceiveBytes: s.target.maxReceiveMessageBytes ?? 4 * 1024 * 1024,
          tlsFiles: s.tlsFiles,
          via: s.via,
        });
      }
    } catch (err) {
      status = {
        code: grpc.status.INTERNAL,
        name: 'INTERNAL',
        message: `Loupe failed to read the status: ${(err as Error).message}`,
        details: [],
      };
    }
    const trailers = fromGrpcMetadata(raw.metadata, [STATUS_DETAILS_KEY, ...LOCAL_METADATA]);
    if (trailers.length) this.emit({ type: 'trailers', t: this.t(), metadata: trailers });
    if (explanation) {
      const e: EngineCallEvent = { type: 'error', t: this.t(), message: explanation.message };
      if (explanation.hint) e.hint = explanation.hint;
      this.emit(e);
    }
    let peer: string | undefined;
    try {
      peer = this.call.getPeer();
    } catch {
      peer = undefined;
    }
    this.emit({ type: 'status', t: this.t(), status, ...(peer && peer !== 'unknown' ? { peer } : {}) });
    this.onFinished();
    this.resolveDone(status);
  }
}

/** grpc-js would fail the whole call; refusing the one oversized message is kinder. */
export function checkSendSize(bytes: Buffer, target: TargetSettings): void {
  const max = target.maxSendMessageBytes;
  if (max !== undefined && bytes.length > max) {
    throw new AppError('VALIDATION', `The message is ${bytes.length} bytes, over the send limit of ${max} bytes`);
  }
}
