import * as grpc from '@grpc/grpc-js';
import { create, fromJson } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { statusError } from '../connect-server/status-error';
import { STATUS_DETAILS_KEY } from '../calls/status';
import {
  ChatMessageSchema,
  Demo,
  EchoResponseSchema,
  SampleSchema,
  SumResponseSchema,
  TickSchema,
  type ChatMessage,
  type Failure,
  type SumRequest,
  type TickerRequest,
} from './demo_pb.generated';
import { demoTypes, failure, SAMPLE_JSON, type DemoStats } from './handlers';

/* The demo service again, for gRPC-Web and Connect (@connectrpc/connect-node serves them, and gRPC
 * too): the same answers as the grpc-js demo (handlers.ts), with the library's async iterables in
 * place of grpc-js streams. Failures reuse the grpc-js demo's, details included. */

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

/** The grpc-js demo's failure, said as a ConnectError: same code, message and google.rpc details. */
function webFailure(spec: Failure | undefined, fallbackCode: number): ConnectError {
  const error = failure(spec, fallbackCode, new grpc.Metadata());
  const bytes = error.metadata?.get(STATUS_DETAILS_KEY)[0];
  return statusError(error.code, error.details ?? error.message, Buffer.isBuffer(bytes) ? bytes : undefined);
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

  async function* ticker(req: TickerRequest, ctx: HandlerContext) {
    echoMetadata(ctx);
    const payload = new Uint8Array(req.payloadBytes).fill(0x2e);
    const limit = req.failAfter ? Math.min(req.count, req.failAfter) : req.count;
    for (let seq = 1; seq <= limit && !ctx.signal.aborted; seq++) {
      // The library writes each tick and waits for the socket to drain: back-pressure reaches here.
      yield create(TickSchema, { seq: BigInt(seq), time: timestampNow(), payload });
      stats.ticksSent++;
      if (req.intervalMs && seq < limit && !(await sleep(req.intervalMs, ctx.signal))) break;
    }
    if (ctx.signal.aborted) throw new ConnectError('cancelled', Code.Canceled);
    if (req.failAfter) throw webFailure(req.fail, grpc.status.INTERNAL);
  }

  async function* chat(requests: AsyncIterable<ChatMessage>, ctx: HandlerContext) {
    echoMetadata(ctx);
    const reply = (text: string) => create(ChatMessageSchema, { user: 'loupe', text, sentAt: timestampNow() });
    for await (const { user, text } of requests) {
      if (text.trim().toLowerCase() === 'bye') {
        yield reply('bye!');
        return;
      }
      yield reply(`${user || 'you'} said: ${text}`);
    }
  }

  router.service(Demo, {
    async echo(req, ctx) {
      const receivedAt = timestampNow();
      const count = echoMetadata(ctx);
      if (!(await sleep(req.delayMs, ctx.signal))) throw new ConnectError('cancelled', Code.Canceled);
      if (req.fail?.code) throw webFailure(req.fail, grpc.status.INVALID_ARGUMENT);
      return create(EchoResponseSchema, { message: req.message, receivedAt, metadataCount: count });
    },
    getSample(req, ctx) {
      echoMetadata(ctx);
      return fromJson(SampleSchema, SAMPLE_JSON(req.name), { registry: demoTypes });
    },
    mirror(req, ctx) {
      echoMetadata(ctx);
      return req;
    },
    ticker: (req, ctx) => counted(ticker(req, ctx)),
    async sum(requests: AsyncIterable<SumRequest>, ctx) {
      echoMetadata(ctx);
      let total = 0n;
      let count = 0;
      let first: number | undefined;
      try {
        for await (const r of requests) {
          first ??= performance.now();
          total += r.value;
          count++;
        }
      } catch (err) {
        stats.callsCancelled++;
        throw err;
      }
      const ms = first === undefined ? 0 : performance.now() - first;
      const elapsed = { seconds: BigInt(Math.floor(ms / 1000)), nanos: Math.round((ms % 1000) * 1e6) };
      return create(SumResponseSchema, { total, count, elapsed });
    },
    chat: (requests, ctx) => counted(chat(requests, ctx)),
  });
}
