import { ScalarType, type DescExtension, type DescField, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { hasCustomJsonRepresentation, isWrapperDesc } from '@bufbuild/protobuf/wkt';
import { NumberLiteral } from '../../../shared/json/json-text';

/* Reading a request's JSON value alongside its message descriptor, the way protobuf's JSON
 * mapping reads it: which field a key names, what an Any holds. */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field a JSON key names: its JSON name, its proto name, or "[pkg.ext]" for an extension. */
export function fieldForKey(desc: DescMessage, key: string, registry: Registry): DescField | DescExtension | undefined {
  if (key.startsWith('[') && key.endsWith(']')) {
    const ext = registry.getExtension(key.slice(1, -1));
    return ext?.extendee.typeName === desc.typeName ? ext : undefined;
  }
  return desc.fields.find((f) => f.jsonName === key || f.name === key);
}

export type AnyContent =
  | { kind: 'empty' }
  | { kind: 'no-type' }
  | { kind: 'unknown-type'; typeUrl: string; typeName: string }
  /** `value` is the content's JSON; `key` is where it sits inside the Any ('' for its own keys). */
  | { kind: 'message'; desc: DescMessage; value: unknown; key: string };

/** What a google.protobuf.Any's JSON object holds, resolved through the registry. */
export function anyContent(any: JsonObject, registry: Registry): AnyContent {
  if (Object.keys(any).length === 0) return { kind: 'empty' };
  const typeUrl = any['@type'];
  if (typeof typeUrl !== 'string' || typeUrl === '') return { kind: 'no-type' };
  const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  const desc = typeName ? registry.getMessage(typeName) : undefined;
  if (!desc) return { kind: 'unknown-type', typeUrl, typeName };
  // Types with a JSON form of their own (Timestamp, Struct, wrappers...) sit under "value".
  if (hasCustomJsonRepresentation(desc) && Object.hasOwn(any, 'value'))
    return { kind: 'message', desc, value: any.value, key: 'value' };
  const { ['@type']: _type, ...fields } = any;
  return { kind: 'message', desc, value: fields, key: '' };
}

const FLOATING = new Set([
  'google.protobuf.DoubleValue',
  'google.protobuf.FloatValue',
  'google.protobuf.Value',
  'google.protobuf.Struct',
  'google.protobuf.ListValue',
]);

/** A number literal an integer field cannot hold exactly: named by the path as typed. */
export class NotAnInteger extends Error {
  constructor(
    readonly path: string,
    readonly literal: string,
    readonly scalar: string,
  ) {
    super(`${path ? `${path}: ` : ''}expected an integer (${scalar}), got ${literal}`);
  }
}

const INTEGERS = new Map<ScalarType, string>([
  [ScalarType.INT32, 'int32'],
  [ScalarType.UINT32, 'uint32'],
  [ScalarType.SINT32, 'sint32'],
  [ScalarType.FIXED32, 'fixed32'],
  [ScalarType.SFIXED32, 'sfixed32'],
  [ScalarType.INT64, 'int64'],
  [ScalarType.UINT64, 'uint64'],
  [ScalarType.SINT64, 'sint64'],
  [ScalarType.FIXED64, 'fixed64'],
  [ScalarType.SFIXED64, 'sfixed64'],
]);
const WIDE = new Set([ScalarType.INT64, ScalarType.UINT64, ScalarType.SINT64, ScalarType.FIXED64, ScalarType.SFIXED64]);

/**
 * Numbers as each field means them. Integer literals too big for a double arrive as bigints, and
 * whole-valued literals written with a fraction or an exponent as NumberLiterals (parseExactJson),
 * so integer fields get exactly what was typed: `9007199254740993e0` is that integer, `1e3` is
 * 1000, and `9007199254740993.5` (whose double is a whole number) is refused with a NotAnInteger
 * rather than rounded. Where the field is a floating-point number (double, float, their wrappers,
 * Struct and Value) JSON's meaning is a double, so both become numbers there. Elsewhere bigints
 * stay, and the protobuf parser takes or refuses them (a string field refuses 9007199254740993n).
 */
export function exactNumbers(desc: DescMessage, value: unknown, registry: Registry, path = ''): unknown {
  if (FLOATING.has(desc.typeName)) return allNumbers(value);
  // Int64Value and the other wrappers are written as their one field's value.
  if (isWrapperDesc(desc) && (value instanceof NumberLiteral || !isJsonObject(value)))
    return scalarValue(desc.fields[0], value, path);
  if (value instanceof NumberLiteral || !isJsonObject(value)) return literalsAsNumbers(value);
  if (desc.typeName === 'google.protobuf.Any') {
    const content = anyContent(value, registry);
    if (content.kind !== 'message') return literalsAsNumbers(value);
    const at = content.key ? joinPath(path, content.key) : path;
    const inner = exactNumbers(content.desc, content.value, registry, at);
    return content.key ? { ...value, [content.key]: inner } : { '@type': value['@type'], ...(inner as JsonObject) };
  }
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fieldForKey(desc, key, registry);
    out[key] = field ? fieldNumbers(field, v, registry, joinPath(path, key)) : literalsAsNumbers(v);
  }
  return out;
}

