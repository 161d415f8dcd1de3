import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  SourceCodeInfoSchema,
  type FileDescriptorProto,
  type SourceCodeInfo,
} from '@bufbuild/protobuf/wkt';

/**
 * Source info (the spans and comments of every declaration) is three quarters of a compiled
 * image's bytes and most of its decoding: all of googleapis is 83 MB with it, 21 MB without, and
 * decoding it makes millions of small objects. Only comments need it, one file at a time (a
 * hover, a describe), so the compile cache stores it apart and each file decodes its own on
 * first use.
 */

/** Where each file's encoded SourceCodeInfo lies in the blob: [offset, length], length 0 for none. */
export type SourceInfoIndex = [number, number][];

export function splitSourceInfo(files: FileDescriptorProto[]): {
  bare: FileDescriptorProto[];
  blob: Uint8Array;
  index: SourceInfoIndex;
} {
  const parts: Uint8Array[] = [];
  const index: SourceInfoIndex = [];
  let offset = 0;
  const bare = files.map((file) => {
    const bytes = file.sourceCodeInfo ? toBinary(SourceCodeInfoSchema, file.sourceCodeInfo) : new Uint8Array(0);
    parts.push(bytes);
    index.push([offset, bytes.length]);
    offset += bytes.length;
    return create(FileDescriptorProtoSchema, { ...file, sourceCodeInfo: undefined });
  });
  return { bare, blob: Buffer.concat(parts), index };
}

/**
 * Gives each file back its source info, decoded from `blob` the first time anything reads
 * `file.sourceCodeInfo` (then kept as a plain value). Files without any keep none.
 */
export function attachSourceInfo(files: FileDescriptorProto[], blob: Uint8Array, index: SourceInfoIndex): void {
  if (index.length !== files.length) throw new Error('the source info index does not match the files');
  files.forEach((file, i) => {
    const [offset, length] = index[i]!;
    if (length === 0) return;
    if (offset < 0 || offset + length > blob.length) throw new Error('the source info index points outside its file');
    let decoded: SourceCodeInfo | undefined;
    Object.defineProperty(file, 'sourceCodeInfo', {
      configurable: true,
      enumerable: true,
      get: () => (decoded ??= fromBinary(SourceCodeInfoSchema, blob.subarray(offset, offset + length))),
      set: (value: SourceCodeInfo | undefined) => {
        Object.defineProperty(file, 'sourceCodeInfo', { value, writable: true, enumerable: true, configurable: true });
      },
    });
  });
}
