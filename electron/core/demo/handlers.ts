import * as grpc from '@grpc/grpc-js';
import { create, createRegistry, fromBinary, fromJson, toBinary } from '@bufbuild/protobuf';
import type { JsonValue } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { encodeStatusDetails, STATUS_DETAILS_KEY } from '../calls/status';
import {
  ChatMessageSchema,
  EchoRequestSchema,
  EchoResponseSchema,
  file_loupe_demo_v1_demo,
  GetSampleRequestSchema,
  SampleSchema,
  SumRequestSchema,
  SumResponseSchema,
  TickerRequestSchema,
  TickSchema,
  type Failure,
} from './demo_pb.generated';

/* The demo speaks bytes on the wire (identity serializers) and uses @bufbuild/protobuf messages
 * generated from demo.proto, so 64-bit integers, Any, Struct and friends are exact. */

export interface DemoStats {
  /** Ticks written by Ticker across all calls; tests watch it to observe backpressure. */
  ticksSent: number;
  /** Ticker calls currently waiting for the client to read ('drain'). */
  ticksBlocked: number;
  /** Streaming calls (Ticker, Sum, Chat) the client cancelled; tests watch it to see teardown reach the server. */
  callsCancelled: number;
}

/** Resolves the Any in a Sample (it holds a Sample.Point). */
export const demoTypes = createRegistry(file_loupe_demo_v1_demo);

const RESERVED = new Set(['user-agent', 'content-type', 'te', 'host', 'accept-encoding', 'content-length']);

/** Echo: request metadata back in headers (same name) and trailers (`trailer-<name>`). */
function echoMetadata(request: grpc.Metadata): { headers: grpc.Metadata; trailers: grpc.Metadata; count: number } {
  const headers = new grpc.Metadata();
  const trailers = new grpc.Metadata();
  let count = 0;
  for (const [name, values] of Object.entries(request.toJSON())) {
    if (RESERVED.has(name) || name.startsWith('grpc-') || name.startsWith(':')) continue;
    for (const value of values) {
      headers.add(name, value);
      trailers.add(`trailer-${name}`, value);
      count++;
    }
  }
  return { headers, trailers, count };
}

/** A grpc-js status error carrying google.rpc.Status details in grpc-status-details-bin. */
export function failure(spec: Failure | undefined, fallbackCode: number, trailers: grpc.Metadata): grpc.ServiceError {
  const code = spec?.code || fallbackCode;
  const message = spec?.message || `demo failure with code ${code}, as requested`;
  const metadata = trailers.clone();
  if (spec?.withDetails) {
    const bytes = encodeStatusDetails(code, message, [
      {
        type: 'google.rpc.BadRequest',
        json: { fieldViolations: [{ field: 'fail.code', description: 'the request asked to fail' }] },
      },
      {
        type: 'google.rpc.ErrorInfo',
        json: { reason: 'DEMO_FAILURE', domain: 'demo.loupe.dev', metadata: { requested: 'true' } },
      },
      { type: 'google.rpc.RetryInfo', json: { retryDelay: '1.500s' } },
      {
        type: 'google.rpc.Help',
        json: { links: [{ description: 'gRPC status codes', url: 'https://grpc.io/docs/guides/status-codes/' }] },
      },
      { type: 'google.rpc.LocalizedMessage', json: { locale: 'en-US', message: 'The demo failed on purpose.' } },
    ]);
    metadata.set(STATUS_DETAILS_KEY, Buffer.from(bytes));
  }
  return Object.assign(new Error(message), { code, details: message, metadata });
}

/** Resolves after ms, or early (false) when the call is cancelled. */
function sleep(
  ms: number,
  call: {
    cancelled: boolean;
    once(e: 'cancelled', f: () => void): unknown;
    off(e: 'cancelled', f: () => void): unknown;
  },
): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!call.cancelled);
  return new Promise((resolve) => {
    const onCancel = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    // The listener goes with the pause: a long stream must not pile up one per tick.
    const timer = setTimeout(() => {
      call.off('cancelled', onCancel);
      resolve(true);
    }, ms);
    call.once('cancelled', onCancel);
  });
}

export const SAMPLE_JSON = (name: string): JsonValue => ({
  name: name || 'sample',
  color: 'COLOR_BLUE',
  bigSigned: '-9007199254740993',
  bigUnsigned: '18446744073709551615',
  zigzag: '-42',
  fixed: '9007199254740993',
  small: 42,
  ratio: 0.5,
  precise: 3.141592653589793,
  flag: true,
  blob: Buffer.from('Loupe \u{1F50E}').toString('base64'),
  tags: ['demo', 'every-field'],
  points: [
    { x: 1, y: 2, label: 'A' },
    { x: -3.5, y: 4, label: 'B' },
  ],
  origin: { x: 0, y: 0, label: 'origin' },
  counters: { visits: '9223372036854775807', errors: '0' },
  pointsById: { '7': { x: 7, y: 7, label: 'seven' } },
  email: 'demo@example.com',
  maybe: 0,
  createdAt: '2024-02-29T12:34:56.789Z',
  ttl: '3600.5s',
  attributes: { team: 'loupe', stars: 5, nested: { ok: true }, list: [1, 'two', null] },
  anything: 'any JSON value',
  wrappedInt: '9007199254740993',
  wrappedString: 'wrapped',
  wrappedBool: false,
  extra: { '@type': 'type.googleapis.com/loupe.demo.v1.Sample.Point', x: 1, y: 1, label: 'packed in an Any' },
  mask: 'name,origin.label',
});

