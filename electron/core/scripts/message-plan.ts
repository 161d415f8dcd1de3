/**
 * How the sandbox reads received messages from their wire bytes: a plan per message type, made
 * once per call by the script worker from the schema's descriptors (worker/message-plans.ts) and
 * handed to the sandbox as JSON text, which decodes each field only when a script reads it
 * (sandbox/lazy-message.ts). Plain data with no imports: both realms use it.
 */

/** Scalar types, numbered as in descriptor.proto (and @bufbuild/protobuf's ScalarType). */
export const Scalar = {
  DOUBLE: 1,
  FLOAT: 2,
  INT64: 3,
  UINT64: 4,
  INT32: 5,
  FIXED64: 6,
  FIXED32: 7,
  BOOL: 8,
  STRING: 9,
  BYTES: 12,
  UINT32: 13,
  SFIXED32: 15,
  SFIXED64: 16,
  SINT32: 17,
  SINT64: 18,
} as const;
export type Scalar = (typeof Scalar)[keyof typeof Scalar];

/** Well-known types whose proto3 JSON is not an object of their fields. */
export type WellKnown = 'timestamp' | 'duration' | 'struct' | 'value' | 'list' | 'fieldmask' | 'wrapper';

export const Presence = {
  /** proto3 scalars, lists and maps: in the JSON with their default when absent from the wire. */
  IMPLICIT: 0,
  /** Messages, `optional`, proto2 and oneof members: in the JSON only when on the wire. */
  EXPLICIT: 1,
  /** proto2 `required`: the message cannot be printed without it. */
  REQUIRED: 2,
} as const;
export type Presence = (typeof Presence)[keyof typeof Presence];

/** How one value (a singular field, a list item, a map value) is read. */
export interface ValuePlan {
  kind: 'scalar' | 'enum' | 'message';
  scalar?: Scalar;
  /** Index into `MessagePlans.enums`. */
  enum?: number;
  /** Index into `MessagePlans.types`. */
  message?: number;
  /** A message field with the delimited (group) encoding. */
  group?: boolean;
}

export interface FieldPlan extends ValuePlan {
  number: number;
  /** The key in proto3 JSON. */
  key: string;
  shape: 'singular' | 'list' | 'map';
  presence: Presence;
  /** Index of the oneof, within its message, the field belongs to. */
  oneof?: number;
  mapKey?: Scalar;
  /** The printer's words when a required field is missing. */
  requiredError?: string;
  /** Reading it may throw (the printer refuses it), so it is read when the message is made. */
  mayFail?: boolean;
}

export interface TypePlan {
  typeName: string;
  wellKnown?: WellKnown;
  /** By field number: the order of proto3 JSON's keys. */
  fields: FieldPlan[];
  /** Some field can make the message unprintable (see FieldPlan.mayFail). */
  mayFail: boolean;
}

export interface EnumPlan {
  /** JSON names by number; numbers without one print as numbers. */
  names: Record<string, string>;
  /** proto2 enums: a singular field drops values it does not know (they become unknown fields). */
  closed: boolean;
  /** google.protobuf.NullValue prints as null. */
  isNull: boolean;
  /** The default of an implicit field. */
  zero: number;
}

export interface MessagePlans {
  types: TypePlan[];
  enums: EnumPlan[];
  /** The type of the call's received messages. */
  root: number;
}
