import * as grpc from '@grpc/grpc-js';
import { create, fromBinary, fromJson, type DescMethod, type Message } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { googleRpcRegistry, STATUS_DETAILS_KEY } from '../calls/status';
import { failure, SAMPLE_JSON, type DemoStats } from './handlers';
import { demoMessage, demoRegistry, demoService } from './registry';

/* The demo service again, for gRPC-Web and Connect (@connectrpc/connect-node serves them, and gRPC
 * too): the same answers as the grpc-js demo (handlers.ts), with the library's async iterables in
 * place of grpc-js streams. Failures reuse the grpc-js demo's, details included. */

type Msg = Message & Record<string, unknown>;

/** Set by the protocols themselves; never echoed as user metadata. */
const RESERVED = new Set([
  'user-agent',
  'content-type',
  'content-length',
  'content-encoding',
  'accept',
  'accept-encoding',
  'te',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-grpc-web',
  'x-user-agent',
]);

/** Request metadata back in the response headers (same name) and trailers (`trailer-<name>`). */
function echoMetadata(ctx: HandlerContext): number {
  let count = 0;
  ctx.requestHeader.forEach((value, name) => {
    if (RESERVED.has(name) || name.startsWith('grpc-') || name.startsWith('connect-') || name.startsWith(':')) return;
    // Headers joins repeated names with ', ': each value is echoed as one entry, like gRPC's.
    for (const v of value.split(', ')) {
      ctx.responseHeader.append(name, v);
      ctx.responseTrailer.append(`trailer-${name}`, v);
      count++;
    }
  });
  return count;
}

interface FailureSpec {
  code: number;
  message: string;
  withDetails: boolean;
}

/** The grpc-js demo's failure, said as a ConnectError: same code, message and google.rpc details. */
function webFailure(spec: FailureSpec | undefined, fallbackCode: number): ConnectError {
  const error = failure(spec, fallbackCode, new grpc.Metadata());
  const bytes = error.metadata.get(STATUS_DETAILS_KEY)[0];
  const details: { type: string; value: Uint8Array }[] = [];
  const statusDesc = googleRpcRegistry().getMessage('google.rpc.Status');
  if (Buffer.isBuffer(bytes) && statusDesc) {
    const status = fromBinary(statusDesc, bytes) as unknown as { details: { typeUrl: string; value: Uint8Array }[] };
    for (const any of status.details) details.push({ type: any.typeUrl.replace(/^.*\//, ''), value: any.value });
  }
  const connectError = new ConnectError(error.details, error.code as number);
  connectError.details = details;
  return connectError;
}

/** Resolves after ms, or false at once when the call is cancelled. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function method(name: string): DescMethod {
  const m = demoService().methods.find((x) => x.name === name);
  if (!m) throw new Error(`demo schema lacks ${name}`);
  return m;
}

/** Registers loupe.demo.v1.Demo on a Connect router. */
export function addDemoRoutes(router: ConnectRouter, stats: DemoStats): void {
  /** Runs a streaming handler, counting it as cancelled when it ends before finishing its work. */
  const counted = async function* <T>(work: AsyncGenerator<T, void>): AsyncGenerator<T, void> {
    let finished = false;
    try {
      yield* work;
      finished = true;
    } catch (err) {
      finished = err instanceof ConnectError && err.code !== Code.Canceled;
      throw err;
    } finally {
      if (!finished) stats.callsCancelled++;
    }
  };

  router.rpc(method('Echo'), (async (req: Msg, ctx: HandlerContext) => {
    const receivedAt = timestampNow();
    const count = echoMetadata(ctx);
    const { message, delayMs, fail } = req as unknown as { message: string; delayMs: number; fail?: FailureSpec };
    if (!(await sleep(delayMs, ctx.signal))) throw new ConnectError('cancelled', Code.Canceled);
    if (fail?.code) throw webFailure(fail, grpc.status.INVALID_ARGUMENT);
    return create(demoMessage('EchoResponse'), { message, receivedAt, metadataCount: count });
  }) as never);

  router.rpc(method('GetSample'), ((req: Msg, ctx: HandlerContext) => {
    echoMetadata(ctx);
    return fromJson(demoMessage('Sample'), SAMPLE_JSON((req as unknown as { name: string }).name), {
      registry: demoRegistry(),
    });
  }) as never);

  router.rpc(method('Mirror'), ((req: Msg, ctx: HandlerContext) => {
    echoMetadata(ctx);
    return req;
  }) as never);

  router.rpc(method('Ticker'), ((req: Msg, ctx: HandlerContext) => counted(ticker(req, ctx))) as never);

  async function* ticker(req: Msg, ctx: HandlerContext) {
    echoMetadata(ctx);
    const r = req as unknown as {
      count: number;
      intervalMs: number;
      payloadBytes: number;
      failAfter: number;
      fail?: FailureSpec;
    };
    const desc = demoMessage('Tick');
    const payload = new Uint8Array(r.payloadBytes).fill(0x2e);
    const limit = r.failAfter ? Math.min(r.count, r.failAfter) : r.count;
    for (let seq = 1; seq <= limit && !ctx.signal.aborted; seq++) {
      // The library writes each tick and waits for the socket to drain: back-pressure reaches here.
      yield create(desc, { seq: BigInt(seq), time: timestampNow(), payload });
      stats.ticksSent++;
      if (r.intervalMs && seq < limit && !(await sleep(r.intervalMs, ctx.signal))) break;
    }
    if (ctx.signal.aborted) throw new ConnectError('cancelled', Code.Canceled);
    if (r.failAfter) throw webFailure(r.fail, grpc.status.INTERNAL);
  }

  router.rpc(method('Sum'), (async (requests: AsyncIterable<Msg>, ctx: HandlerContext) => {
    echoMetadata(ctx);
    let total = 0n;
    let count = 0;
    let first: number | undefined;
    try {
      for await (const r of requests) {
        first ??= performance.now();
        total += (r as unknown as { value: bigint }).value;
        count++;
      }
    } catch (err) {
      stats.callsCancelled++;
      throw err;
    }
    const ms = first === undefined ? 0 : performance.now() - first;
    const elapsed = { seconds: BigInt(Math.floor(ms / 1000)), nanos: Math.round((ms % 1000) * 1e6) };
    return create(demoMessage('SumResponse'), { total, count, elapsed });
  }) as never);

  router.rpc(method('Chat'), ((requests: AsyncIterable<Msg>, ctx: HandlerContext) =>
    counted(chat(requests, ctx))) as never);

  async function* chat(requests: AsyncIterable<Msg>, ctx: HandlerContext) {
    echoMetadata(ctx);
    const desc = demoMessage('ChatMessage');
    const reply = (text: string) => create(desc, { user: 'loupe', text, sentAt: timestampNow() });
    for await (const m of requests) {
      const { user, text } = m as unknown as { user: string; text: string };
      if (text.trim().toLowerCase() === 'bye') {
        yield reply('bye!');
        return;
      }
      yield reply(`${user || 'you'} said: ${text}`);
    }
  }
}
