import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { ProtoLayout } from './proto-imports';

/** Below this many files one compiler process is quicker than starting several. */
const SPLIT_FROM_FILES = 1500;

/**
 * Splits a big compile into `ways` independent ones, each holding a contiguous range of the
 * inputs (neighbours in a tree like googleapis share most imports) plus everything they import.
 * buf compiles on about one core, so on a 2-core machine all of googleapis compiles in a little
 * over half the time; shared imports are compiled more than once, which costs far less.
 */
export function splitLayout(layout: ProtoLayout, ways: number): ProtoLayout[] {
  const n = Math.min(Math.max(1, Math.floor(ways)), 4);
  if (n < 2 || layout.files.size < SPLIT_FROM_FILES || layout.targets.length < n) return [layout];
  const sorted = [...layout.targets].sort();
  const size = Math.ceil(sorted.length / n);
  const parts: ProtoLayout[] = [];
  for (let i = 0; i < sorted.length; i += size) {
    const targets = sorted.slice(i, i + size);
    const files = new Map<string, string>();
    const stack = [...targets];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (files.has(name)) continue;
      files.set(name, layout.files.get(name)!);
      stack.push(...(layout.imports.get(name) ?? []));
    }
    parts.push({
      targets,
      files,
      roots: layout.roots,
      imports: layout.imports,
      digests: layout.digests,
      stamps: layout.stamps,
    });
  }
  return parts;
}

/**
 * One descriptor per file name, in an order where every file comes after its imports: each
 * part's output already is, and a file of a later part imports only files of earlier parts or
 * files placed before it in its own.
 */
export function mergeFiles(parts: FileDescriptorProto[][]): FileDescriptorProto[] {
  const seen = new Set<string>();
  const merged: FileDescriptorProto[] = [];
  for (const files of parts) {
    for (const file of files) {
      if (seen.has(file.name)) continue;
      seen.add(file.name);
      merged.push(file);
    }
  }
  return merged;
}
