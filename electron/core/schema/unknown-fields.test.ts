import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeUnknownField } from '../../../shared/model/unknown-fields';
import { protoSource } from './drift/testdata/servers';
import { loadSchema } from './load-schema';
import { collectUnknownFields } from './unknown-fields';

// Bytes written by hand as a newer schema would write them, read with v1 of the drift test protos.
let user: DescMessage;
let update: DescMessage;
beforeAll(async () => {
  const v1 = await loadSchema(protoSource('v1'));
  user = v1.registry.getMessage('acme.users.v1.User')!;
  update = v1.registry.getMessage('acme.users.v1.UpdateUserRequest')!;
});

function newerUser(): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, WireType.LengthDelimited).string('u1');
  w.tag(14, WireType.LengthDelimited).string('fr-FR');
  w.tag(15, WireType.Varint).int64(-2);
  w.tag(16, WireType.Bit32).float(1.5);
  w.tag(17, WireType.Bit64).fixed64(42n);
  w.tag(18, WireType.LengthDelimited)
    .fork()
    .tag(1, WireType.LengthDelimited)
    .string('x')
    .tag(2, WireType.Varint)
    .uint32(150)
    .join();
  w.tag(19, WireType.LengthDelimited).bytes(new Uint8Array([0xff, 0x00, 0x07]));
  w.tag(20, WireType.StartGroup).tag(1, WireType.Varint).uint32(5).tag(20, WireType.EndGroup);
  return w.finish();
}

describe('unknown fields', () => {
  it('decodes each wire type as far as it can: text, numbers, a nested message, bytes, a group', () => {
    const fields = collectUnknownFields(user, fromBinary(user, newerUser()));
    expect(fields.map(describeUnknownField)).toEqual([
      '14 (length-delimited): "fr-FR"',
      '15 (varint): 18446744073709551614 (int64 -2, sint 9223372036854775807)',
      '16 (fixed32): 1069547520 (float 1.5)',
      '17 (fixed64): 42 (double 2.08e-322)',
      '18 (length-delimited): { 1: "x", 2: 150 (sint 75) }',
      '19 (length-delimited): 3 bytes 0xff0007',
      '20 (group): group { 1: 5 (sint -3) }',
    ]);
    expect(fields[5]!.value).toMatchObject({ kind: 'bytes', base64: '/wAH', length: 3 });
  });

  it('names the nested message that carried an unknown field by its JSON path', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).bytes(newerUser());
    const fields = collectUnknownFields(update, fromBinary(update, w.finish()));
    expect(fields[0]).toMatchObject({ path: 'user', number: 14, value: { kind: 'bytes', text: 'fr-FR' } });
    expect(describeUnknownField(fields[0]!)).toBe('user.14 (length-delimited): "fr-FR"');
  });

  it('finds none in a message its schema fully knows', () => {
    const w = new BinaryWriter();
    w.tag(1, WireType.LengthDelimited).string('u1');
    expect(collectUnknownFields(user, fromBinary(user, w.finish()))).toEqual([]);
  });
});
