import { z } from 'zod';
import { MESSAGE_FORMATS, type DecodedBytes, type MessageWire } from '../model/formats';
import { WIRE_VIEW_LIMIT } from '../model/wire';
import { TargetSettingsSchema } from '../model/target';
import { request } from '../protocol/define';
import { EnvironmentSchema } from './environment';

/**
 * A message in other forms than JSON: spread into loupeContract (contract/index.ts) so there is
 * still one contract. The engine converts and decodes; the window only shows.
 */
const Target = { target: TargetSettingsSchema, environment: EnvironmentSchema.optional() };
const TypeName = z.string().min(1).max(512);
const WireLimit = z
  .number()
  .int()
  .positive()
  .max(16 * 1024 * 1024)
  .default(WIRE_VIEW_LIMIT);

export const formatsContract = {
  /**
   * One message of the target's schema from one form to another (JSON, text format, base64 of
   * the bytes), exactly: 64-bit integers, NaN and bytes survive. A mistake says line and column.
   */
  'message.convert': request<string>()(
    z.object({
      ...Target,
      type: TypeName,
      from: z.enum(MESSAGE_FORMATS),
      to: z.enum(MESSAGE_FORMATS),
      body: z.string().max(64 * 1024 * 1024),
      emitDefaults: z.boolean().default(false),
    }),
  ),
  /** A kept message of a call in protobuf text format (unknown fields by number). */
  'call.text': request<string>()(z.object({ callId: z.string().min(1), position: z.number().int().nonnegative() })),
  /** Message type names of the target's schema (for a type picker). */
  'schema.messageTypes': request<string[]>()(z.object(Target)),
  /** A kept message of a call as bytes and a wire tree, the first `limit` bytes of it. */
  'call.wire': request<MessageWire>()(
    z.object({ callId: z.string().min(1), position: z.number().int().nonnegative(), limit: WireLimit }),
  ),
  /**
   * Pasted bytes (hexadecimal or base64) as a wire tree, and as a message of `type` when given
   * (its field names then in the tree too).
   */
  'bytes.decode': request<DecodedBytes>()(
    z.object({
      ...Target,
      bytes: z.string().max(64 * 1024 * 1024),
      encoding: z.enum(['auto', 'hex', 'base64']).default('auto'),
      type: TypeName.optional(),
      limit: WireLimit,
    }),
  ),
};
