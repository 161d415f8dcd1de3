import * as grpc from '@grpc/grpc-js';
import type { DescMethod, Registry } from '@bufbuild/protobuf';
import type { Made } from './answer';
import type { TemplateContext } from './body-template';
import { defaultAnswer, type Answer, type CompiledRule, type CompiledStatus } from './compile-rules';
import { delayOf, pickRule, templateContext } from './call-context';

/*
 * What a mock answers, apart from how it is carried: the grpc-js server (serve-method.ts) and
 * the gRPC-Web/Connect server (web-routes.ts) both drive these plans, so a rule means the same
 * on every protocol. Plans are synchronous; waits are steps the driver sleeps on, so a long
 * stream of messages costs no promise per message.
 */

export const DEFAULT_RULE = 'default answer';

/** One step of a stream: a message to send, or a pause before the next. */
export type Step = { made: Made } | { waitMs: number };

/** A unary or client-stream answer: a message or a status, after a wait. */
export interface SingleAnswer {
  rule: string;
  waitMs: number;
  /** Renders the answer (once); throws AppError VALIDATION when a template renders an invalid message. */
  respond(): { made: Made } | { status: CompiledStatus };
}

export interface StreamAnswer {
  rule: string;
  /** Messages and pauses; returns the final status, or undefined for OK. */
  steps: Generator<Step, CompiledStatus | undefined>;
}

export interface BidiAnswer {
  /** The rule that sends messages unprompted when the call opens, if one does. */
  openerRule?: string;
  opener: Generator<Step, undefined>;
  /** The answer to one received message: nothing, a reply, or a status that ends the call. */
  reply(request: unknown): { rule?: string; waitMs: number; made?: Made; status?: CompiledStatus };
}

export class MethodPlanner {
  private readonly fallback: Answer;

  constructor(
    readonly method: DescMethod,
    private readonly rules: readonly CompiledRule[],
    readonly registry: Registry,
    private readonly now: () => number,
  ) {
    this.fallback = defaultAnswer(method, registry);
  }

  private ctx(rule: CompiledRule | undefined, metadata: Record<string, string[]>, extra: Partial<TemplateContext>) {
    return templateContext(rule, metadata, this.now, extra);
  }

  /** Unary (one request) and client streams (every request; `request` is the last one). */
  single(requests: unknown[], metadata: Record<string, string[]>): SingleAnswer {
    const request = requests[requests.length - 1] ?? {};
    const rule = pickRule(this.rules, { request, metadata });
    return {
      rule: rule?.label ?? DEFAULT_RULE,
      waitMs: delayOf(rule),
      respond: () => {
        if (rule?.status) return { status: rule.status };
        const answer = rule?.body ?? this.fallback;
        return { made: answer.produce(this.ctx(rule, metadata, { request, requests, count: requests.length })) };
      },
    };
  }

  serverStream(request: unknown, metadata: Record<string, string[]>): StreamAnswer {
    const rule = pickRule(this.rules, { request, metadata });
    const ctx = this.ctx(rule, metadata, { request });
    return { rule: rule?.label ?? DEFAULT_RULE, steps: streamSteps(rule, this.fallback, ctx) };
  }

  bidi(metadata: Record<string, string[]>): BidiAnswer {
    const opener = this.rules.find((r) => !r.readsRequest && r.messages && r.matches({ request: {}, metadata }));
    return {
      openerRule: opener?.label,
      opener: opener ? listSteps(opener.messages!, opener.intervalMs, this.ctx(opener, metadata, {})) : empty(),
      reply: (request) => {
        const rule = pickRule(this.rules, { request, metadata });
        // A rule that matched only to send messages at the start has nothing to say to each one.
        if (rule && rule.reply === undefined && rule.status === undefined) return { waitMs: 0 };
        const waitMs = delayOf(rule);
        if (rule?.status) return { rule: rule.label, waitMs, status: rule.status };
        const reply = rule ? rule.reply! : this.fallback;
        return {
          rule: rule?.label ?? DEFAULT_RULE,
          waitMs,
          made: reply.produce(this.ctx(rule, metadata, { request })),
        };
      },
    };
  }
}

function empty(): Generator<Step, undefined> {
  return listSteps([], 0, undefined as never);
}

function* listSteps(answers: readonly Answer[], intervalMs: number, ctx: TemplateContext): Generator<Step, undefined> {
  for (let i = 0; i < answers.length; i++) {
    if (i > 0 && intervalMs > 0) yield { waitMs: intervalMs };
    yield { made: answers[i]!.produce({ ...ctx, index: i }) };
  }
  return undefined;
}

function* streamSteps(
  rule: CompiledRule | undefined,
  fallback: Answer,
  ctx: TemplateContext,
): Generator<Step, CompiledStatus | undefined> {
  const wait = delayOf(rule);
  if (wait > 0) yield { waitMs: wait };
  const gen = rule?.generate;
  if (!gen) {
    yield* listSteps(rule ? (rule.messages ?? []) : [fallback], rule?.intervalMs ?? 0, ctx);
    return rule?.status;
  }
  const limit = gen.failAfter === undefined ? gen.count : Math.min(gen.count, gen.failAfter);
  for (let i = 0; i < limit; i++) {
    if (i > 0 && gen.intervalMs > 0) yield { waitMs: gen.intervalMs };
    yield { made: gen.body.produce({ ...ctx, index: i }) };
  }
  if (gen.failAfter !== undefined && gen.failAfter < gen.count) {
    return (
      rule.status ?? {
        code: grpc.status.INTERNAL,
        message: `failed after ${gen.failAfter} messages, as the mock rule says`,
      }
    );
  }
  return rule.status;
}
