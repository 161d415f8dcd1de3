import { isUtf8 } from 'node:buffer';
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';

/**
 * Whether a message's wire bytes read as its type, without decoding them: no object, string or
 * number is made, only positions move. A call checks every message on arrival this way and
 * decodes one only when something needs it (its JSON, a script, the timeline), so a fast stream
 * pays for a scan, not for a message object per message that nobody reads.
 *
 * The check is strict on purpose: it follows only the well-formed reading (each field in its own
 * wire type, every length inside its parent, valid UTF-8 where the decoder checks it). Anything
 * else is not a verdict but a question for the real decoder (`decodeBinary`), which then decides;
 * so the check may be stricter than the decoder, never more lenient (wire-check.test.ts fuzzes it
 * against the decoder).
 */
export function wellFormed(desc: DescMessage, bytes: Uint8Array): { ok: true } | { ok: false; field: string } {
  try {
    const end = readMessage(planOf(desc), bytes, 0, bytes.length, 1);
    if (end !== bytes.length) throw new Stop('');
    return OK;
  } catch (error) {
    if (error instanceof Stop) return { ok: false, field: error.field };
    throw error;
  }
}

const OK = { ok: true } as const;

const VARINT = 0;
const BIT64 = 1;
const DELIMITED = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const BIT32 = 5;
/** The decoder's default recursion limit. */
const MAX_DEPTH = 100;

/** The reading stopped: `field` is the path of the field it was in ('' at a message's top). */
class Stop extends Error {
  constructor(readonly field: string) {
    super(field ? `stopped in field ${field}` : 'stopped');
  }
}

type ValueKind = 'varint' | 'bit32' | 'bit64' | 'bytes' | 'string' | 'message' | 'group';

interface ValuePlan {
  kind: ValueKind;
  /** Strings of proto3 (and editions' verified UTF-8): the decoder refuses invalid UTF-8. */
  utf8: boolean;
  message?: DescMessage;
}

interface FieldPlan extends ValuePlan {
  name: string;
  number: number;
  /** A repeated scalar, which the decoder also reads packed. */
  packable: boolean;
  map?: { key: ValuePlan; value: ValuePlan };
}

interface MessagePlan {
  fields: Map<number, FieldPlan>;
}

const plans = new WeakMap<DescMessage, MessagePlan>();
/** The plan of a group the type does not declare. */
const NO_FIELDS: MessagePlan = { fields: new Map() };

function planOf(desc: DescMessage): MessagePlan {
  let plan = plans.get(desc);
  if (!plan) {
    plan = { fields: new Map() };
    plans.set(desc, plan); // before the fields: recursive types resolve to this plan
    for (const field of desc.fields) plan.fields.set(field.number, fieldPlan(field));
  }
  return plan;
}

function scalarKind(scalar: ScalarType): ValueKind {
  switch (scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return 'bit64';
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return 'bit32';
    case ScalarType.STRING:
      return 'string';
    case ScalarType.BYTES:
      return 'bytes';
    default:
      return 'varint';
  }
}

function fieldPlan(field: DescField): FieldPlan {
  const base = { name: field.name, number: field.number, utf8: field.utf8Validation, packable: false };
  switch (field.fieldKind) {
    case 'scalar':
      return { ...base, kind: scalarKind(field.scalar) };
    case 'enum':
      return { ...base, kind: 'varint' };
    case 'message':
      return { ...base, kind: field.delimitedEncoding ? 'group' : 'message', message: field.message };
    case 'list': {
      if (field.listKind === 'message')
        return { ...base, kind: field.delimitedEncoding ? 'group' : 'message', message: field.message };
      const kind = field.listKind === 'enum' ? 'varint' : scalarKind(field.scalar);
      return { ...base, kind, packable: kind !== 'string' && kind !== 'bytes' };
    }
    case 'map': {
      const key: ValuePlan = { kind: scalarKind(field.mapKey), utf8: field.utf8Validation };
      const value: ValuePlan =
        field.mapKind === 'message'
          ? { kind: 'message', utf8: false, message: field.message }
          : { kind: field.mapKind === 'enum' ? 'varint' : scalarKind(field.scalar), utf8: field.utf8Validation };
      return { ...base, kind: 'bytes', map: { key, value } };
    }
  }
}

const WIRE_OF: Record<ValueKind, number> = {
  varint: VARINT,
  bit32: BIT32,
  bit64: BIT64,
  bytes: DELIMITED,
  string: DELIMITED,
  message: DELIMITED,
  group: START_GROUP,
};

/** Reads fields from `pos` until `end`; returns where it stopped (== end when well-formed). */
function readMessage(plan: MessagePlan, buf: Uint8Array, pos: number, end: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop('');
  while (pos < end) {
    const tag = readTag(buf, pos, end);
    pos = nextPos;
    const number = tag >>> 3;
    const wireType = tag & 7;
    const field = plan.fields.get(number);
    if (!field) {
      pos = skip(buf, pos, end, wireType, number, depth);
      continue;
    }
    try {
      pos = readField(field, buf, pos, end, wireType, depth);
    } catch (error) {
      if (error instanceof Stop) throw new Stop(error.field ? `${field.name}.${error.field}` : field.name);
      throw error;
    }
  }
  if (pos !== end) throw new Stop('');
  return pos;
}

