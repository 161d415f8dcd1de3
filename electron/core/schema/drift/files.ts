import type { DescFile } from '@bufbuild/protobuf';
import { FileOptionsSchema, type FileOptions } from '@bufbuild/protobuf/wkt';
import type { Context } from './context';
import type { Side } from './side';

/** Top-level names per package: what identifies a package that moved. */
function packages(side: Side): Map<string, { names: Set<string>; files: DescFile[] }> {
  const out = new Map<string, { names: Set<string>; files: DescFile[] }>();
  for (const file of side.files.values()) {
    const entry = out.get(file.proto.package) ?? { names: new Set<string>(), files: [] };
    entry.files.push(file);
    for (const d of [...file.messages, ...file.enums, ...file.services, ...file.extensions]) entry.names.add(d.name);
    out.set(file.proto.package, entry);
  }
  return out;
}

/**
 * Packages that moved: gone from the other side, while a package new there holds at least half
 * of the same top-level names. Their symbols are then compared under their new names, so a move
 * is one finding instead of a removal and an addition per symbol.
 */
export function detectPackageMoves(base: Side, other: Side): Map<string, string> {
  const a = packages(base);
  const b = packages(other);
  const moves = new Map<string, string>();
  const taken = new Set<string>();
  for (const [from, { names }] of a) {
    if (b.has(from) || names.size === 0) continue;
    let best: { to: string; shared: number } | undefined;
    for (const [to, entry] of b) {
      if (a.has(to) || taken.has(to)) continue;
      const shared = [...names].filter((n) => entry.names.has(n)).length;
      if (shared * 2 >= names.size && shared > (best?.shared ?? 0)) best = { to, shared };
    }
    if (best) {
      moves.set(from, best.to);
      taken.add(best.to);
    }
  }
  return moves;
}

export function reportPackageMoves(ctx: Context, moves: Map<string, string>): void {
  const a = packages(ctx.base);
  const b = packages(ctx.other);
  for (const [from, to] of moves) {
    const before = a.get(from)!.files;
    const paths = before.flatMap((f) => f.services.flatMap((s) => s.methods.map((m) => `/${s.typeName}/${m.name}`)));
    const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? `, and ${paths.length - 3} more` : '');
    const withServices = paths.length > 0;
    ctx.findings.add({
      kind: withServices ? 'breaking-wire' : 'breaking-source',
      category: withServices ? 'WIRE' : 'PACKAGE',
      rule: 'PACKAGE_MOVED',
      base: before[0],
      other: b.get(to)!.files[0],
      subjectName: from,
      detail: [2], // FileDescriptorProto.package: the package statement
      message: withServices
        ? `package ${from} moved to ${to}: calls to the old method paths (${shown}) fail with UNIMPLEMENTED, and Any values name its messages differently`
        : `package ${from} moved to ${to}: generated code and Any values name its types differently`,
    });
  }
}

// File options that change generated code, as Buf's FILE_SAME_* rules check them.
const FILE_OPTIONS = [
  'goPackage',
  'javaPackage',
  'javaOuterClassname',
  'javaMultipleFiles',
  'javaGenericServices',
  'csharpNamespace',
  'objcClassPrefix',
  'phpNamespace',
  'phpClassPrefix',
  'phpMetadataNamespace',
  'rubyPackage',
  'swiftPrefix',
  'optimizeFor',
  'ccEnableArenas',
  'ccGenericServices',
  'pyGenericServices',
] as const satisfies readonly (keyof FileOptions)[];

const ruleName = (option: string) => `FILE_SAME_${option.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

function optionText(options: FileOptions | undefined, key: (typeof FILE_OPTIONS)[number]): string {
  const field = FileOptionsSchema.field[key];
  const value = options?.[key];
  if (value === undefined || value === '') return 'unset';
  if (field.fieldKind === 'enum')
    return field.enum.values.find((v) => v.number === Number(value))?.name ?? String(value);
  return JSON.stringify(value);
}

/**
 * What Buf's FILE category adds: files removed, types moved between files, and (in PACKAGE) the
 * file's syntax, package and code-generation options. Only for files whose names mean something:
 * protobufjs names files after their package and merges them, so for its descriptors file-level
 * findings would all be noise.
 */
export function compareFiles(ctx: Context): void {
  const { base, other, findings } = ctx;
  // compareSchemas notes why.
  if (base.lossy.size > 0 || other.lossy.size > 0) return;
  for (const [name, a] of base.files) {
    const b = other.files.get(name);
    if (!b) {
      findings.add({
        kind: 'breaking-source',
        category: 'FILE',
        rule: 'FILE_NO_DELETE',
        base: a,
        message: `file ${name} was removed: code that imports it no longer compiles`,
      });
      continue;
    }
    if (a.proto.package !== b.proto.package && ctx.alias(a.proto.package) !== b.proto.package) {
      findings.add({
        kind: 'breaking-wire',
        category: 'WIRE',
        rule: 'FILE_SAME_PACKAGE',
        base: a,
        other: b,
        message: `file ${name} was in package ${a.proto.package || '(none)'}, is now in ${b.proto.package || '(none)'}: its services' method paths and its types' names change`,
      });
    }
    const syntax = (f: DescFile) =>
      f.proto.syntax === 'editions' ? `edition ${f.proto.edition}` : f.proto.syntax || 'proto2';
    if (syntax(a) !== syntax(b)) {
      findings.add({
        kind: 'breaking-source',
        category: 'PACKAGE',
        rule: 'FILE_SAME_SYNTAX',
        base: a,
        other: b,
        message: `file ${name} was ${syntax(a)}, is now ${syntax(b)}: generated code and field presence change`,
      });
    }
    for (const key of FILE_OPTIONS) {
      const before = optionText(a.proto.options, key);
      const after = optionText(b.proto.options, key);
      if (before === after) continue;
      findings.add({
        kind: 'breaking-source',
        category: 'PACKAGE',
        rule: ruleName(key),
        base: a,
        other: b,
        detail: [8, FileOptionsSchema.field[key].number],
        message: `file ${name}: option ${ruleName(key).slice('FILE_SAME_'.length).toLowerCase()} was ${before}, is now ${after}: generated code moves or changes`,
      });
    }
  }
  movedBetweenFiles(ctx);
}

/** Top-level types found in another file than before (FILE category: imports break). */
function movedBetweenFiles(ctx: Context): void {
  const kinds = [
    ['message', 'MESSAGE_NO_DELETE', ctx.base.messages, ctx.other.messages],
    ['enum', 'ENUM_NO_DELETE', ctx.base.enums, ctx.other.enums],
    ['service', 'SERVICE_NO_DELETE', ctx.base.services, ctx.other.services],
    ['extension', 'EXTENSION_NO_DELETE', ctx.base.extensions, ctx.other.extensions],
  ] as const;
  for (const [noun, rule, from, to] of kinds) {
    for (const [name, a] of from) {
      if (a.kind !== 'service' && a.parent) continue;
      const b = to.get(ctx.alias(name));
      if (!b || b.file.proto.name === a.file.proto.name) continue;
      ctx.findings.add({
        kind: 'breaking-source',
        category: 'FILE',
        rule,
        base: a,
        other: b,
        message: `${noun} ${name} moved from ${a.file.proto.name} to ${b.file.proto.name}: code that imports the old file for it no longer compiles`,
      });
    }
  }
}
