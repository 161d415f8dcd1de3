import { z } from 'zod';

/*
 * The format of a mock rule file (`mocks/*.json` in a workspace, or any folder named with
 * `--rules`): one method, its rules in order (the first that matches answers). Plain JSON, one
 * file per method, so a change to a rule is a small diff. README's "Mock servers" documents it.
 */

const JsonValue: z.ZodType<unknown> = z.json();

/** A condition on one value: a JSON value to equal, or one operator. */
export const ConditionSchema = z.union([
  z.strictObject({ equals: JsonValue }),
  z.strictObject({ regex: z.string().max(10_000) }),
  z.strictObject({ present: z.boolean() }),
  JsonValue,
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const WhenSchema = z.strictObject({
  /** Request field paths in JSON names (`user.id`, `items.0.sku`) to conditions. */
  request: z.record(z.string().min(1).max(1000), ConditionSchema).optional(),
  /** Metadata keys (lower-cased) to conditions; a key sent several times matches on any value. */
  metadata: z.record(z.string().min(1).max(1000), ConditionSchema).optional(),
});
export type When = z.infer<typeof WhenSchema>;

const DelaySchema = z.union([
  z.number().int().min(0).max(3_600_000),
  z.strictObject({ min: z.number().int().min(0).max(3_600_000), max: z.number().int().min(0).max(3_600_000) }),
]);
export type Delay = z.infer<typeof DelaySchema>;

export const StatusSchema = z.strictObject({
  /** A gRPC status code, by number (5) or name ("NOT_FOUND"). */
  code: z.union([z.number().int().min(1).max(16), z.string().min(1).max(40)]),
  message: z.string().max(100_000).default(''),
  /** google.rpc details (or any message of the schema): the type's full name and its JSON. */
  details: z
    .array(z.strictObject({ type: z.string().min(1).max(1000), json: JsonValue }))
    .max(100)
    .default([]),
});
export type RuleStatus = z.infer<typeof StatusSchema>;

const GenerateSchema = z.strictObject({
  count: z.number().int().min(0).max(100_000_000),
  /** The message, a template that may use {{index}} (0-based); the method's sample when left out. */
  body: JsonValue.optional(),
  intervalMs: z.number().int().min(0).max(3_600_000).default(0),
  /** End with the rule's `status` (INTERNAL when it has none) after this many messages. */
  failAfter: z.number().int().min(0).max(100_000_000).optional(),
});

export const RuleSchema = z.strictObject({
  /** Shown in the call log and CLI output; defaults to the file and the rule's position. */
  name: z.string().max(200).optional(),
  when: WhenSchema.default({}),
  /** Before the answer (unary, client stream) or the first message (streams): fixed or random ms. */
  delayMs: DelaySchema.optional(),
  /** The answer of a unary or client-stream method, a template. */
  body: JsonValue.optional(),
  /** Server stream: messages in order; bidi: messages sent unprompted when the call opens. */
  messages: z.array(JsonValue).max(1_000_000).optional(),
  /** Time between `messages`, and between generated ones. */
  intervalMs: z.number().int().min(0).max(3_600_000).default(0),
  /** Server stream: messages made on the fly. */
  generate: GenerateSchema.optional(),
  /** Bidi: the answer to each received message, a template over that message. */
  reply: JsonValue.optional(),
  /** End the call with this status instead of OK (after `messages`, for streams). */
  status: StatusSchema.optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z.strictObject({
  /** `pkg.Service/Method`. */
  method: z.string().min(1).max(1000),
  /** Values templates read as {{vars.name}}. */
  vars: z.record(z.string(), JsonValue).default({}),
  rules: z.array(RuleSchema).max(10_000),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
