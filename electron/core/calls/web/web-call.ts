import { toBinary, type DescMethodStreaming, type DescMethodUnary, type Message } from '@bufbuild/protobuf';
import { Code, ConnectError, type Transport } from '@connectrpc/connect';
import { createAsyncIterable } from '@connectrpc/connect/protocol';
import { AppError } from '../../../../shared/model/errors';
import type { CallExchange, CallStatus, EngineCallEvent, MetadataEntry } from '../../../../shared/model/call';
import { httpVersionOf } from '../../../../shared/model/target';
import { checkSendSize } from '../call';
import { encodeRequest } from '../codec';
import { wireProblem } from '../message-event';
import { statusName } from '../status';
import type { Exchange } from './exchange';
import { metadataOf, requestContentType, toHeaders } from './metadata';
import { DEFAULT_READ_MAX_BYTES } from './frames';
import { MessageQueue } from './message-queue';
import type { WebConnection } from './web-connection';
import { connectErrorDetails, explainWebFailure, isConnectTimeout } from './web-failure';
import { CallLife } from '../call-life';

type Request = { bytes: Buffer; message: Message };

/**
 * One gRPC-Web or Connect call, with the same life as a gRPC call (ActiveCall): the same events in
 * the same order, one idempotent ending, and pull-based reading: the response is read one message
 * at a time, and not at all while paused, so HTTP/2 flow control (or TCP's, over HTTP/1.1) pushes
 * back on the server instead of messages piling up in memory.
 */
export class WebCall extends CallLife {
  private readonly abort = new AbortController();
  private readonly exchange: Exchange = {};
  private readonly queue = new MessageQueue<Message>();
  private connection!: WebConnection;
  private reader?: AsyncIterator<Message>;
  private trailer?: Headers;
  private failure?: ConnectError;
  private readonly headerNames = new Set<string>();
  private sent = 0;
  private received = 0;
  private halfClosed = false;
  private responded = false;
  private readEnded = false;
  private paused = false;
  private pumping = false;
  private finishing = false;
  private cancelledByUser = false;
  /** Set while paused; the fast path waits on it before reading more of the body. */
  private resumed?: Promise<void>;
  private wake?: () => void;
  /** A response message the schema cannot decode: the call is abandoned with this explanation. */
  private localFailure?: { message: string; hint: string };

  start(connection: WebConnection, requests: Request[]): void {
    const s = this.setup;
    this.connection = connection;
    const exchange: CallExchange = {
      protocol: s.target.protocol,
      httpVersion: httpVersionOf(s.target),
      contentType: requestContentType(s.target, this.kind),
      ...(s.via ? { proxy: s.via.label } : {}),
    };
    this.emit({
      type: 'started',
      t: 0,
      at: Date.now(),
      target: s.target.address,
      method: `/${s.method.parent.typeName}/${s.method.name}`,
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
      exchange,
      ...(s.auth ? { auth: s.auth } : {}),
    });
    this.exchange.onHeaders = (header) => this.onHeaders(header);
    // Streamed binary answers skip the library's per-message path (see frames.ts); JSON does not.
    if (this.readable && !(s.target.protocol === 'connect' && s.target.connectCodec === 'json')) {
      this.exchange.frames = {
        message: (bytes) => this.onMessage(bytes),
        ready: () => this.resumed,
        readMaxBytes: s.target.maxReceiveMessageBytes ?? DEFAULT_READ_MAX_BYTES,
      };
    }
    const transport = connection.transport({ registry: s.registry, exchange: this.exchange });
    const header = toHeaders(s.metadataEntries);
    const first = requests[0];
    if (this.kind === 'unary') {
      this.unary(transport, header, first!);
    } else {
      const input = this.writable ? this.queue : createAsyncIterable([first!.message]);
      transport.stream(s.method as DescMethodStreaming, this.abort.signal, s.deadlineMs, header, input).then(
        (res) => {
          this.trailer = res.trailer;
          this.reader = res.message[Symbol.asyncIterator]() as AsyncIterator<Message>;
          void this.pump();
        },
        (err: unknown) => this.fail(err),
      );
    }
    if (this.writable) {
      for (const r of requests) this.write(r);
    } else {
      this.emitSent(first!);
      this.halfClosed = true;
      this.emit({ type: 'half-closed', t: this.t() });
    }
  }

  private unary(transport: Transport, header: Headers, request: Request): void {
    const s = this.setup;
    transport.unary(s.method as DescMethodUnary, this.abort.signal, s.deadlineMs, header, request.message).then(
      (res) => {
        this.trailer = res.trailer;
        this.onMessage(res.message);
        this.readEnded = true;
        this.maybeFinish();
      },
      (err: unknown) => this.fail(err),
    );
  }

  private onHeaders(header: Headers): void {
    // A status in the headers is a trailers-only answer: those are its trailers, said at the end.
    if (header.has('grpc-status')) return;
    const connectUnary = this.setup.target.protocol === 'connect' && this.kind === 'unary';
    // Connect sends a unary call's trailers as headers prefixed trailer-; the library splits them off.
    const metadata = metadataOf(header, (name) => connectUnary && name.startsWith('trailer-'));
    for (const m of metadata) this.headerNames.add(m.name);
    this.responded = true;
    this.emit({ type: 'headers', t: this.t(), metadata });
  }

