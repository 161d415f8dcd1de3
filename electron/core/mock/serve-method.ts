import * as grpc from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Made } from './answer';
import type { CompiledStatus } from './compile-rules';
import { BadRequestError, metadataValues, requestJson, statusObject } from './call-context';
import { CallLog, type MockCallEntry } from './call-log';
import type { MethodPlanner, Step } from './answer-plan';

/*
 * The grpc-js side of a mock: each method's handler drives its MethodPlanner over a grpc-js call.
 */

export interface MethodServeOptions {
  planner: MethodPlanner;
  now: () => number;
  onCall: (entry: MockCallEntry) => void;
}

type Writable = grpc.ServerWritableStream<Buffer, Buffer> | grpc.ServerDuplexStream<Buffer, Buffer>;

const CANCELLED = 'cancelled by the client';

/** What every grpc-js server call has (grpc-js does not export its name for it). */
type SurfaceCall = Pick<grpc.ServerUnaryCall<Buffer, Buffer>, 'metadata'> & {
  on(event: 'cancelled', listener: () => void): unknown;
};

/** The grpc-js handler of one method, answering from its rules or its sample. */
export function methodHandler(opts: MethodServeOptions): grpc.UntypedHandleCall {
  const { planner } = opts;
  const method = planner.method;
  const decode = (b: Buffer) => requestJson(method.input, b, planner.registry);
  /** Decodes a request, or ends the call INVALID_ARGUMENT (a client's bytes must never take the mock down). */
  const decodeOr = (b: Buffer, log: CallLog, send: (status: CompiledStatus) => void): { json: unknown } | undefined => {
    try {
      return { json: decode(b) };
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      const status = { code: grpc.status.INVALID_ARGUMENT, message: err.message };
      if (!log.finished) send(status);
      log.finish(status.code, status.message);
      return undefined;
    }
  };
  const begin = (call: SurfaceCall) => {
    const log = new CallLog(method, opts.now, opts.onCall);
    call.on('cancelled', () => log.finish(grpc.status.CANCELLED, CANCELLED));
    return log;
  };

  switch (method.methodKind) {
    case 'unary':
    case 'client_streaming': {
      const answer = async (
        call: SurfaceCall,
        log: CallLog,
        requests: unknown[],
        callback: grpc.sendUnaryData<Buffer>,
      ) => {
        const plan = planner.single(requests, metadataValues(call.metadata));
        log.entry.rule = plan.rule;
        if (plan.waitMs > 0) await sleep(plan.waitMs);
        if (log.finished) return;
        let outcome;
        try {
          outcome = plan.respond();
        } catch (err) {
          return fail(log, err, (s) => callback(statusObject(s, grpc.Metadata)));
        }
        if ('status' in outcome) {
          callback(statusObject(outcome.status, grpc.Metadata));
          return log.finish(outcome.status.code, outcome.status.message);
        }
        log.sent(outcome.made);
        callback(null, outcome.made.bytes);
        log.finish(grpc.status.OK, '');
      };
      if (method.methodKind === 'unary') {
        return (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
          const log = begin(call);
          const decoded = decodeOr(call.request, log, (s) => callback(statusObject(s, grpc.Metadata)));
          if (!decoded) return;
          log.received(decoded.json);
          void answer(call, log, [decoded.json], callback);
        };
      }
      return (call: grpc.ServerReadableStream<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const log = begin(call);
        const requests: unknown[] = [];
        call.on('data', (b: Buffer) => {
          const decoded = decodeOr(b, log, (s) => callback(statusObject(s, grpc.Metadata)));
          if (!decoded) return;
          requests.push(decoded.json);
          log.received(decoded.json);
        });
        call.on('end', () => {
          if (!log.finished) void answer(call, log, requests, callback);
        });
      };
    }
    case 'server_streaming':
      return (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        const log = begin(call);
        const decoded = decodeOr(call.request, log, (s) => call.emit('error', statusObject(s, grpc.Metadata)));
        if (!decoded) return;
        const request = decoded.json;
        log.received(request);
        const plan = planner.serverStream(request, metadataValues(call.metadata));
        log.entry.rule = plan.rule;
        void runSteps(call, log, plan.steps).then(
          (status) => end(call, log, status),
          (err: unknown) => fail(log, err, (s) => call.emit('error', statusObject(s, grpc.Metadata))),
        );
      };
    case 'bidi_streaming':
      return (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
        const log = begin(call);
        serveBidi(call, planner, log, (b) =>
          decodeOr(b, log, (s) => call.emit('error', statusObject(s, grpc.Metadata))),
        );
      };
  }
}

/** Sends a stream's steps in order; waits for 'drain' only when grpc-js says its buffer is full. */
async function runSteps<R>(call: Writable, log: CallLog, steps: Generator<Step, R>): Promise<R | undefined> {
  for (;;) {
    const next = steps.next();
    if (next.done) return log.finished ? undefined : next.value;
    if (log.finished) return undefined;
    const step = next.value;
    if ('waitMs' in step) await sleep(step.waitMs);
    else await write(call, log, step.made);
  }
}

async function write(call: Writable, log: CallLog, made: Made): Promise<void> {
  log.sent(made);
  if (call.write(made.bytes)) return;
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

function end(call: Writable, log: CallLog, status: CompiledStatus | undefined): void {
  if (log.finished) return;
  if (status) {
    call.emit('error', statusObject(status, grpc.Metadata));
    return log.finish(status.code, status.message);
  }
  call.end();
  log.finish(grpc.status.OK, '');
}

/** A template that rendered an invalid message ends the call INTERNAL, naming the rule. */
function fail(log: CallLog, err: unknown, send: (status: CompiledStatus) => void): void {
  if (log.finished) return;
  const message = `The mock rule ${log.entry.rule} made an invalid answer: ${(err as Error).message}`;
  send({ code: grpc.status.INTERNAL, message });
  log.finish(grpc.status.INTERNAL, message);
}

/** Bidi: the opener's messages, then a reply per received message, kept in order by one promise chain. */
function serveBidi(
  call: grpc.ServerDuplexStream<Buffer, Buffer>,
  planner: MethodPlanner,
  log: CallLog,
  decode: (b: Buffer) => { json: unknown } | undefined,
): void {
  const plan = planner.bidi(metadataValues(call.metadata));
  if (plan.openerRule) log.entry.rule = plan.openerRule;
  let chain: Promise<unknown> = runSteps(call, log, plan.opener);
  const then = (step: () => Promise<void> | void) => {
    chain = chain
      .then(() => (log.finished ? undefined : step()))
      .catch((err: unknown) => fail(log, err, (s) => call.emit('error', statusObject(s, grpc.Metadata))));
  };
  call.on('data', (b: Buffer) => {
    if (log.finished) return;
    const decoded = decode(b);
    if (!decoded) return;
    const request = decoded.json;
    log.received(request);
    then(async () => {
      const reply = plan.reply(request);
      if (reply.rule) log.entry.rule = reply.rule;
      if (reply.waitMs > 0) await sleep(reply.waitMs);
      if (reply.status) return end(call, log, reply.status);
      if (reply.made) await write(call, log, reply.made);
    });
  });
  call.on('end', () => then(() => end(call, log, undefined)));
}
