import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { ServiceInfo } from '../../../shared/model';
import type { FileSource } from './lazy-registry';
import { prepareFiles } from './prepare-files';
import { SymbolTable, indexFile, type IndexedFile } from './schema-index';
import { serviceTree } from './service-tree';

/**
 * Compiled .proto files as a schema needs them before any is linked: the names in dependency
 * order, what each file defines (schema-index.ts), the service tree, and each file's descriptor
 * on demand. Made from the compiler's output (compiledFromFiles) or read back from the compile
 * cache without decoding a descriptor (compile-cache.ts), so both hand out the same thing.
 */
export interface CompiledSchema extends FileSource {
  readonly index: readonly IndexedFile[];
  readonly services: ServiceInfo[];
  /** Files protobufjs made (never, from a compiler; kept so every schema answers alike). */
  readonly lossy: ReadonlySet<string>;
  /** Every descriptor, dependencies first, decoded (exports, drift, merging with other sources). */
  files(): FileDescriptorProto[];
}

/** The prepared form of what the compiler wrote; throws AppError SCHEMA as loading eagerly would. */
export function compiledFromFiles(files: FileDescriptorProto[]): CompiledSchema {
  const { ordered, lossy } = prepareFiles(files);
  const byName = new Map(ordered.map((f) => [f.name, f]));
  // The tree when first asked for: a call by reflection (the CLI's) never lists services.
  return fromParts(
    [...byName.keys()],
    ordered.map(indexFile),
    () => serviceTree(ordered),
    lossy,
    (name) => byName.get(name)!,
  );
}

/** A compiled schema from its parts; `decode` is called at most once per file. */
export function fromParts(
  names: string[],
  index: IndexedFile[],
  services: ServiceInfo[] | (() => ServiceInfo[]),
  lossy: ReadonlySet<string>,
  decode: (name: string) => FileDescriptorProto,
): CompiledSchema {
  let tree = typeof services === 'function' ? undefined : services;
  const decoded = new Map<string, FileDescriptorProto>();
  const proto = (name: string) => {
    let file = decoded.get(name);
    if (!file) decoded.set(name, (file = decode(name)));
    return file;
  };
  return {
    names,
    index,
    get services() {
      return (tree ??= (services as () => ServiceInfo[])());
    },
    lossy,
    symbols: new SymbolTable(index),
    proto,
    files: () => names.map(proto),
  };
}
