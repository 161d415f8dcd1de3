import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import { ScalarType, type DescExtension, type DescField } from '@bufbuild/protobuf';
import {
  FeatureSet_FieldPresence,
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
} from '@bufbuild/protobuf/wkt';
import type { DriftCategory, DriftKind } from '../../../../shared/model/drift';

/** One way a field changed: whom it breaks, Buf's rule for it, and why in a few words. */
export interface Aspect {
  kind: DriftKind;
  category: DriftCategory;
  rule: string;
  why: string;
}

export type AnyField = DescField | DescExtension;

type Cardinality = 'implicit' | 'explicit' | 'required' | 'repeated' | 'map';

/** What a field holds, apart from how many: a scalar, an enum or a message (by full name). */
type Element =
  | { is: 'scalar'; scalar: ScalarType }
  | { is: 'enum'; name: string }
  | { is: 'message'; name: string; delimited: boolean };

interface Shape {
  cardinality: Cardinality;
  element: Element;
  mapKey?: ScalarType;
}

function shapeOf(f: AnyField): Shape {
  const element = (): Element => {
    if (f.scalar !== undefined) return { is: 'scalar', scalar: f.scalar };
    if (f.enum) return { is: 'enum', name: f.enum.typeName };
    return { is: 'message', name: f.message.typeName, delimited: f.proto.type === FieldDescriptorProto_Type.GROUP };
  };
  if (f.fieldKind === 'map') return { cardinality: 'map', element: element(), mapKey: f.mapKey };
  if (f.fieldKind === 'list') return { cardinality: 'repeated', element: element() };
  const cardinality: Cardinality =
    f.proto.label === FieldDescriptorProto_Label.REQUIRED
      ? 'required'
      : f.presence === FeatureSet_FieldPresence.IMPLICIT
        ? 'implicit'
        : 'explicit';
  return { cardinality, element: element() };
}

const scalarName = (t: ScalarType) => ScalarType[t].toLowerCase();

function elementText(e: Element): string {
  return e.is === 'scalar' ? scalarName(e.scalar) : e.name;
}

/** The field as a proto declaration, e.g. `repeated int32 score`, `map<string, int64> counts`, `string phone [json_name = "tel"]`. */
export function declText(f: AnyField, withJsonName: boolean): string {
  const shape = shapeOf(f);
  const type =
    shape.cardinality === 'map'
      ? `map<${scalarName(shape.mapKey!)}, ${elementText(shape.element)}>`
      : elementText(shape.element);
  // The label as the source would spell it: proto2's optional, proto3's explicit optional.
  const syntax = (f.kind === 'field' ? f.parent.file : f.file).proto.syntax || 'proto2';
  const inOneof = f.kind === 'field' && f.oneof !== undefined;
  const label =
    shape.cardinality === 'repeated'
      ? 'repeated '
      : shape.cardinality === 'required'
        ? 'required '
        : !inOneof && shape.cardinality !== 'map' && (f.proto.proto3Optional || syntax === 'proto2')
          ? 'optional '
          : '';
  const options: string[] = [];
  if (withJsonName && f.kind === 'field' && f.proto.jsonName && f.proto.jsonName !== protoJsonName(f.name))
    options.push(`json_name = "${f.proto.jsonName}"`);
  if (f.proto.defaultValue) options.push(`default = ${f.proto.defaultValue}`);
  return `${label}${type} ${f.name}${options.length ? ` [${options.join(', ')}]` : ''}`;
}

/** protoc's default JSON name (protobuf-es implements protoc's ToJsonName). */
export const protoJsonName = protoCamelCase;

/** The JSON name clients use: json_name as written, else protoc's default. */
export function effectiveJsonName(f: AnyField): string {
  return f.kind === 'field' && f.proto.jsonName ? f.proto.jsonName : protoJsonName(f.name);
}

// Types whose values share one encoding, as protobuf's "updating a message type" rules list them.
const WIRE_GROUP: Partial<Record<ScalarType, string>> = {
  [ScalarType.INT32]: 'varint',
  [ScalarType.INT64]: 'varint',
  [ScalarType.UINT32]: 'varint',
  [ScalarType.UINT64]: 'varint',
  [ScalarType.BOOL]: 'varint',
  [ScalarType.SINT32]: 'zigzag',
  [ScalarType.SINT64]: 'zigzag',
  [ScalarType.FIXED32]: 'fixed32',
  [ScalarType.SFIXED32]: 'fixed32',
  [ScalarType.FIXED64]: 'fixed64',
  [ScalarType.SFIXED64]: 'fixed64',
  [ScalarType.STRING]: 'bytes',
  [ScalarType.BYTES]: 'bytes',
};

