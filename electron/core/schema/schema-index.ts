import type { DescriptorProto, FileDescriptorProto } from '@bufbuild/protobuf/wkt';

/**
 * What a schema knows about each file without linking it: the names it defines, by kind, and the
 * messages its extensions extend. Small beside the descriptors (all of googleapis: ~100k short
 * names), so a reload from the compile cache reads it instead of decoding 7,198 files, and the
 * lazy registry (lazy-registry.ts) links a file only when one of its names is first asked for.
 * Names are fully qualified without the leading dot, as the registry spells them.
 */
export interface IndexedFile {
  name: string;
  /** Every type the file defines, in the order linking adds them to a registry. */
  types: string[];
  /** One letter per type: m(essage), e(num), s(ervice), x (extension). */
  kinds: string;
  /** The message each extension extends, one per x in kinds. */
  extendees: string[];
}

export type TypeKind = 'message' | 'enum' | 'service' | 'extension';

const KIND: Record<string, TypeKind> = { m: 'message', e: 'enum', s: 'service', x: 'extension' };

/** The file's names in @bufbuild/protobuf's linking order, so a lazy registry iterates as an eager one. */
export function indexFile(file: FileDescriptorProto): IndexedFile {
  const entry: IndexedFile = { name: file.name, types: [], kinds: '', extendees: [] };
  const add = (name: string, kind: string) => {
    entry.types.push(name);
    entry.kinds += kind;
  };
  const prefix = file.package ? `${file.package}.` : '';
  const addMessages = (scope: string, messages: DescriptorProto[]) => {
    for (const m of messages) {
      const name = `${scope}${m.name}`;
      // A map field's entry message is part of its field, not a type the registry lists.
      if (!m.options?.mapEntry) add(name, 'm');
      for (const e of m.enumType) add(`${name}.${e.name}`, 'e');
      addMessages(`${name}.`, m.nestedType);
    }
  };
  const addExtensions = (scope: string, exts: DescriptorProto['extension']) => {
    for (const x of exts) {
      add(`${scope}${x.name}`, 'x');
      entry.extendees.push(x.extendee.replace(/^\./, ''));
    }
  };
  const addNestedExtensions = (scope: string, messages: DescriptorProto[]) => {
    for (const m of messages) {
      if (m.options?.mapEntry) continue;
      addExtensions(`${scope}${m.name}.`, m.extension);
      addNestedExtensions(`${scope}${m.name}.`, m.nestedType);
    }
  };
  for (const e of file.enumType) add(`${prefix}${e.name}`, 'e');
  addMessages(prefix, file.messageType);
  for (const s of file.service) add(`${prefix}${s.name}`, 's');
  addExtensions(prefix, file.extension);
  addNestedExtensions(prefix, file.messageType);
  return entry;
}

/** Lookups over an index: which file defines a name, which files extend a message. */
export class SymbolTable {
  private readonly owners = new Map<string, { file: string; kind: TypeKind }>();
  private readonly extenders = new Map<string, string[]>();

  constructor(readonly files: readonly IndexedFile[]) {
    for (const f of files) {
      let x = 0;
      f.types.forEach((name, i) => {
        const kind = KIND[f.kinds[i]!];
        if (!kind) throw new Error(`unknown kind in the index of ${f.name}`);
        this.owners.set(name, { file: f.name, kind });
        if (kind !== 'extension') return;
        const extendee = f.extendees[x++]!;
        const list = this.extenders.get(extendee) ?? [];
        if (list[list.length - 1] !== f.name) list.push(f.name);
        this.extenders.set(extendee, list);
      });
    }
  }

  owner(typeName: string): { file: string; kind: TypeKind } | undefined {
    return this.owners.get(typeName);
  }

  /** The files declaring extensions of this message, in schema order. */
  extending(typeName: string): readonly string[] {
    return this.extenders.get(typeName) ?? [];
  }

  /** The names of every type of these kinds, files in schema order. */
  typeNames(kinds: readonly TypeKind[]): string[] {
    const out: string[] = [];
    for (const [name, o] of this.owners) if (kinds.includes(o.kind)) out.push(name);
    return out;
  }
}
