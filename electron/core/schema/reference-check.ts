import {
  FieldDescriptorProto_Type,
  type DescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import { schemaError } from './errors';
import type { SymbolTable, TypeKind } from './schema-index';

/**
 * Protosets and reflection can hold anything, and their files are linked lazily, each when first
 * used (lazy-registry.ts). So that a broken one still fails its load, not the first call that
 * touches it, every reference to a type is checked here against the index, as linking resolves
 * it: by its full name, of the kind the reference needs. (That the type's file is imported is
 * made so by prepareFiles, which adds an import a file lacks.) Linking all 500 services of a
 * reflected server took several times this check. What linking alone still finds (a malformed
 * name, an impossible oneof index) fails when that file is linked, naming it.
 */
export function assertReferencesResolve(files: readonly FileDescriptorProto[], symbols: SymbolTable): void {
  // A map field's entry is a message the index leaves out (it is part of its field).
  const mapEntries = new Set<string>();
  for (const file of files) {
    const prefix = file.package ? `${file.package}.` : '';
    const collect = (scope: string, messages: DescriptorProto[]) => {
      for (const m of messages) {
        if (m.options?.mapEntry) mapEntries.add(`${scope}${m.name}`);
        collect(`${scope}${m.name}.`, m.nestedType);
      }
    };
    collect(prefix, file.messageType);
  }

  for (const file of files) {
    // `what` names the referring element; only an error spells it out.
    const check = (reference: string, what: () => string, kinds: readonly TypeKind[]) => {
      const name = reference.startsWith('.') ? reference.slice(1) : reference;
      const owner = symbols.owner(name);
      const kind = owner?.kind ?? (mapEntries.has(name) ? 'message' : undefined);
      let problem: string | undefined;
      if (!kind) problem = 'which is not in the schema';
      else if (!kinds.includes(kind)) problem = `which is ${article(kind)}, not ${kinds.map(article).join(' or ')}`;
      if (problem) {
        throw schemaError(`The schema cannot be linked: ${file.name}: ${what()} refers to ${reference}, ${problem}.`, [
          { file: file.name },
        ]);
      }
    };
    const field = (scope: string, f: FieldDescriptorProto) => {
      const label = () => `${f.extendee ? 'extension' : 'field'} ${scope}${f.name}`;
      if (f.extendee) check(f.extendee, label, ['message']);
      const kinds = referenceKinds(f);
      if (kinds) check(f.typeName, label, kinds);
    };
    const prefix = file.package ? `${file.package}.` : '';
    const walk = (scope: string, messages: DescriptorProto[]) => {
      for (const m of messages) {
        const name = `${scope}${m.name}.`;
        for (const f of m.field) field(name, f);
        for (const f of m.extension) field(name, f);
        walk(name, m.nestedType);
      }
    };
    walk(prefix, file.messageType);
    for (const f of file.extension) field(prefix, f);
    for (const s of file.service) {
      for (const m of s.method) {
        const label = `method ${prefix}${s.name}.${m.name}`;
        check(m.inputType, () => `${label}'s input`, ['message']);
        check(m.outputType, () => `${label}'s output`, ['message']);
      }
    }
  }
}

function referenceKinds(f: FieldDescriptorProto): readonly TypeKind[] | undefined {
  const { GROUP, MESSAGE, ENUM } = FieldDescriptorProto_Type;
  if (f.type === GROUP || f.type === MESSAGE) return ['message'];
  if (f.type === ENUM) return ['enum'];
  return undefined;
}

const article = (kind: TypeKind) => (kind === 'enum' || kind === 'extension' ? `an ${kind}` : `a ${kind}`);
