import {
  ScalarType,
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescMessage,
  type FileRegistry,
} from '@bufbuild/protobuf';
import { FieldDescriptorProto_Label, isWrapperDesc } from '@bufbuild/protobuf/wkt';
import { docOf } from './comments';
import { extensionLookup } from './lazy-registry';

type Schema = Record<string, unknown>;

const INT64_TYPES = new Set([
  ScalarType.INT64,
  ScalarType.UINT64,
  ScalarType.SINT64,
  ScalarType.FIXED64,
  ScalarType.SFIXED64,
]);

/**
 * JSON Schema (draft-07, what Monaco's JSON worker speaks) for a message's proto3 JSON form.
 * Messages become entries in $defs referenced by "$ref": "#/$defs/<full name>" (Monaco resolves
 * refs as JSON pointers, so recursion is fine). additionalProperties is false so a misspelt
 * field is underlined; original proto field names are accepted through patternProperties so they
 * validate without doubling every completion list.
 */
export function messageJsonSchema(desc: DescMessage, registry: FileRegistry): Schema {
  const defs: Record<string, Schema> = {};
  const extensions = extensionLookup(registry);
  const refTo = (m: DescMessage): Schema => {
    if (!(m.typeName in defs)) {
      defs[m.typeName] = {}; // placeholder first: recursive references stop here
      defs[m.typeName] = messageSchema(m, refTo, extensions(m.typeName));
    }
    return { $ref: `#/$defs/${m.typeName}` };
  };
  refTo(desc);
  // The root is the message itself rather than a bare $ref: in draft-07 keywords beside a $ref
  // are ignored, and $defs must sit beside whatever the root is.
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: desc.typeName,
    ...defs[desc.typeName],
    $defs: defs,
  };
}

function messageSchema(desc: DescMessage, refTo: (m: DescMessage) => Schema, extensions: DescExtension[]): Schema {
  const wkt = wellKnownSchema(desc);
  if (wkt) return withDescription(wkt, docOf(desc));
  const properties: Record<string, Schema> = {};
  const patternProperties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const field of desc.fields) {
    const schema = withDescription(fieldSchema(field, refTo), fieldDescription(field));
    properties[field.jsonName] = schema;
    if (field.name !== field.jsonName) patternProperties[`^${escapeRegex(field.name)}$`] = schema;
    if (field.proto.label === FieldDescriptorProto_Label.REQUIRED /* proto2 */) required.push(field.jsonName);
  }
  for (const ext of extensions) {
    properties[`[${ext.typeName}]`] = withDescription(fieldSchema(ext, refTo), docOf(ext));
  }
  const schema: Schema = { type: 'object', properties, additionalProperties: false };
  if (Object.keys(patternProperties).length) schema.patternProperties = patternProperties;
  if (required.length) schema.required = required;
  const exclusive = desc.oneofs.filter((o) => o.fields.length > 1).map(oneofRule);
  if (exclusive.length) schema.allOf = exclusive;
  return withDescription(schema, docOf(desc));
}

/** At most one member of a oneof: exactly one branch matches, or none of the members is present. */
function oneofRule(oneof: DescMessage['oneofs'][number]): Schema {
  const present = (f: DescField): Schema =>
    f.name === f.jsonName
      ? { required: [f.jsonName] }
      : { anyOf: [{ required: [f.jsonName] }, { required: [f.name] }] };
  return {
    description: `oneof ${oneof.name}: set at most one of ${oneof.fields.map((f) => f.jsonName).join(', ')}`,
    oneOf: [...oneof.fields.map(present), { not: { anyOf: oneof.fields.map(present) } }],
  };
}

