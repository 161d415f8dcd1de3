import { AppError, toErrorData, type ErrorData } from '../model/errors';
import { CancelSignal } from './cancel';
import type { Contract, Handlers } from './define';
import { describeIssues, readEnvelope, type ServerEnvelope } from './envelope';
import { DEFAULT_BATCH_OPTIONS, OutboundStream, type BatchOptions } from './outbound-stream';
import type { Port } from './port';

export interface ServeOptions {
  batch?: BatchOptions;
  /** Runs once when the port closes, after every request and stream it owned was cancelled. */
  onDispose?: () => void;
  /** Reports handler bugs (INTERNAL errors); defaults to silence. */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * Serves a contract on one port. Every incoming message is validated twice: the envelope, then
 * the method's input schema; every envelope that carries an id gets an answer, an error when it
 * cannot be acted on (see `readEnvelope`). The port owns every request and stream started through it; when
 * it closes they are all cancelled, so a closed window or socket leaves nothing running.
 */
export function serve<C extends Contract>(
  port: Port,
  contract: C,
  handlers: Handlers<C>,
  options: ServeOptions = {},
): { dispose(): void } {
  const batch = options.batch ?? DEFAULT_BATCH_OPTIONS;
  const requests = new Map<number, CancelSignal>();
  const streams = new Map<number, OutboundStream<unknown>>();
  let disposed = false;

  const send = (envelope: ServerEnvelope): void => {
    if (!disposed) port.send(envelope);
  };

  // Own entries only: a method named 'toString' or '__proto__' must be unknown, not inherited.
  const methods = new Map<string, { spec: C[keyof C]; handler: unknown }>(
    Object.keys(contract).map((name) => [name, { spec: contract[name] as C[keyof C], handler: handlers[name] }]),
  );

  /** The method's spec and handler, or NOT_FOUND; then its input, validated. */
  const resolve = (
    method: string,
    kind: 'request' | 'stream',
    input: unknown,
  ): { handler: unknown; input: unknown } => {
    const entry = methods.get(method);
    if (!entry) throw new AppError('NOT_FOUND', `Unknown method '${method}'`);
    if (entry.spec.kind !== kind) {
      throw new AppError('NOT_FOUND', `'${method}' is a ${entry.spec.kind}, not a ${kind}`);
    }
    const parsed = entry.spec.input.safeParse(input);
    if (!parsed.success) {
      throw new AppError('VALIDATION', `Invalid input for ${method}: ${describeIssues(parsed.error.issues)}`, {
        details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    return { handler: entry.handler, input: parsed.data };
  };

  const reportError = (method: string, error: unknown): ErrorData => {
    const data = toErrorData(error);
    if (data.code === 'INTERNAL') options.onInternalError?.(method, error);
    return data;
  };

  const handleRequest = async (id: number, method: string, input: unknown): Promise<void> => {
    const signal = new CancelSignal();
    requests.set(id, signal);
    try {
      const resolved = resolve(method, 'request', input);
      const handler = resolved.handler as (input: unknown, ctx: { signal: CancelSignal }) => unknown;
      const output = await handler(resolved.input, { signal });
      if (!signal.cancelled) send({ t: 'ok', id, output: output ?? null });
    } catch (error) {
      if (!signal.cancelled) send({ t: 'err', id, error: reportError(method, error) });
    } finally {
      requests.delete(id);
    }
  };

  const handleStream = (id: number, method: string, input: unknown, credit: number): void => {
    const stream = new OutboundStream<unknown>(id, credit, send, () => streams.delete(id), batch);
    streams.set(id, stream);
    try {
      const resolved = resolve(method, 'stream', input);
      const handler = resolved.handler as (input: unknown, sink: OutboundStream<unknown>) => unknown;
      Promise.resolve(handler(resolved.input, stream)).catch((error: unknown) =>
        stream.end(reportError(method, error)),
      );
    } catch (error) {
      stream.end(reportError(method, error));
    }
  };

  /** Answers an envelope we cannot act on, in the shape its caller waits for. */
  const refuse = (id: number, t: unknown, error: ErrorData): void => {
    if (t === 'sub') send({ t: 'end', id, error });
    else if (t === 'credit')
      streams.get(id)?.fail(error); // the caller's count is broken: so is its stream
    else if (t !== 'cancel') send({ t: 'err', id, error });
  };

  const unsubscribeMessage = port.onMessage((raw) => {
    const read = readEnvelope(raw);
    if (!read) return; // Not ours or malformed: there is no id to answer to.
    if (!read.ok) return refuse(read.id, read.t, read.error);
    const msg = read.envelope;
    switch (msg.t) {
      case 'req':
      case 'sub':
        if (requests.has(msg.id) || streams.has(msg.id)) {
          return refuse(msg.id, msg.t, {
            code: 'VALIDATION',
            message: `Id ${msg.id} is already in use by an open request or stream`,
          });
        }
        if (msg.t === 'req') void handleRequest(msg.id, msg.method, msg.input);
        else handleStream(msg.id, msg.method, msg.input, msg.credit);
        return;
      case 'credit':
        streams.get(msg.id)?.addCredit(msg.n);
        return;
      case 'cancel':
        requests.get(msg.id)?.cancel('cancelled by caller');
        streams.get(msg.id)?.cancel('cancelled by caller');
        return;
    }
  });

  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    unsubscribeMessage();
    for (const signal of requests.values()) signal.cancel('connection closed');
    for (const stream of [...streams.values()]) stream.cancel('connection closed');
    requests.clear();
    streams.clear();
    options.onDispose?.();
  };
  port.onClose(dispose);
  return { dispose };
}
