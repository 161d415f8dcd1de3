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

describe('repairDescriptors resolves relative names as protoc does', () => {
  // Two packages, a.b and c, with names that shadow each other across scopes.
  const files = () => [
    create(FileDescriptorProtoSchema, {
      name: 'c.proto',
      package: 'c',
      messageType: [{ name: 'Thing' }, { name: 'Inner' }],
    }),
    create(FileDescriptorProtoSchema, {
      name: 'a_b.proto',
      package: 'a.b',
      messageType: [
        { name: 'Inner' },
        {
          name: 'M',
          nestedType: [{ name: 'Inner' }, { name: 'c', nestedType: [{ name: 'Thing' }] }],
          enumType: [{ name: 'State', value: [{ name: 'S0', number: 0 }] }],
          field: [
            { name: 'own', number: 1, typeName: 'Inner', jsonName: '' },
            { name: 'state', number: 2, typeName: 'State', jsonName: '' },
            // The first component "c" names M.c here, so c.Thing is M's own c.Thing.
            { name: 'shadowed', number: 3, typeName: 'c.Thing', jsonName: '' },
            { name: 'absolute_ok', number: 4, typeName: '.c.Thing', jsonName: '' },
          ],
        },
        {
          name: 'N',
          field: [
            { name: 'pkg_level', number: 1, typeName: 'Inner', jsonName: '' },
            { name: 'other_pkg', number: 2, typeName: 'c.Thing', jsonName: '' },
            { name: 'sibling_nested', number: 3, typeName: 'M.Inner', jsonName: '' },
            { name: 'nested_enum', number: 4, typeName: 'M.State', jsonName: '' },
            { name: 'missing', number: 5, typeName: 'Nowhere', jsonName: '' },
          ],
        },
      ],
      service: [{ name: 'Svc', method: [{ name: 'Get', inputType: 'M', outputType: 'c.Inner' }] }],
    }),
  ];
  const fields = () => {
    const [, ab] = repairDescriptors(files());
    const byName = new Map(ab!.messageType.flatMap((m) => m.field.map((f) => [`${m.name}.${f.name}`, f])));
    return { ab: ab!, field: (name: string) => byName.get(name)! };
  };

  it('tries the innermost scope first, then each enclosing one', () => {
    const { field } = fields();
    expect(field('M.own').typeName).toBe('.a.b.M.Inner');
    expect(field('N.pkg_level').typeName).toBe('.a.b.Inner');
    expect(field('M.shadowed').typeName).toBe('.a.b.M.c.Thing');
    expect(field('N.other_pkg').typeName).toBe('.c.Thing');
    expect(field('N.sibling_nested').typeName).toBe('.a.b.M.Inner');
    expect(field('M.absolute_ok').typeName).toBe('.c.Thing');
  });

  it('finds nested enums too, and leaves a name it cannot find as it was', () => {
    const { field } = fields();
    expect(field('M.state').typeName).toBe('.a.b.M.State');
    expect(field('N.nested_enum').typeName).toBe('.a.b.M.State');
    expect(field('N.missing').typeName).toBe('Nowhere');
    expect(field('N.pkg_level').jsonName).toBe('pkgLevel');
  });

  it("qualifies methods' types from the package's scope and imports the file that defines them", () => {
    const { ab } = fields();
    expect(ab.service[0]!.method[0]).toMatchObject({ inputType: '.a.b.M', outputType: '.c.Inner' });
    expect(ab.dependency).toEqual(['c.proto']);
  });
});
