import { describe, expect, it } from 'vitest';
import { create, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { repairDescriptors } from './repair-descriptors';

// A file as protobufjs describes it: named after its package, relative type names, json_name "".
const lossy = () =>
  create(FileDescriptorProtoSchema, {
    name: 'acme_v1.proto',
    package: 'acme.v1',
    messageType: [
      { name: 'Inner', field: [{ name: 'id', number: 1, type: 9, jsonName: '' }] },
      { name: 'Outer', field: [{ name: 'inner_ref', number: 1, typeName: 'Inner', jsonName: '' }] },
    ],
    service: [{ name: 'Svc', method: [{ name: 'Get', inputType: 'Inner', outputType: 'Outer' }] }],
  });

describe('repairDescriptors', () => {
  it('repairs a copy and leaves the file it was given unchanged', () => {
    const original = lossy();
    const before = toBinary(FileDescriptorProtoSchema, original);
    const [repaired] = repairDescriptors([original]);
    expect(Buffer.compare(toBinary(FileDescriptorProtoSchema, original), before)).toBe(0);
    expect(repaired).not.toBe(original);
    const outer = repaired!.messageType[1]!;
    expect(outer.field[0]).toMatchObject({ typeName: '.acme.v1.Inner', jsonName: 'innerRef' });
    expect(repaired!.service[0]!.method[0]).toMatchObject({
      inputType: '.acme.v1.Inner',
      outputType: '.acme.v1.Outer',
    });
    // proto2 defaults live on protobuf-es's prototypes: a copy still reads them.
    expect(repaired!.messageType[0]!.field[0]!.defaultValue).toBe('');
    expect(repaired!.messageType[0]!.field[0]!.$typeName).toBe('google.protobuf.FieldDescriptorProto');
  });
});
