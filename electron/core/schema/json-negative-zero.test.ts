import { fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SchemaRegistry } from './registry';
import { loadCorpus } from './testdata/corpus';
import { protocDecode, protocEncode } from './text-format/testdata/protoc';

// proto3 JSON writes a double's or a float's negative zero as -0 (protobuf-go, protoc's JSON
// printer); it is a value of its own on the wire (the sign bit set), not the field's default.

let reg: SchemaRegistry;
let sink: DescMessage;
beforeAll(async () => {
  reg = await loadCorpus();
  sink = reg.message('kitchen.Sink');
});

/** Bytes as protobuf-es writes them after reading, so field order does not matter. */
function canonical(bytes: Uint8Array): string {
  return Buffer.from(toBinary(sink, fromBinary(sink, bytes))).toString('hex');
}

const NEGATIVE_ZEROS = 'f_double: -0 f_float: -0 w_double { value: -0 } w_value { number_value: -0 }';

describe('a double’s negative zero in JSON', () => {
  it('is printed as -0, in every indentation, from the bytes protoc writes', () => {
    const bytes = protocEncode('kitchen.Sink', NEGATIVE_ZEROS);
    const pretty = reg.messageToJson(sink, bytes);
    expect(pretty).toContain('"fDouble": -0,');
    expect(pretty).toContain('"fFloat": -0,');
    expect(pretty).toContain('"wDouble": -0,');
    expect(pretty).toContain('"wValue": -0\n');
    expect(reg.messageToJson(sink, bytes, { indent: 0 })).toBe('{"fDouble":-0,"fFloat":-0,"wDouble":-0,"wValue":-0}');
  });

  it('is read back as negative zero, so protoc prints the same message', () => {
    const bytes = protocEncode('kitchen.Sink', NEGATIVE_ZEROS);
    const again = reg.messageFromJson(sink, reg.messageToJson(sink, bytes));
    expect(canonical(again)).toBe(canonical(bytes));
    expect(protocDecode('kitchen.Sink', again)).toBe(protocDecode('kitchen.Sink', bytes));
  });

  it('is read from -0 and -0.0 as typed, and a positive zero stays the default', () => {
    const typed = reg.messageFromJson(sink, '{"fDouble": -0, "fFloat": -0.0, "wDouble": -0e0, "wValue": -0}');
    expect(canonical(typed)).toBe(canonical(protocEncode('kitchen.Sink', NEGATIVE_ZEROS)));
    expect(reg.messageFromJson(sink, '{"fDouble": 0, "fFloat": 0.0}')).toHaveLength(0);
  });
});