  /** Reads one message at a time while not paused; the end (or a failure) finishes the call. */
  private async pump(): Promise<void> {
    if (this.pumping || !this.reader) return;
    this.pumping = true;
    try {
      while (!this.paused && !this.finishing) {
        const r = await this.reader.next();
        if (r.done) {
          this.readEnded = true;
          break;
        }
        this.onMessage(r.value);
      }
    } catch (err) {
      this.failure ??= ConnectError.from(err);
      this.readEnded = true;
    } finally {
      this.pumping = false;
    }
    this.maybeFinish();
  }

  private fail(err: unknown): void {
    this.failure ??= ConnectError.from(err);
    this.readEnded = true;
    this.maybeFinish();
  }

  private emitSent(r: Request): void {
    this.emitMessage('sent', this.sent++, r.bytes);
  }

  private write(r: Request): void {
    this.queue.push(r.message);
    this.emitSent(r);
  }

  /** A message: its wire bytes (the fast path), or decoded by the library (re-encoded for the store). */
  private onMessage(received: Message | Uint8Array): void {
    if (this.finishing || this.localFailure) return;
    const s = this.setup;
    this.responded = true;
    const bytes = received instanceof Uint8Array ? received : toBinary(s.method.output, received);
    // Checked, not decoded: the JSON is made when something reads it (MessageEvent).
    const problem = received instanceof Uint8Array ? wireProblem(s.method.output, bytes) : undefined;
    if (problem !== undefined) {
      this.localFailure = {
        message: `Response message #${this.received + 1} is not a valid ${s.method.output.typeName}: ${problem}`,
        hint: 'The server and the schema disagree about this message type (or the server sent corrupt bytes). Reload the schema.',
      };
      this.abort.abort();
      this.maybeFinish();
      return;
    }
    this.emitMessage('received', this.received++, bytes);
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
    this.queue.end();
    this.emit({ type: 'half-closed', t: this.t() });
  }

  cancel(): void {
    if (this.finishing) return;
    this.cancelledByUser = true;
    this.abort.abort(new ConnectError('Cancelled on client', Code.Canceled));
    this.maybeFinish();
  }

  pause(): void {
    if (!this.readable || this.paused) return;
    this.paused = true;
    this.resumed = new Promise((resolve) => (this.wake = resolve));
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.resumed = undefined;
    this.wake?.();
    void this.pump();
  }

  private maybeFinish(): void {
    if (this.finishing) return;
    // Messages not yet read come first, unless the call was abandoned.
    if (!this.cancelledByUser && !this.readEnded && !this.localFailure) return;
    this.finishing = true;
    void this.finish();
  }

  private async finish(): Promise<void> {
    const s = this.setup;
    let status: CallStatus = { code: 0, name: 'OK', message: '', details: [] };
    let explanation: { message: string; hint?: string } | undefined;
    let trailers: MetadataEntry[] = [];
    try {
      const failure = this.localFailure
        ? new ConnectError(this.localFailure.message, Code.Internal)
        : this.cancelledByUser
          ? new ConnectError('Cancelled on client', Code.Canceled)
          : this.failure;
      if (failure) {
        // A connection that never came up is UNAVAILABLE, as gRPC's connect timeout says it; so is
        // one whose proxy tunnel failed (the loopback stream to the forwarder just closes).
        const tunnelFailed = !this.responded && s.via?.failure() !== undefined;
        const code = isConnectTimeout(failure) || tunnelFailed ? 14 : failure.code;
        status = {
          code,
          name: statusName(code),
          message: failure.rawMessage,
          details: connectErrorDetails(failure, s.registry),
        };
        if (!this.exchange.foreignBody) trailers = metadataOf(failure.metadata, (name) => this.headerNames.has(name));
        explanation = this.localFailure ?? this.decodeFailure(failure) ?? (await this.explain(failure));
      } else if (this.trailer) {
        trailers = metadataOf(this.trailer, () => false);
      }
    } catch (err) {
      status = {
        code: 13,
        name: 'INTERNAL',
        message: `Loupe failed to read the status: ${(err as Error).message}`,
        details: [],
      };
    }
    // Ends the request body and releases the HTTP stream, whatever state it is in.
    this.queue.end();
    this.abort.abort();
    if (trailers.length) this.emit({ type: 'trailers', t: this.t(), metadata: trailers });
    if (explanation) {
      const e: EngineCallEvent = { type: 'error', t: this.t(), message: explanation.message };
      if (explanation.hint) e.hint = explanation.hint;
      this.emit(e);
    }
    this.emit({ type: 'status', t: this.t(), status });
    this.onFinished();
    this.resolveDone(status);
  }

  /** The library could not decode a response message: the schema and the server disagree. */
  private decodeFailure(failure: ConnectError): { message: string; hint: string } | undefined {
    if (failure.code !== Code.Internal || !/^parse (binary|json)/.test(failure.rawMessage)) return undefined;
    return {
      message: `Response message #${this.received + 1} is not a valid ${this.setup.method.output.typeName}: ${failure.rawMessage}`,
      hint: 'The server and the schema disagree about this message type (or the server sent corrupt bytes). Reload the schema.',
    };
  }

  private explain(failure: ConnectError): Promise<{ message: string; hint?: string } | undefined> {
    return explainWebFailure(failure, {
      target: this.setup.target,
      exchange: this.exchange,
      cancelledByUser: this.cancelledByUser,
      deadlineMs: this.setup.deadlineMs,
      elapsedMs: this.t(),
      responded: this.responded,
      connecting: this.connection.connecting(),
      via: this.setup.via,
    });
  }
}