function fieldNumbers(field: DescField | DescExtension, v: unknown, registry: Registry, path: string): unknown {
  const one = (item: unknown, at: string): unknown =>
    field.message ? exactNumbers(field.message, item, registry, at) : scalarValue(field, item, at);
  if (field.fieldKind === 'list' && Array.isArray(v)) return v.map((item, i) => one(item, `${path}[${i}]`));
  if (field.fieldKind === 'map' && isJsonObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, one(item, `${path}[${JSON.stringify(k)}]`)]));
  return one(v, path);
}

function scalarValue(field: DescField | DescExtension, item: unknown, path: string): unknown {
  const floating = field.scalar === ScalarType.DOUBLE || field.scalar === ScalarType.FLOAT;
  if (floating && typeof item === 'bigint') return Number(item);
  if (typeof item === 'string' && DECIMAL_TEXT.test(item)) return quotedInteger(field, item, path);
  if (!(item instanceof NumberLiteral)) return literalsAsNumbers(item);
  // Enum numbers are int32s, written as numbers like any other.
  const integer = field.scalar === undefined ? (field.enum ? 'int32' : undefined) : INTEGERS.get(field.scalar);
  if (!integer) return Number(item);
  const exact = item.exactInteger();
  if (exact === undefined) throw new NotAnInteger(path, item.text, field.enum ? field.enum.typeName : integer);
  return field.scalar !== undefined && WIDE.has(field.scalar) ? exact : Number(exact);
}

/** A number with a fraction or an exponent, as JSON writes one (quoted here). */
const DECIMAL_TEXT = /^-?\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)$/;

/**
 * Protobuf's JSON lets 32-bit integers be quoted, and the parser reads "1.0000000000000001" as
 * the double 1: refuse a fraction the double dropped. Quoted 64-bit integers with a fraction or
 * an exponent the parser refuses itself.
 */
function quotedInteger(field: DescField | DescExtension, text: string, path: string): string {
  const integer = field.scalar === undefined ? undefined : INTEGERS.get(field.scalar);
  if (!integer || WIDE.has(field.scalar!)) return text;
  if (new NumberLiteral(text).exactInteger() === undefined) throw new NotAnInteger(path, JSON.stringify(text), integer);
  return text;
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** NumberLiterals where no integer field takes them (unknown keys, wrong types): plain doubles. */
function literalsAsNumbers(value: unknown): unknown {
  if (value instanceof NumberLiteral) return Number(value);
  if (Array.isArray(value)) return value.map(literalsAsNumbers);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalsAsNumbers(v)]));
  return value;
}

function allNumbers(value: unknown): unknown {
  if (typeof value === 'bigint' || value instanceof NumberLiteral) return Number(value);
  if (Array.isArray(value)) return value.map(allNumbers);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, allNumbers(v)]));
  return value;
}
