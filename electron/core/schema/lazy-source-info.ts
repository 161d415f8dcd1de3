import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  SourceCodeInfoSchema,
  type FileDescriptorProto,
  type SourceCodeInfo,
} from '@bufbuild/protobuf/wkt';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { fields, SOURCE_CODE_INFO, type SplitFile } from './image-split';

/**
 * Source info (the spans and comments of every declaration) is three quarters of a compiled
 * image's bytes and most of its decoding: all of googleapis is 83 MB with it, 21 MB without, and
 * decoding it makes millions of small objects. Only comments need it, one file at a time (a
 * hover, a describe, the service tree), so a file's source info stays encoded until first read,
 * both when it comes from the compiler and from the compile cache, which stores it apart.
 */

/**
 * A file's encoded source info, or how to read it when first asked for (the compile cache reads
 * it from disk then: cache-slices.ts); undefined from there means none could be read.
 */
export type SourceInfoBytes = Uint8Array | (() => Uint8Array | undefined);

/** The bytes each decoded file came from, so the cache stores them without encoding them again. */
const encodedFrom = new WeakMap<FileDescriptorProto, { bare: Uint8Array; sourceInfo: SourceInfoBytes }>();

/** A file from its descriptor bytes, its source info decoded when first read. */
export function decodeFile(parts: { bare: Uint8Array; sourceInfo: SourceInfoBytes }): FileDescriptorProto {
  const file = fromBinary(FileDescriptorProtoSchema, parts.bare);
  attachSourceInfo(file, parts.sourceInfo);
  encodedFrom.set(file, parts);
  return file;
}

/** The file's descriptor bytes (without source info) and its source info's, as decodeFile takes them. */
export function encodeFile(file: FileDescriptorProto): SplitFile {
  const known = encodedFrom.get(file);
  if (known) return { bare: known.bare, sourceInfo: bytesOf(known.sourceInfo) ?? new Uint8Array(0) };
  const info = file.sourceCodeInfo;
  return {
    bare: toBinary(
      FileDescriptorProtoSchema,
      create(FileDescriptorProtoSchema, { ...file, sourceCodeInfo: undefined }),
    ),
    sourceInfo: info ? toBinary(SourceCodeInfoSchema, info) : new Uint8Array(0),
  };
}

/**
 * The file's whole bytes, source info included, as reflection serves them: a file decoded by
 * decodeFile is put back together from its bytes (source info appended as field 9, which
 * decoders take in any order) without decoding its source info; any other is encoded.
 */
export function encodeWholeFile(file: FileDescriptorProto): Uint8Array {
  if (!encodedFrom.has(file)) return toBinary(FileDescriptorProtoSchema, file);
  const { bare, sourceInfo } = encodeFile(file);
  if (sourceInfo.length === 0) return bare;
  return new BinaryWriter().raw(bare).tag(SOURCE_CODE_INFO, WireType.LengthDelimited).bytes(sourceInfo).finish();
}

/** The file's source info, still encoded: undefined once decoded (or when it never was encoded). */
export function encodedSourceInfo(file: FileDescriptorProto): Uint8Array | undefined {
  const source = pending.get(file);
  if (typeof source !== 'function') return source;
  const bytes = source();
  if (bytes) pending.set(file, bytes);
  else pending.delete(file);
  return bytes;
}

const bytesOf = (source: SourceInfoBytes) => (typeof source === 'function' ? source() : source);

export type Comments = Map<string, { leading?: string; trailing?: string }>;

/**
 * The comments of encoded source info by location path ("4,0,2,1"), read without decoding it:
 * most locations are spans without comments, and skipping them by their length is what makes
 * the service tree of all of googleapis cheap. Same answers as reading the decoded locations
 * (comments.ts) at every path one location has; where several share a path (file options,
 * extend blocks: nothing looks comments up there) the last one with comments wins.
 */
export function commentsFromEncoded(bytes: Uint8Array): Comments {
  const out: Comments = new Map();
  const text = (start: number, end: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  for (const [number, wire, , start, end] of fields(bytes)) {
    if (number !== 1 || wire !== 2) continue;
    const path: number[] = [];
    let leading: string | undefined;
    let trailing: string | undefined;
    const location = bytes.subarray(start, end);
    for (const [n, w, , from, to] of fields(location)) {
      // path is declared packed; a decoder takes it unpacked too, and so does this.
      if (n === 1) path.push(...varints(location.subarray(from, to)));
      else if (n === 3 && w === 2) leading = text(start + from, start + to);
      else if (n === 4 && w === 2) trailing = text(start + from, start + to);
    }
    if (leading === undefined && trailing === undefined) continue;
    out.set(path.join(','), { leading, trailing });
  }
  return out;
}

/** int32 varints, back to back. */
function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const b of bytes) {
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) {
      out.push(value > 0x7fffffff ? value - 2 ** 32 : value);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/**
 * Source info that does not decode is none: a reflecting server's file then loads without its
 * comments, as it would without source info, rather than failing the first hover or describe.
 */
function decodedOrNone(bytes: Uint8Array): SourceCodeInfo | undefined {
  try {
    return fromBinary(SourceCodeInfoSchema, bytes);
  } catch {
    return undefined;
  }
}

/** Source info not decoded yet, by file. */
const pending = new WeakMap<FileDescriptorProto, SourceInfoBytes>();

/**
 * Gives the file back its source info, decoded from `source` the first time anything reads
 * `file.sourceCodeInfo` (then kept as a plain value). No bytes: the file keeps none.
 */
function attachSourceInfo(file: FileDescriptorProto, source: SourceInfoBytes): void {
  if (typeof source !== 'function' && source.length === 0) return;
  let decoded: SourceCodeInfo | undefined;
  let read = false;
  pending.set(file, source);
  Object.defineProperty(file, 'sourceCodeInfo', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!read) {
        const bytes = encodedSourceInfo(file);
        read = true;
        pending.delete(file);
        decoded = bytes && decodedOrNone(bytes);
      }
      return decoded;
    },
    set: (value: SourceCodeInfo | undefined) => {
      pending.delete(file);
      encodedFrom.delete(file);
      Object.defineProperty(file, 'sourceCodeInfo', { value, writable: true, enumerable: true, configurable: true });
    },
  });
}
