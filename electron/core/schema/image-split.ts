import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

/**
 * Splits a compiler's image (a FileDescriptorSet; buf's Image is one with private fields) into
 * each file's descriptor bytes and source info bytes, by walking the wire format's top level
 * only. Decoding the whole image with source info and encoding the two halves again for the
 * compile cache cost more than half of a cold googleapis load on the engine's side (83 MB, most
 * of it source info that is only read for comments); this copies bytes instead.
 */
export interface SplitFile {
  /** The FileDescriptorProto without source info and without fields descriptor.proto does not define. */
  bare: Uint8Array;
  /** The encoded SourceCodeInfo, empty when the file has none. */
  sourceInfo: Uint8Array;
}

/** FileDescriptorProto's source_code_info. */
export const SOURCE_CODE_INFO = 9;
const KNOWN = new Set(FileDescriptorProtoSchema.fields.map((f) => f.number));

/** [field number, wire type, start of the field, start of its payload, end] for each top-level field. */
export function* fields(bytes: Uint8Array): Generator<[number, number, number, number, number]> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (pos >= bytes.length) throw new Error('truncated varint');
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw new Error('varint too long');
  };
  while (pos < bytes.length) {
    const start = pos;
    const tag = varint();
    const wire = tag % 8;
    const payload = pos;
    if (wire === 0) varint();
    else if (wire === 1) pos += 8;
    else if (wire === 2) {
      const length = varint();
      pos += length;
      yield [Math.floor(tag / 8), wire, start, pos - length, pos];
      if (pos > bytes.length) throw new Error('length past the end');
      continue;
    } else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (pos > bytes.length) throw new Error('field past the end');
    yield [Math.floor(tag / 8), wire, start, payload, pos];
  }
}

export function splitImage(image: Uint8Array): SplitFile[] {
  const out: SplitFile[] = [];
  for (const [number, wire, , payload, end] of fields(image)) {
    if (number !== 1 || wire !== 2) continue;
    out.push(splitFile(image.subarray(payload, end)));
  }
  return out;
}

/** One FileDescriptorProto's bytes, split as splitImage splits each (throws on malformed bytes). */
export function splitFile(file: Uint8Array): SplitFile {
  // Runs of kept fields as [start, end): fields come in number order, so usually two runs.
  const runs: [number, number][] = [];
  let sourceInfo: Uint8Array = new Uint8Array(0);
  for (const [number, wire, start, payload, end] of fields(file)) {
    if (number === SOURCE_CODE_INFO && wire === 2) sourceInfo = file.subarray(payload, end);
    else if (!KNOWN.has(number)) continue;
    else if (runs.length > 0 && runs[runs.length - 1]![1] === start) runs[runs.length - 1]![1] = end;
    else runs.push([start, end]);
  }
  const parts = runs.map(([start, end]) => file.subarray(start, end));
  return { bare: parts.length === 1 ? parts[0]! : Buffer.concat(parts), sourceInfo };
}
