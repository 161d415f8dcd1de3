import {
  fromBinary,
  fromJson,
  toBinary,
  toJson,
  type DescMessage,
  type Message,
  type Registry,
} from '@bufbuild/protobuf';
import { JsonSyntaxError, parseExactJson, stringifyJson } from '../../../shared/json/json-text';
import { AppError } from '../../../shared/model/errors';
import { errorMessage } from './errors';
import { findBadValue } from './json-errors';
import { exactNumbers, NotAnInteger } from './json-fields';

/*
 * The one JSON codec of the engine: every request body (the app, the CLI, `loupe run`, history
 * replay) becomes bytes here, and every message becomes JSON text here.
 */

export interface JsonReadOpts {
  ignoreUnknownFields?: boolean;
  /** The message's 0-based position on a client stream, named in errors ("Request message #2: ..."). */
  index?: number;
}

export interface JsonWriteOpts {
  /** Include fields that hold their default value (proto3 implicit presence). */
  emitDefaults?: boolean;
  /** Indentation; 0 for one line. Default 2. */
  indent?: number;
}

/** Whether the text may hold a quoted number with a fraction or an exponent (exactNumbers checks those). */
const QUOTED_DECIMAL = /"-?\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)"/;

/**
 * Request JSON text -> message and wire bytes. Integers are read exactly (9007199254740993 typed
 * without quotes stays itself), @bufbuild/protobuf's conformance-tested parser decides what is
 * valid, and a refusal names the path as typed and what was expected.
 */
export function encodeJson(
  desc: DescMessage,
  text: string,
  registry: Registry,
  opts: JsonReadOpts = {},
): { message: Message; bytes: Uint8Array } {
  const subject = opts.index === undefined ? 'The request' : `Request message #${opts.index + 1}`;
  const which = opts.index === undefined ? '' : `${subject}: `;
  const details = { type: desc.typeName, ...(opts.index === undefined ? {} : { index: opts.index }) };
  const ignoreUnknownFields = opts.ignoreUnknownFields ?? false;
  let parsed: { value: unknown; marked: number };
  try {
    parsed = text.trim() === '' ? { value: {}, marked: 0 } : parseExactJson(text, { wholeDecimals: true });
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new AppError(
      'VALIDATION',
      `${subject} is not valid JSON at line ${err.line}, column ${err.column}: ${err.reason}`,
      {
        details: { ...details, path: '' },
      },
    );
  }
  let value = parsed.value;
  try {
    if (parsed.marked || QUOTED_DECIMAL.test(text)) value = exactNumbers(desc, parsed.value, registry);
  } catch (err) {
    if (!(err instanceof NotAnInteger)) throw err;
    throw new AppError('VALIDATION', `${which}${err.message}`, {
      locations: [{ file: err.path || desc.typeName }],
      details: { ...details, path: err.path },
    });
  }
  let message: Message;
  try {
    message = fromJson(desc, value as never, { registry, ignoreUnknownFields });
  } catch (err) {
    const bad = findBadValue(desc, value, { registry, ignoreUnknownFields }) ?? {
      path: '',
      message: errorMessage(err),
    };
    throw new AppError('VALIDATION', `${which}${bad.path ? `${bad.path}: ` : ''}${bad.message}`, {
      locations: [{ file: bad.path || desc.typeName }],
      details: { ...details, path: bad.path },
    });
  }
  return { message, bytes: encodeChecked(desc, message, which, details) };
}

/**
 * A parsed message -> wire bytes, whichever text it came from. The text was well-formed for the
 * type; encoding fails only for proto2 required fields, named here the way the user typed them.
 */
export function encodeChecked(
  desc: DescMessage,
  message: Message,
  which: string,
  details: Record<string, unknown>,
): Uint8Array {
  try {
    return toBinary(desc, message);
  } catch (err) {
    const field = /cannot encode field ([\w.]+) to binary: required field not set/.exec(errorMessage(err))?.[1];
    if (field) {
      const dot = field.lastIndexOf('.');
      const owner = field.slice(0, dot);
      const path = owner === desc.typeName ? field.slice(dot + 1) : field;
      throw new AppError(
        'VALIDATION',
        `${which}${path}: required field is not set${owner === desc.typeName ? '' : ` (in a ${owner})`}`,
        {
          locations: [{ file: path }],
          details: { ...details, path },
        },
      );
    }
    throw new AppError('VALIDATION', `${which}Invalid ${desc.typeName}: ${errorMessage(err)}`, {
      details: { ...details, path: '' },
    });
  }
}

/** Binary message -> canonical proto3 JSON text (lowerCamelCase names, int64 as strings). */
export function decodeToJson(
  desc: DescMessage,
  bytes: Uint8Array,
  registry: Registry,
  opts: JsonWriteOpts = {},
): string {
  return printJson(desc, decodeBinary(desc, bytes), registry, opts);
}

/** Wire bytes -> message, unknown fields kept; bytes the type cannot read are a SCHEMA error. */
export function decodeBinary(desc: DescMessage, bytes: Uint8Array): Message {
  try {
    return fromBinary(desc, bytes, { readUnknownFields: true });
  } catch (err) {
    throw new AppError(
      'SCHEMA',
      `The bytes are not a valid ${desc.typeName} (${errorMessage(err)}); the server may use a different schema.`,
    );
  }
}

/**
 * A message -> canonical proto3 JSON text. Throws for an Any whose type the registry lacks. Not
 * toJsonString: its JSON.stringify writes a double's negative zero as 0, where proto3 JSON has -0.
 */
export function printJson(desc: DescMessage, message: Message, registry: Registry, opts: JsonWriteOpts = {}): string {
  const value = toJson(desc, message, { registry, alwaysEmitImplicit: opts.emitDefaults ?? false });
  return stringifyJson(value, opts.indent ?? 2);
}