function readField(field: FieldPlan, buf: Uint8Array, pos: number, end: number, wireType: number, depth: number) {
  if (field.map) {
    if (wireType !== DELIMITED) throw new Stop('');
    const entryEnd = delimitedEnd(buf, pos, end);
    pos = nextPos;
    while (pos < entryEnd) {
      const tag = readTag(buf, pos, entryEnd);
      pos = nextPos;
      const number = tag >>> 3;
      if (number === 1 || number === 2) {
        const plan = number === 1 ? field.map.key : field.map.value;
        if ((tag & 7) !== WIRE_OF[plan.kind]) throw new Stop('');
        pos = readValue(plan, buf, pos, entryEnd, depth);
      } else pos = skip(buf, pos, entryEnd, tag & 7, number, depth);
    }
    if (pos !== entryEnd) throw new Stop('');
    return pos;
  }
  if (field.packable && wireType === DELIMITED) {
    const packedEnd = delimitedEnd(buf, pos, end);
    pos = nextPos;
    while (pos < packedEnd) pos = readValue(field, buf, pos, packedEnd, depth);
    if (pos !== packedEnd) throw new Stop('');
    return pos;
  }
  if (wireType !== WIRE_OF[field.kind]) throw new Stop('');
  return readValue(field, buf, pos, end, depth);
}

/** Reads one value of `plan` at `pos`; a group (a field's plan) ends at its own end tag. */
function readValue(plan: ValuePlan | FieldPlan, buf: Uint8Array, pos: number, end: number, depth: number): number {
  switch (plan.kind) {
    case 'varint':
      return skipVarint(buf, pos, end);
    case 'bit32':
      return within(pos + 4, end);
    case 'bit64':
      return within(pos + 8, end);
    case 'bytes':
      return delimitedEnd(buf, pos, end);
    case 'string': {
      const stringEnd = delimitedEnd(buf, pos, end);
      if (plan.utf8 && !isUtf8(buf.subarray(nextPos, stringEnd))) throw new Stop('');
      return stringEnd;
    }
    case 'message': {
      const messageEnd = delimitedEnd(buf, pos, end);
      return readMessage(planOf(plan.message!), buf, nextPos, messageEnd, depth + 1);
    }
    case 'group':
      if (!('number' in plan)) throw new Stop('');
      return readGroup(planOf(plan.message!), buf, pos, end, plan.number, depth + 1);
  }
}

function readGroup(plan: MessagePlan, buf: Uint8Array, pos: number, end: number, number: number, depth: number) {
  if (depth > MAX_DEPTH) throw new Stop('');
  for (;;) {
    const tag = readTag(buf, pos, end);
    pos = nextPos;
    if ((tag & 7) === END_GROUP) {
      if (tag >>> 3 !== number) throw new Stop('');
      return pos;
    }
    const field = plan.fields.get(tag >>> 3);
    pos = field ? readField(field, buf, pos, end, tag & 7, depth) : skip(buf, pos, end, tag & 7, tag >>> 3, depth);
  }
}

/** Skips a field the type does not know, as the decoder keeps it (an unknown field). */
function skip(buf: Uint8Array, pos: number, end: number, wireType: number, number: number, depth: number): number {
  switch (wireType) {
    case VARINT:
      return skipVarint(buf, pos, end);
    case BIT64:
      return within(pos + 8, end);
    case BIT32:
      return within(pos + 4, end);
    case DELIMITED:
      return delimitedEnd(buf, pos, end);
    case START_GROUP:
      // A group of no known type: every field in it is skipped in turn.
      return readGroup(NO_FIELDS, buf, pos, end, number, depth + 1);
    default:
      throw new Stop('');
  }
}

function within(pos: number, end: number): number {
  if (pos > end) throw new Stop('');
  return pos;
}

/*
 * The readers below return a second value through this (the position after a tag or a length),
 * so the hot path allocates no tuple per field.
 */
let nextPos = 0;

/** A tag as the decoder accepts it: at most 5 bytes, a field number > 0, a wire type <= 5. */
function readTag(buf: Uint8Array, pos: number, end: number): number {
  let tag = 0;
  for (let i = 0; ; i++) {
    if (pos >= end || i === 5) throw new Stop('');
    const b = buf[pos++]!;
    if (i === 4 && b > 0x0f) throw new Stop('');
    tag += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) break;
  }
  nextPos = pos;
  if (tag >>> 3 === 0 || (tag & 7) > 5) throw new Stop('');
  return tag >>> 0;
}

function skipVarint(buf: Uint8Array, pos: number, end: number): number {
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new Stop('');
    if (buf[pos++]! < 0x80) return pos;
  }
  throw new Stop('');
}

/** Reads a length at `pos`: sets nextPos to where the value starts, returns where it ends. */
function delimitedEnd(buf: Uint8Array, pos: number, end: number): number {
  let length = 0;
  for (let i = 0; ; i++) {
    if (pos >= end || i === 5) throw new Stop('');
    const b = buf[pos++]!;
    length += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) break;
  }
  if (length > end - pos) throw new Stop('');
  nextPos = pos;
  return pos + length;
}
