import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model';
import { SchemaRegistry } from './registry';

/**
 * Protosets and reflection link lazily; what would stop them linking is found at load by the
 * reference check (reference-check.ts), the rest when the broken file is first linked.
 */
const MESSAGE = 11;
const ENUM = 14;

function proto(name: string, init: MessageInitShape<typeof FileDescriptorProtoSchema>): FileDescriptorProto {
  return create(FileDescriptorProtoSchema, { name, package: 'p', syntax: 'proto3', ...init });
}

function loadError(files: FileDescriptorProto[]): AppError {
  try {
    SchemaRegistry.fromFiles(files, ['t']);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the load to fail');
}

const colour = { name: 'Colour', value: [{ name: 'RED', number: 0 }] };

describe('loading protosets and reflection', () => {
  it('fails when a reference names a type of the wrong kind, naming the file and the field', () => {
    const err = loadError([
      proto('a.proto', {
        enumType: [colour],
        messageType: [
          {
            name: 'A',
            field: [{ name: 'c', number: 1, label: 1, type: MESSAGE, typeName: '.p.Colour', jsonName: 'c' }],
          },
        ],
      }),
    ]);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe(
      'The schema cannot be linked: a.proto: field p.A.c refers to .p.Colour, which is an enum, not a message.',
    );
    expect(err.locations).toEqual([{ file: 'a.proto' }]);
  });

  it("fails when a method's input is not in the schema", () => {
    const err = loadError([
      proto('s.proto', {
        messageType: [{ name: 'Out' }],
        service: [{ name: 'S', method: [{ name: 'M', inputType: '.p.In', outputType: '.p.Out' }] }],
      }),
    ]);
    expect(err.message).toBe(
      "The schema cannot be linked: s.proto: method p.S.M's input refers to .p.In, which is not in the schema.",
    );
  });

  it('takes map fields, enums and types from imported files', () => {
    const registry = SchemaRegistry.fromFiles(
      [
        proto('b.proto', { dependency: ['a.proto'], messageType: [bWithMap()] }),
        proto('a.proto', { enumType: [colour], messageType: [{ name: 'A' }] }),
      ],
      ['t'],
    );
    const b = registry.registry.getMessage('p.B')!;
    expect(b.fields.map((f) => f.fieldKind)).toEqual(['map', 'enum', 'message']);
  });

  it('links each file when first used: a file only linking can fault fails then, naming it, and the rest works', () => {
    const registry = SchemaRegistry.fromFiles(
      [
        proto('good.proto', { messageType: [{ name: 'Good' }] }),
        proto('bad.proto', {
          package: 'q',
          // A field in oneof #3 of a message that declares none.
          messageType: [
            { name: 'Bad', field: [{ name: 'x', number: 1, label: 1, type: 9, oneofIndex: 3, jsonName: 'x' }] },
          ],
        }),
      ],
      ['t'],
    );
    expect(registry.registry.getMessage('p.Good')?.typeName).toBe('p.Good');
    let err: unknown;
    try {
      registry.registry.getMessage('q.Bad');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/^The schema cannot be linked: .*oneof #3/);
    expect((err as AppError).locations).toEqual([{ file: 'bad.proto' }]);
  });
});

/** p.B { map<string, A> by_key = 1; Colour colour = 2; A a = 3; } as protoc writes it. */
function bWithMap() {
  return {
    name: 'B',
    field: [
      { name: 'by_key', number: 1, label: 3, type: MESSAGE, typeName: '.p.B.ByKeyEntry', jsonName: 'byKey' },
      { name: 'colour', number: 2, label: 1, type: ENUM, typeName: '.p.Colour', jsonName: 'colour' },
      { name: 'a', number: 3, label: 1, type: MESSAGE, typeName: '.p.A', jsonName: 'a' },
    ],
    nestedType: [
      {
        name: 'ByKeyEntry',
        options: { mapEntry: true },
        field: [
          { name: 'key', number: 1, label: 1, type: 9, jsonName: 'key' },
          { name: 'value', number: 2, label: 1, type: MESSAGE, typeName: '.p.A', jsonName: 'value' },
        ],
      },
    ],
  };
}
