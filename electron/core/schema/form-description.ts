import {
  ScalarType,
  type DescEnum,
  type DescExtension,
  type DescField,
  type DescMessage,
  type FileRegistry,
} from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence, isWrapperDesc } from '@bufbuild/protobuf/wkt';
import type {
  FormEnum,
  FormField,
  FormMessage,
  FormScalar,
  FormValueType,
  MessageForm,
  WellKnownForm,
} from '../../../shared/model/message-form';
import { docOf } from './comments';
import { extensionLookup, typeNamesOf } from './lazy-registry';

/**
 * The form description of a message type and of every type it reaches (see
 * shared/model/message-form.ts). A JSON Schema (json-schema.ts) tells Monaco what is valid; a
 * form needs more than JSON Schema says well: which keys are one oneof, which value kinds are
 * 64-bit, what each enum value means, which messages are well-known types with a JSON of their own.
 * A proto2 message's extensions are fields of it here, keyed as proto3 JSON writes them
 * (`[pkg.name]`), so the form edits them like any other field.
 */
export function describeMessageForm(root: DescMessage, registry: FileRegistry): MessageForm {
  const messages: Record<string, FormMessage> = {};
  const enums: Record<string, FormEnum> = {};
  const pending: DescMessage[] = [root];
  const extensionsOf = extensionLookup(registry);
  // A worklist rather than recursion: recursive and deeply nested schemas cost one pass each.
  for (let desc = pending.pop(); desc; desc = pending.pop()) {
    if (desc.typeName in messages) continue;
    const extensions = extensionsOf(desc.typeName);
    messages[desc.typeName] = describeMessage(desc, extensions);
    if (wellKnownOf(desc)) continue;
    for (const field of [...desc.fields, ...extensions]) {
      const message = field.message;
      if (message && !(message.typeName in messages)) pending.push(message);
      const e = field.enum;
      if (e && !(e.typeName in enums)) enums[e.typeName] = describeEnum(e);
    }
  }
  const anyTypes = typeNamesOf(registry, ['message']).sort();
  return { root: root.typeName, messages, enums, anyTypes };
}

function describeMessage(desc: DescMessage, extensions: readonly DescExtension[]): FormMessage {
  const wellKnown = wellKnownOf(desc);
  const out: FormMessage = { typeName: desc.typeName, fields: [], oneofs: [], ...commentOf(docOf(desc)) };
  if (wellKnown) {
    out.wellKnown = wellKnown;
    if (wellKnown === 'wrapper') out.wrapped = formScalar(desc.fields[0]!.scalar ?? ScalarType.STRING);
    return out;
  }
  out.fields = [...desc.fields, ...extensions].map(describeField);
  out.oneofs = desc.oneofs.map((o) => ({ name: o.name, members: o.fields.map((f) => f.jsonName) }));
  return out;
}

function describeField(field: DescField | DescExtension): FormField {
  // proto3 JSON names an extension by its full name in brackets, in place of a field name.
  const key = field.kind === 'extension' ? `[${field.typeName}]` : undefined;
  const out: FormField = {
    name: key ?? field.name,
    jsonName: key ?? field.jsonName,
    number: field.number,
    type: valueType(field),
    ...commentOf(docOf(field)),
  };
  if (field.fieldKind === 'list') out.cardinality = 'list';
  if (field.fieldKind === 'map') {
    out.cardinality = 'map';
    out.mapKey = formScalar(field.mapKey);
  }
  if (field.oneof) out.oneof = field.oneof.name;
  // Unset and zero differ only where presence is tracked (messages always are: null is unset).
  const singular = field.fieldKind === 'scalar' || field.fieldKind === 'enum';
  if (singular && (field.presence !== FeatureSet_FieldPresence.IMPLICIT || field.oneof)) out.explicitPresence = true;
  // proto2 `required` (LEGACY_REQUIRED in editions): protobuf refuses a message without it.
  if (field.presence === FeatureSet_FieldPresence.LEGACY_REQUIRED) out.required = true;
  if (field.deprecated) out.deprecated = true;
  if (key) out.extension = true;
  return out;
}

function valueType(field: DescField | DescExtension): FormValueType {
  const scalar = field.scalar;
  if (scalar !== undefined) return { kind: 'scalar', scalar: formScalar(scalar) };
  if (field.enum) return { kind: 'enum', enum: field.enum.typeName };
  return { kind: 'message', message: field.message.typeName };
}

function describeEnum(e: DescEnum): FormEnum {
  return {
    typeName: e.typeName,
    ...commentOf(docOf(e)),
    values: e.values.map((v) => ({ name: v.name, number: v.number, ...commentOf(docOf(v)) })),
  };
}

function commentOf(doc: string | undefined): { comment?: string } {
  return doc ? { comment: doc } : {};
}

const WELL_KNOWN: Record<string, WellKnownForm> = {
  'google.protobuf.Timestamp': 'Timestamp',
  'google.protobuf.Duration': 'Duration',
  'google.protobuf.FieldMask': 'FieldMask',
  'google.protobuf.Struct': 'Struct',
  'google.protobuf.Value': 'Value',
  'google.protobuf.ListValue': 'ListValue',
  'google.protobuf.Empty': 'Empty',
  'google.protobuf.Any': 'Any',
};

function wellKnownOf(desc: DescMessage): WellKnownForm | undefined {
  if (isWrapperDesc(desc)) return 'wrapper';
  return WELL_KNOWN[desc.typeName];
}

function formScalar(t: ScalarType): FormScalar {
  switch (t) {
    case ScalarType.STRING:
      return 'string';
    case ScalarType.BYTES:
      return 'bytes';
    case ScalarType.BOOL:
      return 'bool';
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return 'int64';
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return 'uint64';
    case ScalarType.FLOAT:
      return 'float';
    case ScalarType.DOUBLE:
      return 'double';
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return 'uint32';
    default:
      return 'int32';
  }
}
