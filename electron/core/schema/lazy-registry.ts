import {
  createFileRegistry,
  type DescEnum,
  type DescExtension,
  type DescFile,
  type DescMessage,
  type DescService,
  type FileRegistry,
  type Registry,
} from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { errorMessage, schemaError } from './errors';
import type { SymbolTable, TypeKind } from './schema-index';

type TypeDesc = DescMessage | DescEnum | DescExtension | DescService;

/** Where a lazy registry gets a file's descriptor when it first links it. */
export interface FileSource {
  /** Every file, dependencies before dependents: the order the registry iterates in. */
  readonly names: readonly string[];
  readonly symbols: SymbolTable;
  /** The file's descriptor (decoded on demand by the source); only called for names in `names`. */
  proto(name: string): FileDescriptorProto;
}

/**
 * A FileRegistry that links a file (and the files it imports) only when a name it defines is
 * first asked for. Linking all of googleapis (7,198 files) costs seconds and a user calls a few
 * methods; the SymbolTable says which file to link for a name without reading any descriptor.
 * Every answer is the one an eagerly built registry of the same files gives: descriptors are
 * linked by @bufbuild/protobuf itself, each file once, against the already linked descriptors of
 * its imports (so a type has one descriptor object, whichever file reached it first), and
 * iterating (files, types) links everything and walks in the eager registry's order.
 */
export class LazyFileRegistry implements FileRegistry {
  readonly kind = 'registry';
  private readonly linked = new Map<string, DescFile>();
  /** Each linked file's own types, in the order linking added them. */
  private readonly ownTypes = new Map<string, TypeDesc[]>();
  private readonly types = new Map<string, TypeDesc>();
  private readonly known: ReadonlySet<string>;

  constructor(private readonly source: FileSource) {
    this.known = new Set(source.names);
  }

  /** How many files are linked so far (tests and measurements). */
  get linkedCount(): number {
    return this.linked.size;
  }

  get files(): Iterable<DescFile> {
    this.linkAll();
    return this.source.names.map((n) => this.linked.get(n)!);
  }

  *[Symbol.iterator](): IterableIterator<TypeDesc> {
    this.linkAll();
    for (const name of this.source.names) yield* this.ownTypes.get(name)!;
  }

  getFile(fileName: string): DescFile | undefined {
    return this.known.has(fileName) ? this.link(fileName) : undefined;
  }

  get(typeName: string): TypeDesc | undefined {
    const owner = this.source.symbols.owner(typeName);
    if (!owner) return undefined;
    this.link(owner.file);
    return this.types.get(typeName);
  }

  getMessage(typeName: string): DescMessage | undefined {
    const t = this.get(typeName);
    return t?.kind === 'message' ? t : undefined;
  }

  getEnum(typeName: string): DescEnum | undefined {
    const t = this.get(typeName);
    return t?.kind === 'enum' ? t : undefined;
  }

  getExtension(typeName: string): DescExtension | undefined {
    const t = this.get(typeName);
    return t?.kind === 'extension' ? t : undefined;
  }

  getService(typeName: string): DescService | undefined {
    const t = this.get(typeName);
    return t?.kind === 'service' ? t : undefined;
  }

  getExtensionFor(extendee: DescMessage, no: number): DescExtension | undefined {
    return this.extensionsOf(extendee.typeName).find((x) => x.number === no);
  }

  /** The names of every type of these kinds, from the index: nothing is linked. */
  typeNames(kinds: readonly TypeKind[]): string[] {
    return this.source.symbols.typeNames(kinds);
  }

  /** Every extension of the message, linking only the files that declare one. */
  extensionsOf(typeName: string): DescExtension[] {
    const files = this.source.symbols.extending(typeName).map((name) => this.link(name));
    return extensionsIn(files).get(typeName) ?? [];
  }

  private linkAll(): void {
    if (this.linked.size === this.source.names.length) return;
    for (const name of this.source.names) this.link(name);
  }

  /** Links the file after its imports (iteratively: import chains can be long). */
  private link(name: string): DescFile {
    const done = this.linked.get(name);
    if (done) return done;
    const stack: { name: string; proto: FileDescriptorProto; next: number }[] = [];
    const push = (n: string) => stack.push({ name: n, proto: this.source.proto(n), next: 0 });
    const visiting = new Set<string>([name]);
    push(name);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = top.proto.dependency[top.next++];
      if (dep !== undefined) {
        if (this.linked.has(dep)) continue;
        if (!this.known.has(dep)) {
          throw schemaError(`${top.name} imports "${dep}", which is not in the schema.`, [{ file: top.name }], {
            missing: dep,
          });
        }
        if (visiting.has(dep)) throw schemaError(`Import cycle through ${dep} and ${top.name}.`, [{ file: top.name }]);
        visiting.add(dep);
        push(dep);
        continue;
      }
      stack.pop();
      this.linkOne(top.name, top.proto);
    }
    return this.linked.get(name)!;
  }

  private linkOne(name: string, proto: FileDescriptorProto): void {
    let registry: FileRegistry;
    try {
      // Every import is linked already: the resolver hands back those descriptors, never a copy.
      registry = createFileRegistry(proto, (dep) => this.linked.get(dep));
    } catch (err) {
      throw schemaError(`The schema cannot be linked: ${errorMessage(err)}`, [{ file: name }]);
    }
    const file = registry.getFile(name)!;
    const own: TypeDesc[] = [];
    for (const t of registry) {
      if (t.file !== file) continue;
      own.push(t);
      this.types.set(t.typeName, t);
    }
    this.ownTypes.set(name, own);
    this.linked.set(name, file);
  }
}

/** A file's extensions, top level first, then each message's, depth first. */
function fileExtensions(file: DescFile): DescExtension[] {
  const out = [...file.extensions];
  const walk = (messages: DescMessage[]) => {
    for (const m of messages) {
      out.push(...m.nestedExtensions);
      walk(m.nestedMessages);
    }
  };
  walk(file.messages);
  return out;
}

function extensionsIn(files: Iterable<DescFile>): Map<string, DescExtension[]> {
  const out = new Map<string, DescExtension[]>();
  for (const file of files) {
    for (const ext of fileExtensions(file)) {
      const list = out.get(ext.extendee.typeName) ?? [];
      list.push(ext);
      out.set(ext.extendee.typeName, list);
    }
  }
  return out;
}

/**
 * The extensions of a message by its name, in file order: from a lazy registry by linking only
 * the files that declare some, from any other by one pass over all its files (or its types).
 */
export function extensionLookup(registry: Registry): (typeName: string) => DescExtension[] {
  if (registry instanceof LazyFileRegistry) return (typeName) => registry.extensionsOf(typeName);
  let all: Map<string, DescExtension[]> | undefined;
  const index = () => {
    if ('files' in registry) return extensionsIn((registry as FileRegistry).files);
    const byExtendee = new Map<string, DescExtension[]>();
    for (const t of registry) {
      if (t.kind === 'extension')
        byExtendee.set(t.extendee.typeName, [...(byExtendee.get(t.extendee.typeName) ?? []), t]);
    }
    return byExtendee;
  };
  return (typeName) => (all ??= index()).get(typeName) ?? [];
}

/** The names of every type of these kinds, in the registry's order, without linking a lazy registry's files. */
export function typeNamesOf(registry: Registry, kinds: readonly TypeKind[]): string[] {
  if (registry instanceof LazyFileRegistry) return registry.typeNames(kinds);
  const names: string[] = [];
  for (const t of registry) if (kinds.includes(t.kind)) names.push(t.typeName);
  return names;
}
