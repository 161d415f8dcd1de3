/**
 * A message's bytes read without a schema, the way protoscope and `protoc --decode_raw` read
 * them: field numbers, wire types and every plausible reading of each value. Each node carries
 * its byte range so a view can highlight the bytes of the node selected. When a schema is known,
 * nodes also carry the field's name, and fields the schema lacks are marked `unknown`.
 */
import type { WireTypeName } from './unknown-fields';

export interface WireNode {
  field: number;
  wireType: WireTypeName;
  /** Byte range of the whole field, tag included, in the bytes decoded: [start, end). */
  start: number;
  end: number;
  /** Where the value begins (after the tag, and after the length of a length-delimited value). */
  valueStart: number;
  value: WireValue;
  /** The schema's name for the field, when a schema was given and knows it. */
  name?: string;
  /** A schema was given and has no field with this number here. */
  unknown?: true;
}

/** 64-bit numbers and floats JSON cannot hold (NaN, Infinity, -0) travel as text. */
export type WireValue =
  | { kind: 'varint'; unsigned: string; signed: string; zigzag: string }
  | { kind: 'fixed32'; unsigned: string; signed: string; float: string }
  | { kind: 'fixed64'; unsigned: string; signed: string; double: string }
  | { kind: 'message'; length: number; fields: WireNode[] }
  | { kind: 'group'; fields: WireNode[] }
  | { kind: 'string'; length: number; text: string }
  /** Hexadecimal of at most the first WIRE_BYTES_SHOWN bytes. */
  | { kind: 'bytes'; length: number; hex: string; truncated?: true }
  /** A packed repeated scalar (read so only when the schema says so). */
  | { kind: 'packed'; length: number; items: string[] };

export interface WireTree {
  fields: WireNode[];
  /** Bytes in the message. */
  size: number;
  /** Bytes decoded: at most the limit asked for. */
  decoded: number;
  /** Where and why decoding stopped before `decoded` (bytes that are not a valid message). */
  error?: { offset: number; reason: string };
  /** The tree holds this many nodes at most; more were not listed. */
  nodesCut?: true;
}

export const WIRE_BYTES_SHOWN = 256;
/** Bytes of a message the window decodes and shows by default. */
export const WIRE_VIEW_LIMIT = 64 * 1024;
