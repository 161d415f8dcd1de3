import type {
  AnyDesc,
  DescEnum,
  DescExtension,
  DescFile,
  DescMessage,
  DescService,
  FileRegistry,
} from '@bufbuild/protobuf';
import { nestedTypes } from '@bufbuild/protobuf/reflect';
import type { DriftLocation } from '../../../../shared/model/drift';
import { fileOf, sourcePath } from '../comments';
import type { SchemaRegistry } from '../registry';

/** One side of a comparison: every symbol by its full name, and what its descriptors can be trusted for. */
export interface Side {
  label: string;
  registry: FileRegistry;
  files: Map<string, DescFile>;
  messages: Map<string, DescMessage>;
  enums: Map<string, DescEnum>;
  services: Map<string, DescService>;
  extensions: Map<string, DescExtension>;
  /** Files protobufjs described (a Node server's reflection): names, labels and json_name are not faithful. */
  lossy: ReadonlySet<string>;
}

/**
 * The symbols of a schema, leaving out the files of packages `skip` names (a server's own
 * reflection service, which the other side's .proto files do not declare).
 */
export function sideOf(label: string, schema: SchemaRegistry, skip: ReadonlySet<string> = new Set()): Side {
  const side: Side = {
    label,
    registry: schema.registry,
    files: new Map(),
    messages: new Map(),
    enums: new Map(),
    services: new Map(),
    extensions: new Map(),
    lossy: schema.lossyFiles,
  };
  for (const file of schema.registry.files) {
    if (skip.has(file.proto.package)) continue;
    side.files.set(file.proto.name, file);
    for (const t of nestedTypes(file)) {
      if (t.kind === 'message') side.messages.set(t.typeName, t);
      else if (t.kind === 'enum') side.enums.set(t.typeName, t);
      else if (t.kind === 'service') side.services.set(t.typeName, t);
      else side.extensions.set(t.typeName, t);
    }
  }
  return side;
}

export function fileOfAny(desc: AnyDesc): DescFile {
  return desc.kind === 'file' ? desc : fileOf(desc);
}

export function isLossy(side: Side, desc: AnyDesc): boolean {
  return side.lossy.has(fileOfAny(desc).proto.name);
}

/** The path a finding names a symbol by: pkg.Msg, pkg.Msg.field, pkg.Enum.VALUE, pkg.Service.Method, or a file name. */
export function symbolOf(desc: AnyDesc): string {
  switch (desc.kind) {
    case 'file':
      return desc.proto.name;
    case 'field':
    case 'oneof':
    case 'enum_value':
    case 'rpc':
      return `${desc.parent.typeName}.${desc.name}`;
    default:
      return desc.typeName;
  }
}

/**
 * Where a symbol is: its file, and its line and column when the file carries source info.
 * `detail` (descriptor.proto field numbers under the symbol, e.g. [8, 11] for a file's
 * go_package option) points at the changed part, when the source has it.
 */
export function locate(desc: AnyDesc, detail: number[] = []): DriftLocation {
  const file = fileOfAny(desc);
  const loc: DriftLocation = { symbol: symbolOf(desc), file: file.proto.name };
  // A file as a whole has no line to point at; one of its options has.
  const path = desc.kind === 'file' ? (detail.length ? [] : undefined) : sourcePath(desc);
  const index = spanIndex(file);
  const span = path && (index.get([...path, ...detail].join(',')) ?? index.get(path.join(',')));
  if (span) {
    loc.line = span[0]! + 1;
    loc.column = span[1]! + 1;
  }
  return loc;
}

const spans = new WeakMap<DescFile, Map<string, number[]>>();

function spanIndex(file: DescFile): Map<string, number[]> {
  let index = spans.get(file);
  if (!index) {
    index = new Map();
    for (const loc of file.proto.sourceCodeInfo?.location ?? []) {
      const key = loc.path.join(',');
      // The first location of a path is the whole declaration; later ones are its parts.
      if (!index.has(key) && loc.span.length >= 3) index.set(key, loc.span);
    }
    spans.set(file, index);
  }
  return index;
}

/**
 * Packages of the gRPC reflection service that only one side has: the service a server uses to
 * describe itself is not part of its API, and .proto files rarely declare it.
 */
export function reflectionOnOneSide(a: SchemaRegistry, b: SchemaRegistry): Set<string> {
  const packages = (s: SchemaRegistry) =>
    new Set(s.files.map((f) => f.package).filter((p) => p.startsWith('grpc.reflection.')));
  const pa = packages(a);
  const pb = packages(b);
  return new Set([...pa, ...pb].filter((p) => pa.has(p) !== pb.has(p)));
}