type Unary = grpc.ServerUnaryCall<Buffer, Buffer>;
type UnaryCb = grpc.sendUnaryData<Buffer>;

export function createHandlers(stats: DemoStats): grpc.UntypedServiceImplementation {
  return {
    Echo(call: Unary, callback: UnaryCb) {
      const req = fromBinary(EchoRequestSchema, call.request);
      const receivedAt = timestampNow();
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      void sleep(req.delayMs, call).then((alive) => {
        if (!alive) return;
        // Code 0 is OK, not a failure: a request with every field filled in (a template) echoes.
        if (req.fail?.code) return callback(failure(req.fail, grpc.status.INVALID_ARGUMENT, echo.trailers));
        const res = create(EchoResponseSchema, { message: req.message, receivedAt, metadataCount: echo.count });
        callback(null, Buffer.from(toBinary(EchoResponseSchema, res)), echo.trailers);
      });
    },

    GetSample(call: Unary, callback: UnaryCb) {
      const req = fromBinary(GetSampleRequestSchema, call.request);
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      const sample = fromJson(SampleSchema, SAMPLE_JSON(req.name), { registry: demoTypes });
      callback(null, Buffer.from(toBinary(SampleSchema, sample)), echo.trailers);
    },

    Mirror(call: Unary, callback: UnaryCb) {
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      // Decode and re-encode so the answer is what the server understood, not a byte copy.
      callback(null, Buffer.from(toBinary(SampleSchema, fromBinary(SampleSchema, call.request))), echo.trailers);
    },

    Ticker(call: grpc.ServerWritableStream<Buffer, Buffer>) {
      const req = fromBinary(TickerRequestSchema, call.request);
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      const payload = new Uint8Array(req.payloadBytes).fill(0x2e);
      let cancelled = false;
      call.once('cancelled', () => {
        cancelled = true;
        stats.callsCancelled++;
      });
      void (async () => {
        // fail_after > 0: send min(count, fail_after) ticks, then fail.
        const limit = req.failAfter ? Math.min(req.count, req.failAfter) : req.count;
        for (let seq = 1; seq <= limit && !cancelled; seq++) {
          const tick = create(TickSchema, { seq: BigInt(seq), time: timestampNow(), payload });
          const more = call.write(Buffer.from(toBinary(TickSchema, tick)));
          stats.ticksSent++;
          if (!more) {
            // Honour backpressure: wait until the client reads (HTTP/2 flow control) or goes away.
            stats.ticksBlocked++;
            await new Promise<void>((resolve) => {
              const done = () => {
                call.off('drain', done);
                call.off('cancelled', done);
                resolve();
              };
              call.on('drain', done);
              call.on('cancelled', done);
            });
            stats.ticksBlocked--;
          }
          if (req.intervalMs && seq < limit && !(await sleep(req.intervalMs, call))) return;
        }
        if (cancelled) return;
        if (req.failAfter) {
          call.emit('error', failure(req.fail, grpc.status.INTERNAL, echo.trailers));
          return;
        }
        if (!cancelled) call.end(echo.trailers);
      })();
    },

    Sum(call: grpc.ServerReadableStream<Buffer, Buffer>, callback: UnaryCb) {
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      let total = 0n;
      let count = 0;
      let first: number | undefined;
      call.on('data', (bytes: Buffer) => {
        first ??= performance.now();
        total += fromBinary(SumRequestSchema, bytes).value;
        count++;
      });
      call.on('error', () => undefined);
      call.once('cancelled', () => stats.callsCancelled++);
      call.on('end', () => {
        const ms = first === undefined ? 0 : performance.now() - first;
        const elapsed = { seconds: BigInt(Math.floor(ms / 1000)), nanos: Math.round((ms % 1000) * 1e6) };
        const res = create(SumResponseSchema, { total, count, elapsed });
        callback(null, Buffer.from(toBinary(SumResponseSchema, res)), echo.trailers);
      });
    },

    Chat(call: grpc.ServerDuplexStream<Buffer, Buffer>) {
      const echo = echoMetadata(call.metadata);
      call.sendMetadata(echo.headers);
      let ended = false;
      const reply = (text: string) =>
        call.write(
          Buffer.from(
            toBinary(ChatMessageSchema, create(ChatMessageSchema, { user: 'loupe', text, sentAt: timestampNow() })),
          ),
        );
      call.on('data', (bytes: Buffer) => {
        if (ended) return;
        const msg = fromBinary(ChatMessageSchema, bytes);
        if (msg.text.trim().toLowerCase() === 'bye') {
          reply('bye!');
          ended = true;
          call.end(echo.trailers);
          return;
        }
        reply(`${msg.user || 'you'} said: ${msg.text}`);
      });
      call.on('error', () => undefined);
      call.once('cancelled', () => stats.callsCancelled++);
      call.on('end', () => {
        if (!ended) {
          ended = true;
          call.end(echo.trailers);
        }
      });
    },
  };
}
