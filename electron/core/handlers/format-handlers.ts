import type { formatsContract } from '../../../shared/contract/formats';
import { AppError } from '../../../shared/model/errors';
import type { DecodedBytes } from '../../../shared/model/formats';
import type { Handlers } from '../../../shared/protocol/define';
import { decodeWire } from '../../../shared/wire/decode-wire';
import { parsePastedBytes, PastedBytesError } from '../../../shared/wire/pasted-bytes';
import { withGoogleRpc } from '../calls';
import type { SchemaRegistry } from '../schema';
import { errorMessage } from '../schema/errors';
import { decodeToJson } from '../schema/json-codec';
import { convertMessage } from '../schema/text-format/convert';
import { decodeToText } from '../schema/text-format/text-codec';
import { wireSchemaOf } from '../schema/wire-schema';
import type { TargetSettings } from '../../../shared/model/target';
import { targetInEnvironment, type CallEnvironment } from './call-environment';
import type { MessageStore } from './message-store';
import type { SchemaStore } from './schema-store';
import type { SecretSources } from '../workspace';

/** The contract's entries for a message's other forms: text format, bytes, the wire tree. */
export function createFormatHandlers(
  deps: { schemas: SchemaStore; secrets: SecretSources },
  messages: MessageStore,
): Handlers<typeof formatsContract> {
  const schemaOf = async (target: TargetSettings, environment: CallEnvironment | undefined) =>
    deps.schemas.get(await targetInEnvironment(target, environment, deps.secrets));
  return {
    'message.convert': async ({ target, environment, type, from, to, body, emitDefaults }) => {
      const schema = await schemaOf(target, environment);
      const registry = withGoogleRpc(schema.registry);
      return convertMessage(schema.message(type), registry, { from, to, body, emitDefaults });
    },

    'schema.messageTypes': async ({ target, environment }) => messageTypes(await schemaOf(target, environment)),

    'call.wire': ({ callId, position, limit }) => {
      const { direction, bytes, type, registry } = messages.bytesAt(callId, position);
      if (!type || !registry) throw new AppError('NOT_FOUND', `Call '${callId}' does not say its message types.`);
      const shown = bytes.subarray(0, limit);
      return {
        direction,
        type: type.typeName,
        base64: Buffer.from(shown).toString('base64'),
        tree: decodeWire(bytes, { limit, schema: wireSchemaOf(type, registry) }),
      };
    },

    'call.text': ({ callId, position }) => {
      const { bytes, type, registry } = messages.bytesAt(callId, position);
      if (!type || !registry) throw new AppError('NOT_FOUND', `Call '${callId}' does not say its message types.`);
      return decodeToText(type, bytes, registry);
    },

    'bytes.decode': async ({ target, environment, bytes: pasted, encoding, type, limit }) => {
      let bytes: Uint8Array;
      try {
        bytes = parsePastedBytes(pasted, encoding);
      } catch (err) {
        if (err instanceof PastedBytesError) throw new AppError('VALIDATION', err.message);
        throw err;
      }
      const base64 = Buffer.from(bytes.subarray(0, limit)).toString('base64');
      if (!type) return { size: bytes.length, base64, tree: decodeWire(bytes, { limit }) };
      const schema = await schemaOf(target, environment);
      const desc = schema.message(type);
      const registry = withGoogleRpc(schema.registry);
      const decoded: DecodedBytes = {
        size: bytes.length,
        base64,
        tree: decodeWire(bytes, { limit, schema: wireSchemaOf(desc, registry) }),
      };
      try {
        decoded.json = decodeToJson(desc, bytes, registry);
        decoded.text = decodeToText(desc, bytes, registry);
      } catch (err) {
        decoded.error = errorMessage(err);
      }
      return decoded;
    },
  };
}

function messageTypes(schema: SchemaRegistry): string[] {
  return schema.typeNames(['message']).sort();
}