// How proto3 JSON writes each type: 64-bit integers as strings, bytes as base64...
const JSON_FORM: Record<ScalarType, string> = {
  [ScalarType.INT32]: 'number',
  [ScalarType.UINT32]: 'number',
  [ScalarType.SINT32]: 'number',
  [ScalarType.FIXED32]: 'number',
  [ScalarType.SFIXED32]: 'number',
  [ScalarType.FLOAT]: 'float',
  [ScalarType.DOUBLE]: 'float',
  [ScalarType.INT64]: 'string64',
  [ScalarType.UINT64]: 'string64',
  [ScalarType.SINT64]: 'string64',
  [ScalarType.FIXED64]: 'string64',
  [ScalarType.SFIXED64]: 'string64',
  [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string',
  [ScalarType.BYTES]: 'base64',
};

function wireGroup(e: Element): string {
  if (e.is === 'scalar') return WIRE_GROUP[e.scalar] ?? `only-${e.scalar}`;
  if (e.is === 'enum') return 'varint';
  return e.delimited ? 'group' : 'bytes';
}

function jsonForm(e: Element): string {
  return e.is === 'scalar' ? JSON_FORM[e.scalar] : e.is;
}

const WIRE_TYPE: Aspect = {
  kind: 'breaking-wire',
  category: 'WIRE',
  rule: 'FIELD_WIRE_COMPATIBLE_TYPE',
  why: 'the wire encodings differ, so each side mis-reads what the other writes',
};

/**
 * How a change of a field's element type breaks, as Buf grades it: FIELD_WIRE_COMPATIBLE_TYPE,
 * FIELD_WIRE_JSON_COMPATIBLE_TYPE, FIELD_SAME_TYPE. `alias` maps a base type name to the name it
 * has on the other side (a moved package).
 */
function elementChange(a: Element, b: Element, alias: (name: string) => string): Aspect | undefined {
  if (a.is === 'message' && b.is === 'message') {
    if (alias(a.name) !== b.name) return { ...WIRE_TYPE, why: 'it holds another message type' };
    if (a.delimited !== b.delimited) return { ...WIRE_TYPE, why: 'group and message encodings differ on the wire' };
    return undefined;
  }
  if (a.is === 'enum' && b.is === 'enum') {
    if (alias(a.name) === b.name) return undefined;
    return {
      kind: 'breaking-json',
      category: 'WIRE_JSON',
      rule: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
      why: 'it holds another enum: numbers travel unchanged, but JSON clients use value names',
    };
  }
  if (a.is === 'scalar' && b.is === 'scalar' && a.scalar === b.scalar) return undefined;
  if (wireGroup(a) !== wireGroup(b)) return WIRE_TYPE;
  if (jsonForm(a) !== jsonForm(b)) {
    return {
      kind: 'breaking-json',
      category: 'WIRE_JSON',
      rule: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
      why: 'the wire encoding is compatible, but JSON writes the values differently',
    };
  }
  return {
    kind: 'breaking-source',
    category: 'PACKAGE',
    rule: 'FIELD_SAME_TYPE',
    why: 'the encoding is compatible on the wire and in JSON, but generated code changes type',
  };
}

function cardinalityChange(a: Shape, b: Shape, presenceKnown: boolean): Aspect | undefined {
  const norm = (c: Cardinality): Cardinality => (presenceKnown || c === 'repeated' || c === 'map' ? c : 'implicit');
  const ca = norm(a.cardinality);
  const cb = norm(b.cardinality);
  if (ca === cb) return undefined;
  if (ca === 'required' || cb === 'required') {
    return {
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'MESSAGE_SAME_REQUIRED_FIELDS',
      why:
        cb === 'required'
          ? 'it became required: readers now refuse messages from writers that leave it out'
          : 'it is no longer required: old readers refuse messages that leave it out',
    };
  }
  const single = (c: Cardinality) => c === 'implicit' || c === 'explicit';
  if (single(ca) && single(cb)) {
    // A message field always tracks presence: that difference is part of the type change.
    if ((a.element.is === 'message') !== (b.element.is === 'message')) return undefined;
    return {
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'FIELD_SAME_CARDINALITY',
      why:
        cb === 'explicit'
          ? 'it now tracks presence (generated code changes)'
          : 'it no longer tracks presence (generated code changes)',
    };
  }
  const lengthDelimited = wireGroup(a.element) === 'bytes' && wireGroup(b.element) === 'bytes';
  if ((ca === 'map') !== (cb === 'map') && (single(ca) || single(cb))) {
    return {
      ...WIRE_TYPE,
      rule: 'FIELD_WIRE_COMPATIBLE_CARDINALITY',
      why: 'a map and a single value differ on the wire',
    };
  }
  if (lengthDelimited || ca === 'map' || cb === 'map') {
    return {
      kind: 'breaking-json',
      category: 'WIRE_JSON',
      rule: 'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY',
      why: 'the wire encoding is compatible, but JSON has a list where there was a value, or the reverse',
    };
  }
  return {
    kind: 'breaking-wire',
    category: 'WIRE',
    rule: 'FIELD_WIRE_COMPATIBLE_CARDINALITY',
    why: 'repeated numbers are packed on the wire, which a reader of a single value does not read',
  };
}

/** How a field's type and cardinality changed, worst first. */
export function typeChanges(
  a: AnyField,
  b: AnyField,
  alias: (name: string) => string,
  presenceKnown: boolean,
): Aspect[] {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  const out: Aspect[] = [];
  const element = elementChange(sa.element, sb.element, alias);
  if (element) out.push(element);
  if (sa.cardinality === 'map' && sb.cardinality === 'map' && sa.mapKey !== sb.mapKey) {
    const key = elementChange({ is: 'scalar', scalar: sa.mapKey! }, { is: 'scalar', scalar: sb.mapKey! }, alias);
    if (key) out.push({ ...key, why: `its keys changed type: ${key.why}` });
  }
  const cardinality = cardinalityChange(sa, sb, presenceKnown);
  if (cardinality) out.push(cardinality);
  return out;
}

export function isRequired(f: AnyField): boolean {
  return f.proto.label === FieldDescriptorProto_Label.REQUIRED;
}

/** Worst first: whom a change breaks decides which of several aspects leads a finding. */
export function worst(aspects: Aspect[]): Aspect | undefined {
  const rank = ['breaking-wire', 'breaking-json', 'breaking-source', 'hygiene', 'addition'];
  return [...aspects].sort((x, y) => rank.indexOf(x.kind) - rank.indexOf(y.kind))[0];
}
