import {
  fromJson,
  ScalarType,
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescMessage,
  type Registry,
} from '@bufbuild/protobuf';
import { isWrapperDesc } from '@bufbuild/protobuf/wkt';
import { errorMessage } from './errors';
import { anyContent, fieldForKey, isJsonObject, type JsonObject } from './json-fields';

/*
 * Why the protobuf JSON parser refused a request, said where the user looks: the path as they
 * typed it (`points[1].x`, `counters["a"]`, a field's proto name if they used it) and what was
 * expected. The parser alone decides what is valid; this walks the JSON beside the descriptor,
 * asks the parser about one piece at a time, and explains the first piece it refuses.
 */

export interface BadValue {
  /** Path as typed; '' for the message itself. */
  path: string;
  message: string;
}

interface Walk {
  registry: Registry;
  ignoreUnknownFields: boolean;
}

/** The first value the parser refuses, explained; undefined if it accepts every piece. */
export function findBadValue(desc: DescMessage, value: unknown, walk: Walk): BadValue | undefined {
  return inMessage(desc, value, '', walk);
}

function inMessage(desc: DescMessage, value: unknown, path: string, walk: Walk): BadValue | undefined {
  if (desc.typeName === 'google.protobuf.Any') return inAny(desc, value, path, walk);
  if (desc.typeName.startsWith('google.protobuf.')) {
    const refused = parserRefuses(desc, value, walk);
    return refused === undefined ? undefined : { path, message: explainWellKnown(desc, value, refused) };
  }
  if (!isJsonObject(value)) {
    if (value === null && parserRefuses(desc, value, walk) === undefined) return undefined;
    return { path, message: `expected an object (${desc.typeName}), got ${show(value)}` };
  }
  for (const [key, v] of Object.entries(value)) {
    const here = join(path, key);
    const field = fieldForKey(desc, key, walk.registry);
    if (!field) {
      if (walk.ignoreUnknownFields) continue;
      const known = desc.fields.map((f) => f.jsonName).join(', ');
      return {
        path: here,
        message: `unknown field "${key}" in ${desc.typeName}${known ? ` (fields: ${known})` : ' (it has no fields)'}`,
      };
    }
    const found = inField(desc, field, key, v, here, walk);
    if (found) return found;
  }
  return oneofConflict(desc, value, path, walk) ?? whole(desc, value, path, walk);
}

function inField(
  desc: DescMessage,
  field: DescField | DescExtension,
  key: string,
  v: unknown,
  here: string,
  walk: Walk,
): BadValue | undefined {
  // The parser's verdict on this one field holding `piece` (a value, a one-item list, a one-entry map).
  const refuses = (piece: unknown) => parserRefuses(desc, { [key]: piece }, walk);
  const value = (item: unknown, piece: unknown, at: string): BadValue | undefined => {
    if (field.message) return inMessage(field.message, item, at, walk);
    const refused = refuses(piece);
    return refused === undefined ? undefined : { path: at, message: explainValue(field, item, refused) };
  };
  if (v === null) {
    const refused = refuses(v);
    return refused === undefined ? undefined : { path: here, message: refused };
  }
  switch (field.fieldKind) {
    case 'message':
    case 'scalar':
    case 'enum':
      return value(v, v, here);
    case 'list': {
      if (!Array.isArray(v)) return { path: here, message: `expected an array, got ${show(v)}` };
      for (const [i, item] of v.entries()) {
        const found = value(item, [item], `${here}[${i}]`);
        if (found) return found;
      }
      return undefined;
    }
    case 'map': {
      if (!isJsonObject(v)) return { path: here, message: `expected an object (a map), got ${show(v)}` };
      for (const [k, item] of Object.entries(v)) {
        const at = `${here}[${JSON.stringify(k)}]`;
        if (refuses({ [k]: zeroValue(field) }) !== undefined)
          return {
            path: at,
            message: `expected ${article(scalarName(field.mapKey))} map key, got ${JSON.stringify(k)}`,
          };
        const found = value(item, { [k]: item }, at);
        if (found) return found;
      }
      return undefined;
    }
  }
}

function inAny(desc: DescMessage, value: unknown, path: string, walk: Walk): BadValue | undefined {
  if (!isJsonObject(value))
    return { path, message: `expected an object (google.protobuf.Any, with "@type"), got ${show(value)}` };
  const content = anyContent(value, walk.registry);
  switch (content.kind) {
    case 'no-type':
      return {
        path,
        message:
          'an Any needs "@type" naming the type of its content, e.g. "type.googleapis.com/google.protobuf.Duration"',
      };
    case 'unknown-type':
      return {
        path,
        message: `unknown type ${JSON.stringify(content.typeUrl)} in "@type": the loaded schema has no message ${content.typeName}`,
      };
    case 'message':
      return (
        inMessage(content.desc, content.value, content.key ? join(path, content.key) : path, walk) ??
        whole(desc, value, path, walk)
      );
    case 'empty':
      return undefined;
  }
}

/** Two members of one oneof, named as typed: the second is the one in the way. */
function oneofConflict(desc: DescMessage, value: JsonObject, path: string, walk: Walk): BadValue | undefined {
  for (const oneof of desc.oneofs) {
    const set = Object.keys(value).filter(
      (key) => value[key] !== null && oneof.fields.includes(fieldForKey(desc, key, walk.registry) as DescField),
    );
    if (set.length > 1)
      return {
        path: join(path, set[1]!),
        message: `"${set[0]}" is set too; only one field of oneof ${oneof.name} may be set`,
      };
  }
  return undefined;
}

