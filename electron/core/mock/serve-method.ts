import * as grpc from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DescMethod, Registry } from '@bufbuild/protobuf';
import type { TemplateContext } from './body-template';
import { defaultAnswer, type Answer, type CompiledRule, type CompiledStatus } from './compile-rules';
import { delayOf, metadataValues, pickRule, requestJson, statusObject, templateContext } from './call-context';

/** One call the mock answered, for the CLI's log and the app's. */
export interface MockCallEntry {
  /** `pkg.Service/Method`. */
  method: string;
  /** The request messages as JSON (the first MAX_LOGGED of them). */
  requests: unknown[];
  /** The rule that answered, or "default answer". */
  rule: string;
  /** The first answer message as JSON, when there was one. */
  answer?: unknown;
  /** Messages sent. */
  responses: number;
  code: number;
  message: string;
  startedAt: number;
  durationMs: number;
}

export const DEFAULT_RULE = 'default answer';
const MAX_LOGGED = 20;

export interface MethodServeOptions {
  method: DescMethod;
  rules: readonly CompiledRule[];
  registry: Registry;
  now: () => number;
  onCall: (entry: MockCallEntry) => void;
}

type AnyCall = grpc.ServerUnaryCall<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

/** The grpc-js handler of one method, answering from its rules or its sample. */
export function methodHandler(opts: MethodServeOptions): grpc.UntypedHandleCall {
  const { method, registry } = opts;
  const fallback = defaultAnswer(method, registry);
  const decode = (b: Buffer) => requestJson(method.input, b, registry);
  const begin = (call: AnyCall) => {
    const metadata = metadataValues(call.metadata);
    const entry: MockCallEntry = {
      method: `${method.parent.typeName}/${method.name}`,
      requests: [],
      rule: DEFAULT_RULE,
      responses: 0,
      code: 0,
      message: '',
      startedAt: opts.now(),
      durationMs: 0,
    };
    let cancelled = false;
    call.on('cancelled', () => {
      cancelled = true;
    });
    const finish = (code: number, message: string) => {
      entry.code = code;
      entry.message = message;
      entry.durationMs = opts.now() - entry.startedAt;
      opts.onCall(entry);
    };
    const logRequest = (json: unknown) => {
      if (entry.requests.length < MAX_LOGGED) entry.requests.push(json);
    };
    return { metadata, entry, finish, logRequest, isCancelled: () => cancelled };
  };
  const ctxFor = (
    rule: CompiledRule | undefined,
    metadata: Record<string, string[]>,
    extra: Partial<TemplateContext>,
  ) => templateContext(rule, metadata, opts.now, extra);

  switch (method.methodKind) {
    case 'unary':
    case 'client_streaming': {
      const answerWith = async (
        call: AnyCall,
        c: ReturnType<typeof begin>,
        requests: unknown[],
        callback: grpc.sendUnaryData<Buffer>,
      ) => {
        const request = requests[requests.length - 1] ?? {};
        const rule = pickRule(opts.rules, { request, metadata: c.metadata });
        if (rule) c.entry.rule = rule.label;
        const wait = delayOf(rule);
        if (wait > 0) await sleep(wait);
        if (c.isCancelled()) return c.finish(grpc.status.CANCELLED, 'cancelled by the client');
        if (rule?.status) return failWith(rule.status, callback, c.finish);
        const ctx = ctxFor(rule, c.metadata, { request, requests, count: requests.length });
        const answer = rule?.body ?? fallback;
        let made: { bytes: Buffer; json: unknown };
        try {
          made = answer.produce(ctx);
        } catch (err) {
          const message = `The mock rule ${c.entry.rule} made an invalid answer: ${(err as Error).message}`;
          callback({ code: grpc.status.INTERNAL, details: message });
          return c.finish(grpc.status.INTERNAL, message);
        }
        c.entry.answer = made.json;
        c.entry.responses = 1;
        callback(null, made.bytes);
        c.finish(0, '');
      };
      if (method.methodKind === 'unary') {
        return (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          const c = begin(call);
          const request = decode(call.request);
          c.logRequest(request);
          void answerWith(call, c, [request], callback);
        };
      }
      return (call: grpc.ServerReadableStream<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const c = begin(call as never);
        const requests: unknown[] = [];
        call.on('data', (b: Buffer) => {
          const json = decode(b);
          requests.push(json);
          c.logRequest(json);
        });
        call.on('end', () => void answerWith(call as never, c, requests, callback));
      };
    }
    case 'server_streaming':
      return (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        const c = begin(call);
        const request = decode(call.request);
        c.logRequest(request);
        const rule = pickRule(opts.rules, { request, metadata: c.metadata });
        if (rule) c.entry.rule = rule.label;
        void streamAnswer(call, rule, fallback, ctxFor(rule, c.metadata, { request }), c).catch((err: unknown) =>
          endWithError(call, err, c),
        );
      };
    case 'bidi_streaming':
      return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => serveBidi(call, opts, fallback, begin(call), ctxFor);
  }
}

type Begun = { entry: MockCallEntry; finish: (code: number, message: string) => void; isCancelled: () => boolean };

function failWith(status: CompiledStatus, callback: grpc.sendUnaryData<Buffer>, finish: Begun['finish']): void {
  callback(statusObject(status, grpc.Metadata));
  finish(status.code, status.message);
}

