import { join } from 'node:path';
import { fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/model';
import { compileProtoFiles } from '../compile-protos';
import { SchemaRegistry } from '../registry';
import { TESTDATA } from '../testdata/oracle';
import { decodeToText, encodeText } from './text-codec';
import { FORMATS_TESTDATA, protocDecode, protocEncode } from './testdata/protoc';
import { TEXT_SAMPLES } from './testdata/samples';

let reg: SchemaRegistry;
beforeAll(async () => {
  const roots = [join(TESTDATA, 'protos'), join(TESTDATA, 'common'), FORMATS_TESTDATA];
  const files = await compileProtoFiles(['kitchen/sink.proto', 'legacy/legacy.proto', 'formats/formats.proto'], roots);
  reg = SchemaRegistry.fromFiles(files, ['formats'], 0);
});

/** Bytes as protobuf-es writes them after reading: field order and map order made comparable. */
function canonical(desc: DescMessage, bytes: Uint8Array): string {
  const message = fromBinary(desc, bytes, { readUnknownFields: true });
  return Buffer.from(toBinary(desc, message)).toString('hex');
}

function ours(type: string, text: string): Uint8Array {
  return encodeText(reg.message(type), text, reg.registry).bytes;
}

describe('text format against protoc', () => {
  for (const sample of TEXT_SAMPLES) {
    it(`reads ${sample.name} as protoc --encode does`, () => {
      const desc = reg.message(sample.type);
      expect(canonical(desc, ours(sample.type, sample.text))).toBe(
        canonical(desc, protocEncode(sample.type, sample.text)),
      );
    });

    it(`prints ${sample.name} so that protoc reads back the same bytes, and reads protoc's printing`, () => {
      const desc = reg.message(sample.type);
      const bytes = protocEncode(sample.type, sample.text);
      const printed = decodeToText(desc, bytes, reg.registry);
      expect(canonical(desc, protocEncode(sample.type, printed))).toBe(canonical(desc, bytes));
      const protocText = protocDecode(sample.type, bytes);
      expect(canonical(desc, ours(sample.type, protocText))).toBe(canonical(desc, bytes));
    });

    it(`converts ${sample.name} JSON -> text -> binary -> JSON without a change`, () => {
      const desc = reg.message(sample.type);
      const fromJson = reg.messageFromJson(desc, reg.messageToJson(desc, protocEncode(sample.type, sample.text)));
      const json = reg.messageToJson(desc, fromJson);
      const text = decodeToText(desc, fromJson, reg.registry);
      // Extensions are printed by number, so compare values, not the order of keys.
      expect(JSON.parse(reg.messageToJson(desc, ours(sample.type, text)))).toEqual(JSON.parse(json));
    });
  }
});

function textError(type: string, text: string): AppError {
  try {
    encodeText(reg.message(type), text, reg.registry);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('text format mistakes', () => {
  it('names the line, column and field of a wrong value', () => {
    const err = textError('kitchen.Sink', 'f_bool: true\nf_message {\n  f_int32: "seven"\n}');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe(
      'The request is not valid text format at line 3, column 12 (field f_message.f_int32): expected an integer, got a string',
    );
    expect(err.details).toMatchObject({ line: 3, column: 12, path: 'f_message.f_int32' });
  });

  it('points at an unknown field name', () => {
    const err = textError('kitchen.Sink', 'f_int32: 1\n  r_message { nope: 2 }');
    expect(err.message).toMatch(
      /^The request is not valid text format at line 2, column 15 \(field r_message\): unknown field "nope"/,
    );
  });

  it('points at a singular field given twice', () => {
    const err = textError('kitchen.Sink', 'f_int32: 1\nf_int32: 2');
    expect(err.details).toMatchObject({ line: 2, column: 1, path: 'f_int32' });
  });

  it('points at an integer out of range and an unterminated string', () => {
    expect(textError('kitchen.Sink', 'f_int32: 2147483648').details).toMatchObject({ line: 1, column: 10 });
    expect(textError('kitchen.Sink', 'f_string: "open\n').message).toMatch(
      /line 1, column 12 \(field f_string\): invalid U\+000A in string/,
    );
  });

  it('names a proto2 required field left out', () => {
    expect(textError('legacy.Order', 'quantity: 2').message).toBe('id: required field is not set');
  });

  it('refuses a field number, as protoc does', () => {
    expect(textError('kitchen.Sink', '3: 1').message).toMatch(/line 1, column 1: cannot specify field by number/);
  });
});
