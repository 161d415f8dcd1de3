import { ScalarType, type DescExtension, type DescField, type DescMessage, type Registry } from '@bufbuild/protobuf';
import { hasCustomJsonRepresentation } from '@bufbuild/protobuf/wkt';

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

/**
 * Integer literals too big for a double are read as bigints so 64-bit fields get them exactly;
 * where the field is a floating-point number (double, float, their wrappers, Struct and Value)
 * JSON's meaning is a double, so they become numbers again there. Elsewhere bigints stay, and
 * the protobuf parser takes or refuses them (a string field refuses 9007199254740993n).
 */
export function floatsAsNumbers(desc: DescMessage, value: unknown, registry: Registry): unknown {
  if (FLOATING.has(desc.typeName)) return allNumbers(value);
  if (!isJsonObject(value)) return value;
  if (desc.typeName === 'google.protobuf.Any') {
    const content = anyContent(value, registry);
    if (content.kind !== 'message') return value;
    const inner = floatsAsNumbers(content.desc, content.value, registry);
    return content.key ? { ...value, [content.key]: inner } : { '@type': value['@type'], ...(inner as JsonObject) };
  }
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fieldForKey(desc, key, registry);
    out[key] = field ? fieldFloatsAsNumbers(field, v, registry) : v;
  }
  return out;
}

function fieldFloatsAsNumbers(field: DescField | DescExtension, v: unknown, registry: Registry): unknown {
  const one = (item: unknown): unknown => {
    if (field.message) return floatsAsNumbers(field.message, item, registry);
    const floating = field.scalar === ScalarType.DOUBLE || field.scalar === ScalarType.FLOAT;
    return floating && typeof item === 'bigint' ? Number(item) : item;
  };
  if (field.fieldKind === 'list' && Array.isArray(v)) return v.map(one);
  if (field.fieldKind === 'map' && isJsonObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, one(item)]));
  return one(v);
}

function allNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(allNumbers);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, allNumbers(v)]));
  return value;
}
