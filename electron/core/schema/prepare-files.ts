import { create, equals } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type DescriptorProto, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { schemaError } from './errors';
import { madeByProtobufjs, repairDescriptors } from './repair-descriptors';

/**
 * What every schema's files go through before linking, eager or lazy: one file per name, the
 * repairs protobufjs-made descriptors need, dependencies before dependents, no name defined
 * twice. Throws AppError SCHEMA naming the files at fault.
 */
export function prepareFiles(files: FileDescriptorProto[]): { ordered: FileDescriptorProto[]; lossy: Set<string> } {
  const unique = dedupeFiles(files);
  // Before the repair, which fills in the json_name these files lack.
  const lossy = new Set(unique.filter(madeByProtobufjs).map((f) => f.name));
  const ordered = dependencyOrder(repairDescriptors(unique));
  assertNoDuplicateSymbols(ordered);
  return { ordered, lossy };
}

/** The same file twice is fine if identical; two different files with one name cannot both be used. */
function dedupeFiles(files: FileDescriptorProto[]): FileDescriptorProto[] {
  const byName = new Map<string, FileDescriptorProto>();
  for (const f of files) {
    const existing = byName.get(f.name);
    if (!existing) byName.set(f.name, f);
    else if (!sameDescriptor(existing, f)) {
      throw schemaError(
        `Two different files are both named "${f.name}". Remove one of the sources or make them agree.`,
        [{ file: f.name }],
      );
    }
  }
  return [...byName.values()];
}

/** Equal apart from source info (comments and spans may differ between compilers). */
export function sameDescriptor(a: FileDescriptorProto, b: FileDescriptorProto): boolean {
  const strip = (f: FileDescriptorProto) => create(FileDescriptorProtoSchema, { ...f, sourceCodeInfo: undefined });
  return equals(FileDescriptorProtoSchema, strip(a), strip(b));
}

/** Dependencies before dependents (the registry links in order); reports missing imports and cycles. */
function dependencyOrder(files: FileDescriptorProto[]): FileDescriptorProto[] {
  const byName = new Map(files.map((f) => [f.name, f]));
  const out: FileDescriptorProto[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: FileDescriptorProto, chain: string[]) => {
    const s = state.get(f.name);
    if (s === 'done') return;
    if (s === 'visiting')
      throw schemaError(`Import cycle: ${[...chain.slice(chain.indexOf(f.name)), f.name].join(' -> ')}.`);
    state.set(f.name, 'visiting');
    for (const dep of f.dependency) {
      const d = byName.get(dep);
      if (!d) {
        throw schemaError(
          `${f.name} imports "${dep}", which is not in the schema. Add it (an import path, a protoset built with --include_imports) or use a source that has it.`,
          [{ file: f.name }],
          { missing: dep },
        );
      }
      visit(d, [...chain, f.name]);
    }
    state.set(f.name, 'done');
    out.push(f);
  };
  for (const f of files) visit(f, []);
  return out;
}

function assertNoDuplicateSymbols(files: FileDescriptorProto[]): void {
  const owner = new Map<string, string>();
  const add = (name: string, file: string) => {
    const other = owner.get(name);
    if (other !== undefined && other !== file) {
      throw schemaError(`"${name}" is defined in both ${other} and ${file}.`, [{ file: other }, { file }], {
        symbol: name,
      });
    }
    if (other === file) throw schemaError(`"${name}" is defined twice in ${file}.`, [{ file }], { symbol: name });
    owner.set(name, file);
  };
  for (const f of files) {
    const pkg = f.package ? `${f.package}.` : '';
    const addMessage = (m: DescriptorProto, prefix: string) => {
      const name = `${prefix}${m.name}`;
      add(name, f.name);
      for (const n of m.nestedType) addMessage(n, `${name}.`);
      for (const e of m.enumType) add(`${name}.${e.name}`, f.name);
      for (const x of m.extension) add(`${name}.${x.name}`, f.name);
    };
    for (const m of f.messageType) addMessage(m, pkg);
    for (const e of f.enumType) add(`${pkg}${e.name}`, f.name);
    for (const s of f.service) add(`${pkg}${s.name}`, f.name);
    for (const x of f.extension) add(`${pkg}${x.name}`, f.name);
  }
}
