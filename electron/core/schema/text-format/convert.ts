import type { DescMessage, Message, Registry } from '@bufbuild/protobuf';
import { AppError } from '../../../../shared/model/errors';
import type { MessageFormat } from '../../../../shared/model/formats';
import { PastedBytesError, parsePastedBytes } from '../../../../shared/wire/pasted-bytes';
import { decodeBinary, encodeJson, printJson } from '../json-codec';
import { encodeText, printText } from './text-codec';

/**
 * One message from one written form to another, through the message itself (never through a
 * lossy intermediate): JSON and text keep 64-bit integers, NaN and bytes exactly.
 */
export function convertMessage(
  desc: DescMessage,
  registry: Registry,
  request: { from: MessageFormat; to: MessageFormat; body: string; emitDefaults?: boolean },
): string {
  const message = readMessage(desc, registry, request.from, request.body);
  return writeMessage(desc, registry, message.message, message.bytes, request.to, request.emitDefaults ?? false);
}

function readMessage(
  desc: DescMessage,
  registry: Registry,
  format: MessageFormat,
  body: string,
): { message: Message; bytes: Uint8Array } {
  switch (format) {
    case 'json':
      return encodeJson(desc, body, registry);
    case 'text':
      return encodeText(desc, body, registry);
    case 'base64': {
      let bytes: Uint8Array;
      try {
        bytes = parsePastedBytes(body, 'base64');
      } catch (err) {
        if (err instanceof PastedBytesError) throw new AppError('VALIDATION', err.message);
        throw err;
      }
      return { message: decodeBinary(desc, bytes), bytes };
    }
  }
}

function writeMessage(
  desc: DescMessage,
  registry: Registry,
  message: Message,
  bytes: Uint8Array,
  format: MessageFormat,
  emitDefaults: boolean,
): string {
  switch (format) {
    case 'json':
      return printJson(desc, message, registry, { emitDefaults });
    case 'text':
      return printText(desc, message, registry);
    case 'base64':
      return Buffer.from(bytes).toString('base64');
  }
}