function fieldSchema(field: DescField | DescExtension, refTo: (m: DescMessage) => Schema): Schema {
  switch (field.fieldKind) {
    case 'scalar':
      return scalarSchema(field.scalar);
    case 'enum':
      return enumSchema(field.enum);
    case 'message': {
      // null means "not set" in proto3 JSON (templates use it to cut recursion).
      const ref = refTo(field.message);
      return field.message.typeName === 'google.protobuf.Value' ? ref : { anyOf: [ref, { type: 'null' }] };
    }
    case 'list': {
      const items =
        field.listKind === 'scalar'
          ? scalarSchema(field.scalar)
          : field.listKind === 'enum'
            ? enumSchema(field.enum)
            : refTo(field.message);
      return { type: 'array', items };
    }
    case 'map': {
      const values =
        field.mapKind === 'scalar'
          ? scalarSchema(field.scalar)
          : field.mapKind === 'enum'
            ? enumSchema(field.enum)
            : refTo(field.message);
      const keys =
        field.mapKey === ScalarType.STRING
          ? undefined
          : field.mapKey === ScalarType.BOOL
            ? { enum: ['true', 'false'] }
            : { pattern: '^-?[0-9]+$' };
      return keys
        ? { type: 'object', additionalProperties: values, propertyNames: keys }
        : { type: 'object', additionalProperties: values };
    }
  }
}

function scalarSchema(t: ScalarType): Schema {
  if (INT64_TYPES.has(t)) {
    const unsigned = t === ScalarType.UINT64 || t === ScalarType.FIXED64;
    return {
      anyOf: [{ type: 'string', pattern: unsigned ? '^[0-9]+$' : '^-?[0-9]+$' }, { type: 'integer' }],
      examples: ['0'],
    };
  }
  switch (t) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64', description: 'base64' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: 'integer', minimum: 0, maximum: 4294967295 };
    default:
      return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
  }
}

function enumSchema(e: DescEnum): Schema {
  if (e.typeName === 'google.protobuf.NullValue') return { type: 'null' };
  const names = e.values.map((v) => v.name);
  const described = e.values.map((v) => docOf(v) ?? '');
  const schema: Schema = { anyOf: [{ enum: names, enumDescriptions: described }, { type: 'integer' }] };
  return withDescription(schema, docOf(e));
}

function wellKnownSchema(desc: DescMessage): Schema | undefined {
  if (isWrapperDesc(desc)) return scalarSchema(desc.fields[0].scalar);
  switch (desc.typeName) {
    case 'google.protobuf.Timestamp':
      return { type: 'string', format: 'date-time', description: 'RFC 3339 timestamp, e.g. 1972-01-01T10:00:20.021Z' };
    case 'google.protobuf.Duration':
      return {
        type: 'string',
        pattern: '^-?[0-9]+(\\.[0-9]{1,9})?s$',
        description: 'Duration in seconds with an "s" suffix, e.g. 1.5s',
      };
    case 'google.protobuf.FieldMask':
      return { type: 'string', description: 'Comma-separated lowerCamelCase field paths, e.g. user.displayName,photo' };
    case 'google.protobuf.Struct':
      return { type: 'object' };
    case 'google.protobuf.Value':
      return {};
    case 'google.protobuf.ListValue':
      return { type: 'array' };
    case 'google.protobuf.Empty':
      return { type: 'object', additionalProperties: false };
    case 'google.protobuf.Any':
      return {
        type: 'object',
        properties: { '@type': { type: 'string', description: 'type.googleapis.com/<full message name>' } },
        description: 'A message of any type: "@type" names it, the other properties are its fields.',
      };
    default:
      return undefined;
  }
}

function fieldDescription(field: DescField): string | undefined {
  const doc = docOf(field);
  const notes: string[] = [];
  if (field.deprecated) notes.push('Deprecated.');
  if (field.oneof && !field.oneof.proto.name.startsWith('_')) notes.push(`Member of oneof ${field.oneof.name}.`);
  const text = [doc, ...notes].filter(Boolean).join('\n\n');
  return text || undefined;
}

function withDescription(schema: Schema, description: string | undefined): Schema {
  if (!description) return schema;
  const existing = typeof schema.description === 'string' ? `\n\n${schema.description}` : '';
  return { ...schema, description: `${description}${existing}` };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
