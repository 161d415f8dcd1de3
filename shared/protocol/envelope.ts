import { z } from 'zod';
import { ERROR_CODES, type ErrorData } from '../model/errors';

/**
 * The wire format of the RPC. Ids are minted by the caller, so a caller can register its
 * listener before the server can possibly answer.
 */
const id = z.number().int().nonnegative();
const credit = z.number().int().positive().max(1_000_000);

export const ClientEnvelopeSchema = z.discriminatedUnion('t', [
  /** A request with one answer. */
  z.object({ t: z.literal('req'), id, method: z.string().max(200), input: z.unknown() }),
  /** Open a stream of events; `credit` is how many events the caller can take before it says more. */
  z.object({ t: z.literal('sub'), id, method: z.string().max(200), input: z.unknown(), credit }),
  /** The caller applied events and can take `n` more. */
  z.object({ t: z.literal('credit'), id, n: credit }),
  /** Cancel a request or a stream. Cancelling an unknown or finished id is a no-op. */
  z.object({ t: z.literal('cancel'), id }),
]);
export type ClientEnvelope = z.infer<typeof ClientEnvelopeSchema>;

/** Just enough of an envelope to answer it: an id. */
const AddressedSchema = z.object({ id });

/** Zod issues as one line a person can act on: `field: what is wrong; ...`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], whole = '(input)'): string {
  return issues.map((i) => `${i.path.join('.') || whole}: ${i.message}`).join('; ');
}

export type ReadEnvelope =
  | { ok: true; envelope: ClientEnvelope }
  /** Malformed but addressed: the caller waits on `id`, so it is owed this error. */
  | { ok: false; id: number; t: unknown; error: ErrorData }
  /** No id to answer to: not ours, or garbage. */
  | undefined;

/**
 * Validates a whole incoming envelope. Anything that carries an id is either accepted or comes
 * back with the error to answer it with, so no caller waits forever on a message we dropped.
 */
export function readEnvelope(raw: unknown): ReadEnvelope {
  const parsed = ClientEnvelopeSchema.safeParse(raw);
  if (parsed.success) return { ok: true, envelope: parsed.data };
  const addressed = AddressedSchema.safeParse(raw);
  if (!addressed.success) return undefined;
  const t = (raw as { t?: unknown }).t;
  const kind = typeof t === 'string' && t.length <= 16 ? `'${t}' ` : '';
  const message = `Invalid ${kind}envelope: ${describeIssues(parsed.error.issues, '(envelope)')}`;
  return { ok: false, id: addressed.data.id, t, error: { code: 'VALIDATION', message } };
}

const ErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  locations: z
    .array(z.object({ file: z.string(), line: z.number().optional(), column: z.number().optional() }))
    .optional(),
  details: z.unknown().optional(),
});

export type ServerEnvelope =
  | { t: 'ok'; id: number; output: unknown }
  | { t: 'err'; id: number; error: z.infer<typeof ErrorDataSchema> }
  /**
   * `n`: how many pushed events the batch stands for, when coalescing packed some (credit counts those).
   * `end`: the stream's end rides on its last batch (a unary call's events and its end in one frame).
   */
  | { t: 'batch'; id: number; events: unknown[]; n?: number; end?: { error?: z.infer<typeof ErrorDataSchema> } }
  | { t: 'end'; id: number; error?: z.infer<typeof ErrorDataSchema> };

export const ServerEnvelopeSchema: z.ZodType<ServerEnvelope> = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ok'), id, output: z.unknown() }),
  z.object({ t: z.literal('err'), id, error: ErrorDataSchema }),
  z.object({
    t: z.literal('batch'),
    id,
    events: z.array(z.unknown()),
    n: z.number().int().positive().optional(),
    end: z.object({ error: ErrorDataSchema.optional() }).optional(),
  }),
  z.object({ t: z.literal('end'), id, error: ErrorDataSchema.optional() }),
]);
