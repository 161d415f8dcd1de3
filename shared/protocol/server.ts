import type { z } from 'zod';
import { AppError, toErrorData, type ErrorData } from '../model/errors';
import { CancelSignal } from './cancel';
import type { Contract, Handlers } from './define';
import { ClientEnvelopeSchema, type ServerEnvelope } from './envelope';
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
 * the method's input schema. The port owns every request and stream started through it; when
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

  const parseInput = (method: string, input: unknown): unknown => {
    const spec = contract[method];
    if (!spec) throw new AppError('NOT_FOUND', `Unknown method '${method}'`);
    const parsed = (spec.input as z.ZodType).safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
      throw new AppError('VALIDATION', `Invalid input for ${method}: ${issues.join('; ')}`, {
        details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      });
    }
    return parsed.data;
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
      const spec = contract[method];
      const parsed = parseInput(method, input);
      if (spec?.kind !== 'request') throw new AppError('NOT_FOUND', `'${method}' is a stream, not a request`);
      const handler = handlers[method] as (input: unknown, ctx: { signal: CancelSignal }) => unknown;
      const output = await handler(parsed, { signal });
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
      const spec = contract[method];
      const parsed = parseInput(method, input);
      if (spec?.kind !== 'stream') throw new AppError('NOT_FOUND', `'${method}' is a request, not a stream`);
      const handler = handlers[method] as (input: unknown, sink: OutboundStream<unknown>) => unknown;
      Promise.resolve(handler(parsed, stream)).catch((error: unknown) => stream.end(reportError(method, error)));
    } catch (error) {
      stream.end(reportError(method, error));
    }
  };

  const unsubscribeMessage = port.onMessage((raw) => {
    const parsed = ClientEnvelopeSchema.safeParse(raw);
    if (!parsed.success) return; // Not ours or malformed: there is no id to answer to.
    const msg = parsed.data;
    switch (msg.t) {
      case 'req':
        if (requests.has(msg.id) || streams.has(msg.id)) return; // duplicate id: ignore
        void handleRequest(msg.id, msg.method, msg.input);
        return;
      case 'sub':
        if (requests.has(msg.id) || streams.has(msg.id)) return;
        handleStream(msg.id, msg.method, msg.input, msg.credit);
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
