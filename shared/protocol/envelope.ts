import { z } from 'zod';
import { ERROR_CODES } from '../model/errors';

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
  /** `n`: how many pushed events the batch stands for, when coalescing packed some (credit counts those). */
  | { t: 'batch'; id: number; events: unknown[]; n?: number }
  | { t: 'end'; id: number; error?: z.infer<typeof ErrorDataSchema> };

export const ServerEnvelopeSchema: z.ZodType<ServerEnvelope> = z.discriminatedUnion('t', [
  z.object({ t: z.literal('ok'), id, output: z.unknown() }),
  z.object({ t: z.literal('err'), id, error: ErrorDataSchema }),
  z.object({ t: z.literal('batch'), id, events: z.array(z.unknown()), n: z.number().int().positive().optional() }),
  z.object({ t: z.literal('end'), id, error: ErrorDataSchema.optional() }),
]) as z.ZodType<ServerEnvelope>;