function whole(desc: DescMessage, value: unknown, path: string, walk: Walk): BadValue | undefined {
  const refused = parserRefuses(desc, value, walk);
  return refused === undefined ? undefined : { path, message: refused };
}

/** The parser's reason for refusing `value` as a `desc`, in protobuf words; undefined if it accepts it. */
function parserRefuses(desc: DescMessage, value: unknown, walk: Walk): string | undefined {
  try {
    fromJson(desc, value as never, walk);
    return undefined;
  } catch (err) {
    return errorMessage(err)
      .replace(/^cannot decode (field|message|enum|oneof) [\w.]+ from JSON:? ?/, '')
      .replace(/\bbigint \((\w+)\)/, '$1')
      .replace(/\bnumber \((\w+)\)/, '$1');
  }
}

/** A scalar field, a list or map of scalars, or a wrapper: what one value must be. */
type ValueType = { scalar?: ScalarType; enum?: DescEnum };

/** A scalar or enum value the parser refused (`reason`): what was expected, in the user's terms. */
function explainValue(expected: ValueType, v: unknown, reason: string): string {
  if (expected.enum) {
    const e = expected.enum;
    if (typeof v === 'string') {
      const names =
        e.values.length <= 12
          ? e.values.map((x) => x.name).join(', ')
          : `${e.values
              .slice(0, 12)
              .map((x) => x.name)
              .join(', ')}, ...`;
      return `unknown value ${show(v)} of enum ${e.typeName} (expected one of ${names}, or its number)`;
    }
    if (typeof v === 'number' || typeof v === 'bigint') return `${String(v)} is not a value of enum ${e.typeName}`;
    return `expected a value of enum ${e.typeName} (a name or a number), got ${show(v)}`;
  }
  const name = scalarName(expected.scalar!);
  const range = INTEGER_RANGES[expected.scalar!];
  if (range) {
    const integral =
      typeof v === 'bigint' ||
      (typeof v === 'number' && Number.isInteger(v)) ||
      (typeof v === 'string' && /^-?\d+$/.test(v));
    return integral
      ? `${String(v)} is out of range for ${name} (${range})`
      : `expected an integer (${name}), got ${show(v)}`;
  }
  switch (expected.scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return typeof v === 'number'
        ? `${String(v)} is out of range for ${name}`
        : `expected a number (${name}), got ${show(v)}`;
    case ScalarType.BOOL:
      return `expected true or false, got ${show(v)}`;
    case ScalarType.BYTES:
      return `expected base64-encoded bytes, got ${show(v)}`;
    default:
      return typeof v === 'string' ? reason : `expected a string, got ${show(v)}`;
  }
}

function explainWellKnown(desc: DescMessage, v: unknown, reason: string): string {
  if (isWrapperDesc(desc)) return explainValue({ scalar: desc.fields[0].scalar }, v, reason);
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      return `expected a Timestamp in RFC 3339 form, e.g. "2024-01-31T12:00:00Z", got ${show(v)}`;
    case 'google.protobuf.Duration':
      return `expected a Duration in seconds with an "s" suffix, e.g. "1.5s", got ${show(v)}`;
    case 'google.protobuf.FieldMask':
      return `expected a FieldMask of comma-separated lowerCamelCase paths, e.g. "name,address.city", got ${show(v)}`;
    case 'google.protobuf.Struct':
    case 'google.protobuf.Empty':
      return isJsonObject(v) ? reason : `expected an object (${desc.typeName}), got ${show(v)}`;
    case 'google.protobuf.ListValue':
      return Array.isArray(v) ? reason : `expected an array (${desc.typeName}), got ${show(v)}`;
    default:
      return reason;
  }
}

const INTEGER_RANGES: Partial<Record<ScalarType, string>> = {
  [ScalarType.INT32]: '-2147483648 to 2147483647',
  [ScalarType.SINT32]: '-2147483648 to 2147483647',
  [ScalarType.SFIXED32]: '-2147483648 to 2147483647',
  [ScalarType.UINT32]: '0 to 4294967295',
  [ScalarType.FIXED32]: '0 to 4294967295',
  [ScalarType.INT64]: '-9223372036854775808 to 9223372036854775807',
  [ScalarType.SINT64]: '-9223372036854775808 to 9223372036854775807',
  [ScalarType.SFIXED64]: '-9223372036854775808 to 9223372036854775807',
  [ScalarType.UINT64]: '0 to 18446744073709551615',
  [ScalarType.FIXED64]: '0 to 18446744073709551615',
};

function scalarName(t: ScalarType): string {
  return ScalarType[t].toLowerCase();
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** A map value the parser accepts for any valid key, to test a key on its own. */
function zeroValue(field: DescField & { fieldKind: 'map' }): unknown {
  if (field.mapKind === 'message') return {};
  if (field.mapKind === 'enum') return 0;
  return field.scalar === ScalarType.STRING || field.scalar === ScalarType.BYTES
    ? ''
    : field.scalar === ScalarType.BOOL
      ? false
      : 0;
}

/** A value as the user typed it: strings quoted (and cut when long), numbers with every digit. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v === null || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
