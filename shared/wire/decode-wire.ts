import { getTextEncoding } from '@bufbuild/protobuf/wire';
import type { WireTypeName } from '../model/unknown-fields';
import { WIRE_BYTES_SHOWN, type WireNode, type WireTree, type WireValue } from '../model/wire';

/*
 * Protobuf wire format read without a schema. A length-delimited value is tried as a nested
 * message, then as UTF-8 text, then left as bytes (protoc --decode_raw's order); with a schema
 * the schema decides. Bounded: the first `limit` bytes, `maxNodes` nodes, `maxDepth` levels.
 */

/** What the decoder needs to know of a schema, whatever the schema's runtime. */
export interface WireSchema {
  field(number: number): WireSchemaField | undefined;
}

export interface WireSchemaField {
  name: string;
  /** How a length-delimited value of this field is read. */
  kind: 'message' | 'string' | 'bytes' | 'packed-varint' | 'packed-fixed32' | 'packed-fixed64' | 'other';
  /** The nested message's fields, for kind 'message' (and for groups). */
  message?: () => WireSchema;
}

export interface DecodeWireOpts {
  limit?: number;
  maxNodes?: number;
  maxDepth?: number;
  schema?: WireSchema;
}

const WIRE_NAMES: WireTypeName[] = ['varint', 'fixed64', 'length-delimited', 'group', 'group', 'fixed32'];

class WireError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

interface Context {
  bytes: Uint8Array;
  nodes: number;
  maxNodes: number;
  maxDepth: number;
  nodesCut: boolean;
}

export function decodeWire(all: Uint8Array, opts: DecodeWireOpts = {}): WireTree {
  const limit = Math.min(all.length, opts.limit ?? all.length);
  const bytes = all.subarray(0, limit);
  const ctx: Context = {
    bytes,
    nodes: 0,
    maxNodes: opts.maxNodes ?? 20_000,
    maxDepth: opts.maxDepth ?? 32,
    nodesCut: false,
  };
  const fields: WireNode[] = [];
  const tree: WireTree = { fields, size: all.length, decoded: limit };
  try {
    readFields(ctx, 0, limit, 0, opts.schema, fields, false);
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    tree.error = { offset: err.offset, reason: err.message };
  }
  if (ctx.nodesCut) tree.nodesCut = true;
  return tree;
}

/** Reads fields from `pos` to `end` into `out`; for a group, up to its end tag (returns the position after it). */
function readFields(
  ctx: Context,
  pos: number,
  end: number,
  depth: number,
  schema: WireSchema | undefined,
  out: WireNode[],
  group: number | false,
): number {
  while (pos < end) {
    const start = pos;
    const [tag, afterTag] = readVarint(ctx.bytes, pos, end);
    const wireType = Number(tag & 7n);
    const field = Number(tag >> 3n);
    if (field < 1 || field > 536_870_911) throw new WireError(start, `field number ${field} is out of range`);
    if (wireType === 4) {
      if (group === field) return afterTag;
      throw new WireError(start, `an end-group tag for field ${field} without its start`);
    }
    if (wireType > 5) throw new WireError(start, `wire type ${wireType} does not exist`);
    const known = schema?.field(field);
    const node = readValue(ctx, start, afterTag, end, field, wireType, depth, known);
    pos = node.end;
    if (schema) {
      if (known) node.name = known.name;
      else node.unknown = true;
    }
    if (ctx.nodes < ctx.maxNodes) {
      ctx.nodes++;
      out.push(node);
    } else ctx.nodesCut = true;
  }
  if (group !== false) throw new WireError(end, `the group of field ${group} has no end tag`);
  return pos;
}

function readValue(
  ctx: Context,
  start: number,
  at: number,
  end: number,
  field: number,
  wireType: number,
  depth: number,
  known: WireSchemaField | undefined,
): WireNode {
  const base = { field, wireType: WIRE_NAMES[wireType]!, start, valueStart: at };
  switch (wireType) {
    case 0: {
      const [v, next] = readVarint(ctx.bytes, at, end);
      return { ...base, end: next, value: varintValue(v) };
    }
    case 1:
      need(at, 8, end);
      return { ...base, end: at + 8, value: fixed64Value(ctx.bytes, at) };
    case 5:
      need(at, 4, end);
      return { ...base, end: at + 4, value: fixed32Value(ctx.bytes, at) };
    case 3: {
      const fields: WireNode[] = [];
      if (depth >= ctx.maxDepth) throw new WireError(start, `groups nest deeper than ${ctx.maxDepth} levels`);
      const next = readFields(ctx, at, end, depth + 1, known?.message?.(), fields, field);
      return { ...base, end: next, value: { kind: 'group', fields } };
    }
    default: {
      const [len, valueStart] = readVarint(ctx.bytes, at, end);
      if (len > BigInt(end - valueStart)) {
        throw new WireError(start, `field ${field} says it holds ${len} bytes; only ${end - valueStart} follow`);
      }
      const valueEnd = valueStart + Number(len);
      return {
        ...base,
        valueStart,
        end: valueEnd,
        value: lengthDelimited(ctx, valueStart, valueEnd, depth, known),
      };
    }
  }
}

