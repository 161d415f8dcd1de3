import type { AnyDesc, DescFile } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { commentsFromEncoded, encodedSourceInfo } from './lazy-source-info';

/**
 * Leading/trailing comments of a descriptor element, from the file's SourceCodeInfo.
 * @bufbuild/protobuf's runtime does not expose comments (only its plugin framework does), so we
 * compute the element's source path (descriptor.proto field numbers) and look it up.
 */
export function commentsOf(desc: AnyDesc): { leading?: string; trailing?: string } {
  if (desc.kind === 'file') return {};
  const path = sourcePath(desc);
  return path ? commentsAt(fileOf(desc).proto, path) : {};
}

/** The comments at a source path of a file (descriptor.proto field numbers, see sourcePath). */
export function commentsAt(file: FileDescriptorProto, path: number[]): { leading?: string; trailing?: string } {
  const loc = locationIndex(file).get(path.join(','));
  if (!loc) return {};
  const clean = (s: string | undefined) => {
    const t = s
      ?.split('\n')
      .map((l) => l.replace(/^ /, ''))
      .join('\n')
      .trim();
    return t ? t : undefined;
  };
  return { leading: clean(loc.leading), trailing: clean(loc.trailing) };
}

/** Leading comment, else trailing comment: what a UI shows as the element's documentation. */
export function docOf(desc: AnyDesc): string | undefined {
  const c = commentsOf(desc);
  return c.leading ?? c.trailing;
}

/** As docOf, for a source path of a file not linked into a registry. */
export function docAt(file: FileDescriptorProto, path: number[]): string | undefined {
  const c = commentsAt(file, path);
  return c.leading ?? c.trailing;
}

// By the file's descriptor: a linked file and the descriptor it came from share one index.
const indexes = new WeakMap<FileDescriptorProto, Map<string, { leading?: string; trailing?: string }>>();

function locationIndex(file: FileDescriptorProto) {
  let index = indexes.get(file);
  const encoded = index ? undefined : encodedSourceInfo(file);
  if (encoded) indexes.set(file, (index = commentsOrNone(encoded)));
  if (!index) {
    index = new Map();
    for (const loc of file.sourceCodeInfo?.location ?? []) {
      if (loc.leadingComments === undefined && loc.trailingComments === undefined) continue;
      index.set(loc.path.join(','), { leading: loc.leadingComments, trailing: loc.trailingComments });
    }
    indexes.set(file, index);
  }
  return index;
}

/** Source info that does not read is none (as lazy-source-info.ts decodes it): no comments. */
function commentsOrNone(encoded: Uint8Array): ReturnType<typeof commentsFromEncoded> {
  try {
    return commentsFromEncoded(encoded);
  } catch {
    return new Map();
  }
}

export function fileOf(desc: Exclude<AnyDesc, DescFile>): DescFile {
  switch (desc.kind) {
    case 'enum_value':
      return desc.parent.file;
    case 'rpc':
      return desc.parent.file;
    case 'oneof':
      return desc.parent.file;
    case 'field':
      return desc.parent.file;
    default:
      return desc.file;
  }
}

// Field numbers in descriptor.proto that make up SourceCodeInfo paths.
export function sourcePath(desc: Exclude<AnyDesc, DescFile>): number[] | undefined {
  switch (desc.kind) {
    case 'message':
      return desc.parent
        ? [...(sourcePath(desc.parent) ?? []), 3, desc.parent.proto.nestedType.indexOf(desc.proto)]
        : [4, desc.file.proto.messageType.indexOf(desc.proto)];
    case 'enum':
      return desc.parent
        ? [...(sourcePath(desc.parent) ?? []), 4, desc.parent.proto.enumType.indexOf(desc.proto)]
        : [5, desc.file.proto.enumType.indexOf(desc.proto)];
    case 'enum_value':
      return [...(sourcePath(desc.parent) ?? []), 2, desc.parent.proto.value.indexOf(desc.proto)];
    case 'field':
      return [...(sourcePath(desc.parent) ?? []), 2, desc.parent.proto.field.indexOf(desc.proto)];
    case 'oneof':
      return [...(sourcePath(desc.parent) ?? []), 8, desc.parent.proto.oneofDecl.indexOf(desc.proto)];
    case 'extension':
      return desc.parent
        ? [...(sourcePath(desc.parent) ?? []), 6, desc.parent.proto.extension.indexOf(desc.proto)]
        : [7, desc.file.proto.extension.indexOf(desc.proto)];
    case 'service':
      return [6, desc.file.proto.service.indexOf(desc.proto)];
    case 'rpc':
      return [...(sourcePath(desc.parent) ?? []), 2, desc.parent.proto.method.indexOf(desc.proto)];
  }
}
