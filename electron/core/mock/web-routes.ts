import { setTimeout as sleep } from 'node:timers/promises';
import { fromBinary, toJson, type Message } from '@bufbuild/protobuf';
import { Code, type ConnectRouter, type HandlerContext } from '@connectrpc/connect';
import { statusError } from '../connect-server/status-error';
import type { Made } from './answer';
import type { MethodPlanner, Step } from './answer-plan';
import { CallLog, type MockCallEntry } from './call-log';
import type { CompiledStatus } from './compile-rules';

/*
 * The gRPC-Web, gRPC-Web text and Connect side of a mock (@connectrpc/connect-node, through
 * startConnectServer): each method's handler drives the same MethodPlanner as the grpc-js side,
 * with the library's messages and async iterables in place of bytes and grpc-js streams.
 */

export interface WebRouteOptions {
  planners: MethodPlanner[];
  now: () => number;
  onCall: (entry: MockCallEntry) => void;
}

type Impl = (input: unknown, ctx: HandlerContext) => unknown;

export function addMockRoutes(router: ConnectRouter, opts: WebRouteOptions): void {
  for (const planner of opts.planners) {
    router.rpc(planner.method, webHandler(planner, opts) as never);
  }
}

function webHandler(planner: MethodPlanner, opts: WebRouteOptions): Impl {
  const method = planner.method;
  const json = (m: Message) =>
    toJson(method.input, m as never, { registry: planner.registry, alwaysEmitImplicit: true });
  const message = (made: Made) => fromBinary(method.output, made.bytes);
  const begin = (ctx: HandlerContext) => {
    const log = new CallLog(method, opts.now, opts.onCall);
    ctx.signal.addEventListener('abort', () => log.finish(Code.Canceled, 'cancelled by the client'), { once: true });
    return { log, metadata: headerValues(ctx.requestHeader) };
  };
  /** Ends the log with the status the call ends with, and turns it into the library's error. */
  const failWith = (log: CallLog, status: CompiledStatus) => {
    log.finish(status.code, status.message);
    return statusError(status.code, status.message, status.detailsBin);
  };
  const invalid = (log: CallLog, err: unknown) =>
    failWith(log, {
      code: Code.Internal,
      message: `The mock rule ${log.entry.rule} made an invalid answer: ${(err as Error).message}`,
    });

  const single = async (requests: unknown[], log: CallLog, metadata: Record<string, string[]>) => {
    const plan = planner.single(requests, metadata);
    log.entry.rule = plan.rule;
    if (plan.waitMs > 0) await sleep(plan.waitMs);
    let outcome;
    try {
      outcome = plan.respond();
    } catch (err) {
      throw invalid(log, err);
    }
    if ('status' in outcome) throw failWith(log, outcome.status);
    log.sent(outcome.made);
    log.finish(0, '');
    return message(outcome.made);
  };

  async function* stream(steps: Generator<Step, CompiledStatus | undefined>, log: CallLog) {
    let next;
    for (;;) {
      try {
        next = steps.next();
      } catch (err) {
        throw invalid(log, err);
      }
      if (next.done) break;
      if (log.finished) return;
      const step = next.value;
      if ('waitMs' in step) await sleep(step.waitMs);
      else {
        log.sent(step.made);
        yield message(step.made);
      }
    }
    if (next.value) throw failWith(log, next.value);
  }

  switch (method.methodKind) {
    case 'unary':
      return async (req, ctx) => {
        const { log, metadata } = begin(ctx);
        const request = json(req as Message);
        log.received(request);
        return single([request], log, metadata);
      };
    case 'client_streaming':
      return async (reqs, ctx) => {
        const { log, metadata } = begin(ctx);
        const requests: unknown[] = [];
        for await (const req of reqs as AsyncIterable<Message>) {
          const request = json(req);
          requests.push(request);
          log.received(request);
        }
        return single(requests, log, metadata);
      };
    case 'server_streaming':
      return async function* (req, ctx) {
        const { log, metadata } = begin(ctx);
        const request = json(req as Message);
        log.received(request);
        const plan = planner.serverStream(request, metadata);
        log.entry.rule = plan.rule;
        yield* stream(plan.steps, log);
        log.finish(0, '');
      };
    case 'bidi_streaming':
      // The opener's messages first, then a reply per message as each arrives.
      return async function* (reqs, ctx) {
        const { log, metadata } = begin(ctx);
        const plan = planner.bidi(metadata);
        if (plan.openerRule) log.entry.rule = plan.openerRule;
        yield* stream(plan.opener, log);
        for await (const req of reqs as AsyncIterable<Message>) {
          const request = json(req);
          log.received(request);
          let reply;
          try {
            reply = plan.reply(request);
          } catch (err) {
            throw invalid(log, err);
          }
          if (reply.rule) log.entry.rule = reply.rule;
          if (reply.waitMs > 0) await sleep(reply.waitMs);
          if (reply.status) throw failWith(log, reply.status);
          if (reply.made) {
            log.sent(reply.made);
            yield message(reply.made);
          }
        }
        log.finish(0, '');
      };
  }
}

/** Request headers as rules see metadata: lower-cased names (a repeated header is one value, joined by ", "). */
function headerValues(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((value, key) => {
    out[key.toLowerCase()] = [value];
  });
  return out;
}
