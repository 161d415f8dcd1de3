import { ScalarType, type DescEnum, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { isWrapperDesc } from '@bufbuild/protobuf/wkt';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A request skeleton the user fills in: every field present (first oneof member only), samples
 * that parse as the field's type, the first enum value, and well-known types in their JSON forms.
 * A message already being expanded higher up is cut (null, [] or {}) so recursion ends.
 */
export function messageTemplate(desc: DescMessage): string {
  return JSON.stringify(templateOf(desc, []), null, 2);
}

function templateOf(desc: DescMessage, stack: string[]): Json {
  const wkt = wellKnownSample(desc);
  if (wkt !== undefined) return wkt;
  const out: { [k: string]: Json } = {};
  const seenOneofs = new Set<string>();
  const inner = [...stack, desc.typeName];
  for (const field of desc.fields) {
    const oneof = field.oneof;
    if (oneof) {
      if (seenOneofs.has(oneof.name)) continue;
      seenOneofs.add(oneof.name);
    }
    out[field.jsonName] = fieldSample(field, inner);
  }
  return out;
}

function fieldSample(field: DescField, stack: string[]): Json {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSample(field.scalar);
    case 'enum':
      return enumSample(field.enum);
    case 'message':
      return stack.includes(field.message.typeName) ? null : templateOf(field.message, stack);
    case 'list':
      if (field.listKind === 'scalar') return [scalarSample(field.scalar)];
      if (field.listKind === 'enum') return [enumSample(field.enum)];
      return stack.includes(field.message.typeName) ? [] : [templateOf(field.message, stack)];
    case 'map': {
      const key = mapKeySample(field.mapKey);
      if (field.mapKind === 'scalar') return { [key]: scalarSample(field.scalar) };
      if (field.mapKind === 'enum') return { [key]: enumSample(field.enum) };
      return stack.includes(field.message.typeName) ? {} : { [key]: templateOf(field.message, stack) };
    }
  }
}

function enumSample(e: DescEnum): Json {
  if (e.typeName === 'google.protobuf.NullValue') return null;
  return e.values[0]?.name ?? 0;
}

function scalarSample(t: ScalarType): Json {
  switch (t) {
    case ScalarType.STRING:
      return '';
    case ScalarType.BYTES:
      return '';
    case ScalarType.BOOL:
      return false;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return '0'; // proto3 JSON writes 64-bit integers as strings
    default:
      return 0;
  }
}

function mapKeySample(t: ScalarType): string {
  if (t === ScalarType.STRING) return 'key';
  if (t === ScalarType.BOOL) return 'true';
  return '0';
}

/** JSON forms of the well-known types with special JSON mappings; undefined for others. */
function wellKnownSample(desc: DescMessage): Json | undefined {
  if (isWrapperDesc(desc)) return scalarSample(desc.fields[0].scalar);
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      return '1970-01-01T00:00:00Z';
    case 'google.protobuf.Duration':
      return '0s';
    case 'google.protobuf.FieldMask':
      return '';
    case 'google.protobuf.Struct':
      return {};
    case 'google.protobuf.Value':
      return null;
    case 'google.protobuf.ListValue':
      return [];
    case 'google.protobuf.Empty':
      return {};
    case 'google.protobuf.Any':
      // An empty Any is valid; a sample "@type" would have to name a type the registry knows.
      return {};
    default:
      return undefined;
  }
}
