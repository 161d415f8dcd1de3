import { describe, expect, it } from 'vitest';
import { decodeWire, type WireSchema } from './decode-wire';
import { parsePastedBytes, PastedBytesError } from './pasted-bytes';
import { printRawTree } from './print-raw';

const hex = (text: string) => parsePastedBytes(text, 'hex');

describe('wire decoding without a schema, checked by hand', () => {
  it('reads the varint 150 of the encoding guide with its other readings', () => {
    // 08 = field 1, wire type 0; 96 01 = 0x16 + (1 << 7) = 150.
    expect(decodeWire(hex('08 96 01'))).toEqual({
      size: 3,
      decoded: 3,
      fields: [
        {
          field: 1,
          wireType: 'varint',
          start: 0,
          end: 3,
          valueStart: 1,
          value: { kind: 'varint', unsigned: '150', signed: '150', zigzag: '75' },
        },
      ],
    });
  });

  it('reads -1 as ten bytes, with zigzag -1 for 1', () => {
    const tree = decodeWire(hex('10 ff ff ff ff ff ff ff ff ff 01 18 01'));
    expect(tree.fields.map((f) => [f.field, f.start, f.end, f.value])).toEqual([
      [2, 0, 11, { kind: 'varint', unsigned: '18446744073709551615', signed: '-1', zigzag: '-9223372036854775808' }],
      [3, 11, 13, { kind: 'varint', unsigned: '1', signed: '1', zigzag: '-1' }],
    ]);
  });

  it('reads a string, a nested message and fixed-width numbers as floats too', () => {
    // 12 07 "testing": field 2, length 7. 1a 03 08 96 01: field 3 holding message {1: 150}.
    // 25 00 00 80 3f: field 4, fixed32 1.0f. 29 + 8 bytes: field 5, fixed64 -2.0.
    const tree = decodeWire(hex('12 07 74 65 73 74 69 6e 67 1a 03 08 96 01 25 00 00 80 3f 29 00 00 00 00 00 00 00 c0'));
    expect(tree.error).toBeUndefined();
    const [text, nested, f32, f64] = tree.fields;
    expect(text).toMatchObject({ field: 2, wireType: 'length-delimited', start: 0, valueStart: 2, end: 9 });
    expect(text!.value).toEqual({ kind: 'string', length: 7, text: 'testing' });
    expect(nested).toMatchObject({ field: 3, start: 9, valueStart: 11, end: 14 });
    expect(nested!.value).toEqual({
      kind: 'message',
      length: 3,
      fields: [
        {
          field: 1,
          wireType: 'varint',
          start: 11,
          end: 14,
          valueStart: 12,
          value: { kind: 'varint', unsigned: '150', signed: '150', zigzag: '75' },
        },
      ],
    });
    expect(f32!.value).toEqual({ kind: 'fixed32', unsigned: '1065353216', signed: '1065353216', float: '1' });
    expect(f64!.value).toEqual({
      kind: 'fixed64',
      unsigned: '13835058055282163712',
      signed: '-4611686018427387904',
      double: '-2',
    });
  });

  it('reads a group up to its end tag, and non-UTF-8 as bytes', () => {
    // 0b = field 1 start group; 10 05 = field 2 varint 5; 0c = field 1 end group. 1a 02 ff fe: bytes.
    const tree = decodeWire(hex('0b 10 05 0c 1a 02 ff fe'));
    expect(tree.fields[0]).toMatchObject({ field: 1, wireType: 'group', start: 0, end: 4 });
    expect(tree.fields[0]!.value).toMatchObject({ kind: 'group', fields: [{ field: 2, start: 1, end: 3 }] });
    expect(tree.fields[1]!.value).toEqual({ kind: 'bytes', length: 2, hex: 'fffe' });
  });

  it('says where bytes stop being a message, keeping what came before', () => {
    const tree = decodeWire(hex('08 01 12 05 61 62'));
    expect(tree.fields).toHaveLength(1);
    expect(tree.error).toEqual({ offset: 2, reason: 'field 2 says it holds 5 bytes; only 2 follow' });
    expect(decodeWire(hex('0f')).error?.reason).toBe('wire type 7 does not exist');
    expect(decodeWire(hex('08 80')).error?.reason).toBe('a varint runs past the end');
  });

  it('decodes only the first bytes of a big message and says so', () => {
    const tree = decodeWire(hex('08 01 08 02 08 03'), { limit: 4 });
    expect(tree).toMatchObject({ size: 6, decoded: 4 });
    expect(tree.fields).toHaveLength(2);
    expect(printRawTree(tree)).toBe('1: 1\n1: 2\n# the first 4 of 6 bytes are shown\n');
  });

  it('lets a schema name fields, mark unknown ones, and read packed and bytes fields its way', () => {
    const schema: WireSchema = {
      field: (n) =>
        n === 1 ? { name: 'ids', kind: 'packed-varint' } : n === 2 ? { name: 'blob', kind: 'bytes' } : undefined,
    };
    // 0a 03 01 02 03: packed [1,2,3] (without a schema, a message {0:...} fails, so text). 12 02 08 01: bytes that parse as a message.
    const tree = decodeWire(hex('0a 03 01 02 03 12 02 08 01 18 07'), { schema });
    expect(tree.fields.map((f) => [f.name, f.unknown, f.value.kind])).toEqual([
      ['ids', undefined, 'packed'],
      ['blob', undefined, 'bytes'],
      [undefined, true, 'varint'],
    ]);
    expect(tree.fields[0]!.value).toEqual({ kind: 'packed', length: 3, items: ['1', '2', '3'] });
    expect(decodeWire(hex('12 02 08 01')).fields[0]!.value.kind).toBe('message');
  });
});

describe('pasted bytes', () => {
  it('reads hex dumps, C arrays and base64 alike', () => {
    const expected = [0x08, 0x96, 0x01];
    expect([...parsePastedBytes('08 96 01')]).toEqual(expected);
    expect([...parsePastedBytes('0x08, 0x96, 0x01')]).toEqual(expected);
    expect([...parsePastedBytes('\\x08\\x96\\x01\n')]).toEqual(expected);
    expect([...parsePastedBytes('CJYB')]).toEqual(expected);
    expect([...parsePastedBytes('CJYB', 'base64')]).toEqual(expected);
    expect([...parsePastedBytes('_-8', 'base64')]).toEqual([0xff, 0xef]);
  });

  it('explains text that is neither', () => {
    expect(() => parsePastedBytes('08 96 0')).toThrow(PastedBytesError);
    expect(() => parsePastedBytes('08 96 0', 'hex')).toThrow('5 hexadecimal digits is an odd number');
    expect(() => parsePastedBytes('hello!')).toThrow('"!" at character 6 is neither hexadecimal nor base64');
  });
});
