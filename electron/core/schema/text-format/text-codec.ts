import type { DescMessage, Message, Registry } from '@bufbuild/protobuf';
import { fromText, toText } from '@bufbuild/protobuf/txtpb';
import { AppError } from '../../../../shared/model/errors';
import { errorMessage } from '../errors';
import { decodeBinary, encodeChecked } from '../json-codec';
import { locateTextError } from './error-position';

/*
 * The protobuf text format (what `protoc --encode` reads and `protoc --decode` prints), over
 * @bufbuild/protobuf's own parser and printer (`@bufbuild/protobuf/txtpb`, a port of
 * protobuf-go's prototext): the same runtime, descriptors and registry as the JSON codec, 64-bit
 * integers as BigInt, Any expanded and extensions by the registry. This file adds what a person
 * typing needs: where a mistake is (line, column, field) and the proto2 required-field check.
 */

export interface TextReadOpts {
  /** The message's 0-based position on a client stream, named in errors. */
  index?: number;
}

/** Request text-format text -> message and wire bytes; a mistake says its line, column and field. */
export function encodeText(
  desc: DescMessage,
  text: string,
  registry: Registry,
  opts: TextReadOpts = {},
): { message: Message; bytes: Uint8Array } {
  const subject = opts.index === undefined ? 'The request' : `Request message #${opts.index + 1}`;
  const details = { type: desc.typeName, ...(opts.index === undefined ? {} : { index: opts.index }) };
  const parse = (source: string) => fromText(desc, source, { registry });
  let message: Message;
  try {
    message = parse(text);
  } catch (err) {
    const reason = errorMessage(err);
    const at = locateTextError(text, reason, parse);
    const field = at.path ? ` (field ${at.path})` : '';
    throw new AppError(
      'VALIDATION',
      `${subject} is not valid text format at line ${at.line}, column ${at.column}${field}: ${reason}`,
      {
        locations: [{ file: at.path || desc.typeName, line: at.line, column: at.column }],
        details: { ...details, path: at.path, line: at.line, column: at.column },
      },
    );
  }
  const which = opts.index === undefined ? '' : `${subject}: `;
  return { message, bytes: encodeChecked(desc, message, which, details) };
}

/**
 * A message -> text format. Unknown fields are printed by number (`12: 150`) so nothing the
 * server sent is hidden; text holding them cannot be read back (fields are named, not numbered).
 */
export function printText(desc: DescMessage, message: Message, registry: Registry): string {
  return toText(desc, message, { registry, printUnknownFields: true });
}

/** Wire bytes -> text format. */
export function decodeToText(desc: DescMessage, bytes: Uint8Array, registry: Registry): string {
  return printText(desc, decodeBinary(desc, bytes), registry);
}