/** Writes one message; waits for 'drain' only when grpc-js says its buffer is full. */
type Writable = grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

async function write(call: Writable, bytes: Buffer): Promise<void> {
  if (call.write(bytes)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
  });
}

async function streamAnswer(
  call: grpc.ServerWritableStream<Buffer, Buffer>,
  rule: CompiledRule | undefined,
  fallback: Answer,
  ctx: TemplateContext,
  c: Begun,
): Promise<void> {
  const wait = delayOf(rule);
  if (wait > 0) await sleep(wait);
  const send = async (answer: Answer, index: number) => {
    // The fast path of a long stream: a static message is the same bytes every time.
    if (answer.staticBytes && c.entry.responses > 0) await write(call, answer.staticBytes);
    else {
      const made = answer.produce({ ...ctx, index });
      if (c.entry.responses === 0) c.entry.answer = made.json;
      await write(call, made.bytes);
    }
    c.entry.responses++;
  };
  const gen = rule?.generate;
  if (gen) {
    const limit = gen.failAfter === undefined ? gen.count : Math.min(gen.count, gen.failAfter);
    for (let i = 0; i < limit && !c.isCancelled(); i++) {
      if (i > 0 && gen.intervalMs > 0) await sleep(gen.intervalMs);
      await send(gen.body, i);
    }
    if (gen.failAfter !== undefined && gen.failAfter < gen.count && !c.isCancelled()) {
      const status = rule.status ?? {
        code: grpc.status.INTERNAL,
        message: `failed after ${gen.failAfter} messages, as the mock rule says`,
      };
      return endWith(call, status, c);
    }
  } else {
    const messages = rule ? (rule.messages ?? []) : [fallback];
    for (let i = 0; i < messages.length && !c.isCancelled(); i++) {
      if (i > 0 && rule && rule.intervalMs > 0) await sleep(rule.intervalMs);
      await send(messages[i]!, i);
    }
  }
  if (c.isCancelled()) return c.finish(grpc.status.CANCELLED, 'cancelled by the client');
  if (rule?.status) return endWith(call, rule.status, c);
  call.end();
  c.finish(0, '');
}

function endWith(call: Writable, status: CompiledStatus, c: Begun): void {
  call.emit('error', statusObject(status, grpc.Metadata));
  c.finish(status.code, status.message);
}

function endWithError(call: Writable, err: unknown, c: Begun): void {
  const message = `The mock rule ${c.entry.rule} made an invalid answer: ${(err as Error).message}`;
  endWith(call, { code: grpc.status.INTERNAL, message }, c);
}

/**
 * Bidi: each received message is matched on its own and answered with its rule's `reply` (or
 * ends the call with its `status`); the first rule that tests only metadata may also send
 * `messages` unprompted when the call opens. Writes are kept in order by one promise chain.
 */
function serveBidi(
  call: grpc.ServerDuplexStream<Buffer, Buffer>,
  opts: MethodServeOptions,
  fallback: Answer,
  c: Begun & { metadata: Record<string, string[]>; logRequest: (json: unknown) => void },
  ctxFor: (
    r: CompiledRule | undefined,
    m: Record<string, string[]>,
    extra: Partial<TemplateContext>,
  ) => TemplateContext,
): void {
  let chain = Promise.resolve();
  let ended = false;
  const then = (step: () => Promise<void> | void) => {
    chain = chain.then(async () => {
      if (ended || c.isCancelled()) return;
      await step();
    });
    chain.catch((err: unknown) => {
      if (ended) return;
      ended = true;
      endWithError(call, err, c);
    });
  };
  const sendOne = async (answer: Answer, ctx: TemplateContext) => {
    const made = answer.produce(ctx);
    if (c.entry.responses === 0) c.entry.answer = made.json;
    await write(call, made.bytes);
    c.entry.responses++;
  };
  const opener = opts.rules.find(
    (r) => !r.readsRequest && r.messages && r.matches({ request: {}, metadata: c.metadata }),
  );
  if (opener) {
    c.entry.rule = opener.label;
    const ctx = ctxFor(opener, c.metadata, {});
    opener.messages!.forEach((m, i) =>
      then(async () => {
        if (i > 0 && opener.intervalMs > 0) await sleep(opener.intervalMs);
        await sendOne(m, { ...ctx, index: i });
      }),
    );
  }
  let index = 0;
  call.on('data', (b: Buffer) => {
    const request = requestJson(opts.method.input, b, opts.registry);
    c.logRequest(request);
    const i = index++;
    then(async () => {
      const rule = pickRule(opts.rules, { request, metadata: c.metadata });
      if (rule && rule !== opener && rule.reply === undefined && rule.status === undefined) return;
      if (rule) c.entry.rule = rule.label;
      const wait = delayOf(rule);
      if (wait > 0) await sleep(wait);
      if (rule?.status) {
        ended = true;
        return endWith(call, rule.status, c);
      }
      const reply = rule ? rule.reply : fallback;
      if (reply) await sendOne(reply, ctxFor(rule, c.metadata, { request, index: i }));
    });
  });
  call.on('end', () =>
    then(() => {
      ended = true;
      call.end();
      c.finish(0, '');
    }),
  );
  call.on('cancelled', () => {
    if (!ended) c.finish(grpc.status.CANCELLED, 'cancelled by the client');
    ended = true;
  });
}
