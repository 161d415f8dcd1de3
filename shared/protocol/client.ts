import { AppError, type ErrorData } from '../model/errors';
import type { CancelSignal } from './cancel';
import type { Contract, EventOf, InputOf, OutputOf, RequestKeys, StreamKeys } from './define';
import { ServerEnvelopeSchema, type ClientEnvelope } from './envelope';
import type { Port } from './port';

export interface StreamHandlers<E> {
  /**
   * A batch of events, in order. Credit for them is returned when this returns (or its promise
   * settles), so a slow consumer slows the producer instead of piling up events.
   */
  onEvents(events: E[]): void | Promise<void>;
  /** Exactly once: normal end (no error), failure, or connection loss. Not after cancel(). */
  onEnd(error?: ErrorData): void;
}

export interface Subscription {
  readonly id: number;
  /** Idempotent. After it, no more events are delivered. */
  cancel(): void;
}

export interface ClientOptions {
  /** Events a stream may have in flight towards us before we return credit. */
  initialCredit?: number;
}

interface PendingRequest {
  resolve(output: unknown): void;
  reject(error: AppError): void;
}

interface OpenStream {
  handlers: StreamHandlers<unknown>;
  /** Batches are applied one at a time, in order, even if a handler is async. */
  chain: Promise<void>;
}

const closedError = (): AppError => new AppError('UNAVAILABLE', 'The connection to the Loupe engine closed.');

/**
 * The caller side of the RPC. It mints ids and registers the listener before sending, so a
 * stream that emits at once cannot lose its first events.
 */
export class RpcClient<C extends Contract> {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly streams = new Map<number, OpenStream>();
  private closed = false;
  private readonly initialCredit: number;

  constructor(
    private readonly port: Port,
    options: ClientOptions = {},
  ) {
    this.initialCredit = options.initialCredit ?? 4096;
    port.onMessage((raw) => this.receive(raw));
    port.onClose(() => this.failAll());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  request<K extends RequestKeys<C>>(
    method: K,
    input: InputOf<C[K]>,
    options: { signal?: CancelSignal } = {},
  ): Promise<OutputOf<C[K]>> {
    if (this.closed) return Promise.reject(closedError());
    const id = this.nextId++;
    return new Promise<OutputOf<C[K]>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      options.signal?.onCancel(() => {
        if (!this.pending.delete(id)) return;
        this.post({ t: 'cancel', id });
        reject(new AppError('CANCELLED', `${method} was cancelled`));
      });
      if (this.pending.has(id)) this.post({ t: 'req', id, method, input });
    });
  }

  subscribe<K extends StreamKeys<C>>(
    method: K,
    input: InputOf<C[K]>,
    handlers: StreamHandlers<EventOf<C[K]>>,
  ): Subscription {
    const id = this.nextId++;
    const cancel = (): void => {
      if (!this.streams.delete(id)) return;
      this.post({ t: 'cancel', id });
    };
    if (this.closed) {
      queueMicrotask(() => handlers.onEnd(closedError().toData()));
      return { id, cancel: () => undefined };
    }
    this.streams.set(id, { handlers: handlers, chain: Promise.resolve() });
    this.post({ t: 'sub', id, method, input, credit: this.initialCredit });
    return { id, cancel };
  }

  close(): void {
    this.port.close();
    this.failAll();
  }

  private post(envelope: ClientEnvelope): void {
    if (!this.closed) this.port.send(envelope);
  }

  private receive(raw: unknown): void {
    const parsed = ServerEnvelopeSchema.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.t === 'ok' || msg.t === 'err') {
      const pending = this.pending.get(msg.id);
      if (!pending) return;
      this.pending.delete(msg.id);
      if (msg.t === 'ok') pending.resolve(msg.output);
      else pending.reject(new AppError(msg.error.code, msg.error.message, msg.error));
      return;
    }
    const stream = this.streams.get(msg.id);
    if (!stream) return;
    if (msg.t === 'batch') {
      const events = msg.events;
      stream.chain = stream.chain.then(async () => {
        if (!this.streams.has(msg.id)) return;
        try {
          await stream.handlers.onEvents(events);
        } catch (error) {
          // A consumer that cannot apply events must not stall the stream silently.
          this.streams.delete(msg.id);
          this.post({ t: 'cancel', id: msg.id });
          stream.handlers.onEnd({ code: 'INTERNAL', message: `Applying events failed: ${String(error)}` });
          return;
        }
        if (msg.end) {
          if (this.streams.delete(msg.id)) stream.handlers.onEnd(msg.end.error);
        } else if (this.streams.has(msg.id)) this.post({ t: 'credit', id: msg.id, n: msg.n ?? events.length });
      });
    } else {
      stream.chain = stream.chain.then(() => {
        if (!this.streams.delete(msg.id)) return;
        stream.handlers.onEnd(msg.error);
      });
    }
  }

  private failAll(): void {
    if (this.closed) return;
    this.closed = true;
    const error = closedError();
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    for (const [id, stream] of this.streams) {
      void stream.chain.then(() => stream.handlers.onEnd(error.toData()));
      this.streams.delete(id);
    }
  }
}
