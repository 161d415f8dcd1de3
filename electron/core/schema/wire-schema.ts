import { ScalarType, type DescExtension, type DescField, type DescMessage, type Registry } from '@bufbuild/protobuf';
import type { WireSchema, WireSchemaField } from '../../../shared/wire/decode-wire';

/**
 * A message type as the wire decoder needs it: each field number's name and how its
 * length-delimited values read. Extensions of the type are named `[pkg.ext]`, as in text format.
 */
export function wireSchemaOf(desc: DescMessage, registry: Registry): WireSchema {
  return {
    field(number) {
      const field = desc.fields.find((f) => f.number === number);
      if (field) return describeField(field, field.name, registry);
      const extension = registry.getExtensionFor(desc, number);
      return extension ? describeField(extension, `[${extension.typeName}]`, registry) : undefined;
    },
  };
}

function describeField(field: DescField | DescExtension, name: string, registry: Registry): WireSchemaField {
  const message = (m: DescMessage) => () => wireSchemaOf(m, registry);
  switch (field.fieldKind) {
    case 'message':
      return { name, kind: 'message', message: message(field.message) };
    case 'map':
      return { name, kind: 'message', message: () => mapEntrySchema(field, registry) };
    case 'enum':
      return { name, kind: 'other' };
    case 'scalar':
      return { name, kind: lengthDelimitedKind(field.scalar) };
    case 'list':
      if (field.listKind === 'message') return { name, kind: 'message', message: message(field.message) };
      if (field.listKind === 'enum') return { name, kind: 'packed-varint' };
      return { name, kind: packedKind(field.scalar) };
  }
}

function mapEntrySchema(field: DescField & { fieldKind: 'map' }, registry: Registry): WireSchema {
  return {
    field(number) {
      if (number === 1) return { name: 'key', kind: lengthDelimitedKind(field.mapKey) };
      if (number !== 2) return undefined;
      if (field.mapKind === 'message')
        return { name: 'value', kind: 'message', message: () => wireSchemaOf(field.message, registry) };
      return { name: 'value', kind: field.mapKind === 'scalar' ? lengthDelimitedKind(field.scalar) : 'other' };
    },
  };
}

function lengthDelimitedKind(scalar: ScalarType): WireSchemaField['kind'] {
  if (scalar === ScalarType.STRING) return 'string';
  if (scalar === ScalarType.BYTES) return 'bytes';
  return 'other';
}

function packedKind(scalar: ScalarType): WireSchemaField['kind'] {
  switch (scalar) {
    case ScalarType.STRING:
      return 'string';
    case ScalarType.BYTES:
      return 'bytes';
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
    case ScalarType.FLOAT:
      return 'packed-fixed32';
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
    case ScalarType.DOUBLE:
      return 'packed-fixed64';
    default:
      return 'packed-varint';
  }
}
