import type { DescField, DescMessage, Message } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import {
  UNKNOWN_BYTES_SHOWN,
  type UnknownField,
  type UnknownValue,
  type WireTypeName,
} from '../../../shared/model/unknown-fields';

/** Nested-message attempts go this deep; a value nested deeper is shown as bytes. */
const MAX_NESTING = 8;
/** A message with more unknown fields than this lists this many: the rest adds nothing to read. */
const MAX_FIELDS = 200;

const WIRE_NAMES: Record<number, WireTypeName> = {
  [WireType.Varint]: 'varint',
  [WireType.Bit64]: 'fixed64',
  [WireType.LengthDelimited]: 'length-delimited',
  [WireType.StartGroup]: 'group',
  [WireType.Bit32]: 'fixed32',
};

/**
 * Every unknown field of a decoded message and of the messages nested in it, each with the JSON
 * path of the message that carried it. protobuf-es keeps them on each message (`$unknown`) as the
 * value's raw bytes; this runs only when a message is shown, never on the stream path.
 */
export function collectUnknownFields(desc: DescMessage, message: Message): UnknownField[] {
  const out: UnknownField[] = [];
  walk(desc, message, '', out);
  return out;
}

function walk(desc: DescMessage, message: Message, path: string, out: UnknownField[]): void {
  for (const u of message.$unknown ?? []) {
    if (out.length >= MAX_FIELDS) return;
    const field = decodeRaw(u.no, u.wireType, u.data, 0);
    out.push(path ? { path, ...field } : field);
  }
  const record = message as unknown as Record<string, unknown>;
  for (const member of desc.members) {
    if (member.kind === 'oneof') {
      const chosen = record[member.localName] as { case?: string; value?: unknown } | undefined;
      const field = member.fields.find((f) => f.localName === chosen?.case);
      if (field) visit(field, chosen?.value, path, out);
    } else {
      visit(member, record[member.localName], path, out);
    }
  }
}

function visit(field: DescField, value: unknown, path: string, out: UnknownField[]): void {
  const at = path ? `${path}.${field.jsonName}` : field.jsonName;
  if (field.fieldKind === 'message' && isMessage(value)) walk(field.message, value, at, out);
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
    value.forEach((item, i) => isMessage(item) && walk(field.message, item, `${at}[${i}]`, out));
  }
  if (field.fieldKind === 'map' && field.mapKind === 'message' && value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (isMessage(item)) walk(field.message, item, `${at}[${JSON.stringify(key)}]`, out);
    }
  }
}

/** Wrapper types are unboxed in fields (an Int32Value is a number): only real messages are walked. */
function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && '$typeName' in value;
}

/** One field as protobuf-es keeps it: `data` is the value's bytes after the tag. */
function decodeRaw(number: number, wireType: WireType, data: Uint8Array, depth: number): UnknownField {
  const reader = new BinaryReader(data);
  const name = WIRE_NAMES[wireType] ?? 'length-delimited';
  switch (wireType) {
    case WireType.Varint:
      return { number, wireType: name, value: varint(reader) };
    case WireType.Bit32:
      return { number, wireType: name, value: fixed32(data) };
    case WireType.Bit64:
      return { number, wireType: name, value: fixed64(data) };
    case WireType.StartGroup: {
      // The kept bytes end with the group's end tag.
      const inner = parseFields(data, depth + 1, true);
      return { number, wireType: name, value: { kind: 'group', fields: inner ?? [] } };
    }
    default:
      return { number, wireType: name, value: lengthDelimited(reader.bytes(), depth) };
  }
}

function varint(reader: BinaryReader): UnknownValue {
  const start = reader.pos;
  const unsigned = String(reader.uint64());
  reader.pos = start;
  const signed = String(reader.int64());
  reader.pos = start;
  const zigzag = String(reader.sint64());
  return { kind: 'varint', unsigned, signed, zigzag };
}

function fixed32(data: Uint8Array): UnknownValue {
  const view = new DataView(data.buffer, data.byteOffset, 4);
  return {
    kind: 'fixed32',
    unsigned: String(view.getUint32(0, true)),
    signed: String(view.getInt32(0, true)),
    float: String(view.getFloat32(0, true)),
  };
}

function fixed64(data: Uint8Array): UnknownValue {
  const view = new DataView(data.buffer, data.byteOffset, 8);
  return {
    kind: 'fixed64',
    unsigned: String(view.getBigUint64(0, true)),
    signed: String(view.getBigInt64(0, true)),
    double: String(view.getFloat64(0, true)),
  };
}

function lengthDelimited(bytes: Uint8Array, depth: number): UnknownValue {
  const shown = bytes.subarray(0, UNKNOWN_BYTES_SHOWN);
  const text = printableText(bytes);
  const fields = depth < MAX_NESTING && bytes.length > 0 ? parseFields(bytes, depth + 1, false) : undefined;
  return {
    kind: 'bytes',
    length: bytes.length,
    ...(text !== undefined ? { text } : {}),
    ...(fields ? { fields } : {}),
    hex: Buffer.from(shown).toString('hex'),
    base64: Buffer.from(shown).toString('base64'),
    ...(bytes.length > shown.length ? { truncated: true } : {}),
  };
}

const TEXT_DECODER = new TextDecoder('utf-8', { fatal: true });

/** Valid UTF-8 without control characters other than tab, newline and carriage return. */
function printableText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = TEXT_DECODER.decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

/**
 * The bytes read as a sequence of fields, or undefined when they are not one (a bad tag, a value
 * running past the end). `group` stops at the end tag that the kept group bytes end with.
 */
function parseFields(bytes: Uint8Array, depth: number, group: boolean): UnknownField[] | undefined {
  const reader = new BinaryReader(bytes);
  const fields: UnknownField[] = [];
  try {
    while (reader.pos < reader.len) {
      const [no, wireType] = reader.tag();
      if (no < 1 || wireType > WireType.Bit32) return undefined;
      if (wireType === WireType.EndGroup) return group ? fields : undefined;
      const start = reader.pos;
      reader.skip(wireType, no);
      if (fields.length < MAX_FIELDS) fields.push(decodeRaw(no, wireType, bytes.subarray(start, reader.pos), depth));
    }
  } catch {
    return undefined;
  }
  return group ? undefined : fields;
}
