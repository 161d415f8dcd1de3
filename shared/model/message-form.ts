/**
 * What a form needs to know about a message type, compact and plain JSON: the engine derives it
 * from the schema (`schema.form`), the window draws inputs from it. Types are named, never
 * nested, so recursive messages cost nothing until a form opens them.
 */

/** Scalar kinds as a form edits them: sint32, sfixed32 are int32; fixed64 is uint64, and so on. */
export type FormScalar = 'string' | 'bytes' | 'bool' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float' | 'double';

/** What one value of a field is. */
export type FormValueType =
  { kind: 'scalar'; scalar: FormScalar } | { kind: 'enum'; enum: string } | { kind: 'message'; message: string };

export interface FormField {
  /** The proto name, e.g. big_signed. */
  name: string;
  /** The key proto3 JSON writes, e.g. bigSigned. */
  jsonName: string;
  number: number;
  type: FormValueType;
  /** A repeated field (a list) or a map; absent for a singular field. */
  cardinality?: 'list' | 'map';
  /** A map's key kind (map keys are strings in JSON, whatever their kind). */
  mapKey?: FormScalar;
  /** The oneof it belongs to (real oneofs only, not proto3 `optional`). */
  oneof?: string;
  /** proto3 `optional` or proto2: unset and zero differ. */
  explicitPresence?: boolean;
  /** proto2 `required`: a message without it is refused. */
  required?: boolean;
  deprecated?: boolean;
  /** A proto2 extension of the message: name and jsonName are both its `[full.name]` key. */
  extension?: boolean;
  comment?: string;
}

/** Well-known types with a JSON form of their own, each with a fitting input. */
export type WellKnownForm =
  'Timestamp' | 'Duration' | 'FieldMask' | 'Struct' | 'Value' | 'ListValue' | 'Empty' | 'Any' | 'wrapper';

export interface FormMessage {
  typeName: string;
  comment?: string;
  /** Set for a well-known type: its JSON is not an object of its fields. */
  wellKnown?: WellKnownForm;
  /** A wrapper's value kind (google.protobuf.Int64Value: int64). */
  wrapped?: FormScalar;
  fields: FormField[];
  /** Real oneofs with their members' JSON names, in declaration order. */
  oneofs: Array<{ name: string; members: string[] }>;
}

export interface FormEnum {
  typeName: string;
  comment?: string;
  values: Array<{ name: string; number: number; comment?: string }>;
}

/** A message type and every type it reaches, by full name. */
export interface MessageForm {
  root: string;
  messages: Record<string, FormMessage>;
  enums: Record<string, FormEnum>;
  /** Every message type of the schema, sorted: what an Any may hold. */
  anyTypes: string[];
}