function lengthDelimited(
  ctx: Context,
  start: number,
  end: number,
  depth: number,
  known: WireSchemaField | undefined,
): WireValue {
  const length = end - start;
  const kind = known?.kind;
  if (kind?.startsWith('packed-')) {
    const packed = readPacked(ctx.bytes, start, end, kind);
    if (packed) return { kind: 'packed', length, items: packed };
  }
  const tryMessage = known ? kind === 'message' : true;
  if (tryMessage && length > 0 && depth < ctx.maxDepth) {
    const fields: WireNode[] = [];
    const nodesBefore = ctx.nodes;
    try {
      readFields(ctx, start, end, depth + 1, known?.message?.(), fields, false);
      return { kind: 'message', length, fields };
    } catch (err) {
      if (!(err instanceof WireError)) throw err;
      ctx.nodes = nodesBefore;
    }
  }
  if (kind !== 'bytes') {
    const text = utf8Text(ctx.bytes.subarray(start, end));
    if (text !== undefined) return { kind: 'string', length, text };
  }
  const shown = ctx.bytes.subarray(start, Math.min(end, start + WIRE_BYTES_SHOWN));
  return { kind: 'bytes', length, hex: toHex(shown), ...(length > shown.length ? { truncated: true as const } : {}) };
}

function readPacked(bytes: Uint8Array, start: number, end: number, kind: string): string[] | undefined {
  const items: string[] = [];
  try {
    for (let pos = start; pos < end;) {
      if (kind === 'packed-varint') {
        const [v, next] = readVarint(bytes, pos, end);
        items.push(v.toString());
        pos = next;
      } else {
        const size = kind === 'packed-fixed32' ? 4 : 8;
        need(pos, size, end);
        const value = size === 4 ? fixed32Value(bytes, pos) : fixed64Value(bytes, pos);
        items.push(value.unsigned);
        pos += size;
      }
    }
  } catch (err) {
    if (err instanceof WireError) return undefined;
    throw err;
  }
  return items;
}

function need(at: number, size: number, end: number): void {
  if (at + size > end) throw new WireError(at, `a ${size * 8}-bit value needs ${size} bytes; only ${end - at} follow`);
}

/** A varint (at most 10 bytes) at `pos`, and the position after it. */
export function readVarint(bytes: Uint8Array, pos: number, end: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) throw new WireError(pos, 'a varint runs past the end');
    const b = bytes[pos + i]!;
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return [BigInt.asUintN(64, value), pos + i + 1];
  }
  throw new WireError(pos, 'a varint is longer than 10 bytes');
}

function varintValue(v: bigint): WireValue {
  const zigzag = (v >> 1n) ^ -(v & 1n);
  return { kind: 'varint', unsigned: v.toString(), signed: BigInt.asIntN(64, v).toString(), zigzag: zigzag.toString() };
}

function view(bytes: Uint8Array, at: number, size: number): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset + at, size);
}

function fixed32Value(bytes: Uint8Array, at: number): WireValue & { unsigned: string } {
  const v = view(bytes, at, 4);
  return {
    kind: 'fixed32',
    unsigned: String(v.getUint32(0, true)),
    signed: String(v.getInt32(0, true)),
    float: floatText(v.getFloat32(0, true)),
  };
}

function fixed64Value(bytes: Uint8Array, at: number): WireValue & { unsigned: string } {
  const v = view(bytes, at, 8);
  return {
    kind: 'fixed64',
    unsigned: v.getBigUint64(0, true).toString(),
    signed: v.getBigInt64(0, true).toString(),
    double: floatText(v.getFloat64(0, true)),
  };
}

function floatText(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

/** Valid UTF-8 without control characters other than tab, newline and carriage return. */
function utf8Text(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = getTextEncoding().decodeUtf8(bytes, true);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
