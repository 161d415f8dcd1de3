import { protoCamelCase } from '@bufbuild/protobuf/reflect';
import type {
  DescriptorProto,
  FieldDescriptorProto,
  FileDescriptorProto,
  MethodDescriptorProto,
  ServiceDescriptorProto,
} from '@bufbuild/protobuf/wkt';

/**
 * Repairs the lossy descriptors protobufjs makes (served by @grpc/reflection for Node):
 * empty json_name, extensions listed as fields, missing imports (below), and first of all
 * makes every type reference fully qualified (".pkg.Msg"), resolving relative names with
 * protobuf's scoping rules. protoc and buf always qualify; @grpc/reflection (Node) serves
 * protobufjs-made descriptors that do not (e.g. type_name "Inner"), and the registry cannot
 * link those. Files that are already faithful are returned unchanged (same objects).
 */
export function repairDescriptors(files: FileDescriptorProto[]): FileDescriptorProto[] {
  const defined = definitions(files);
  if (!files.some(hasRelativeNames)) return repairDependencies(files, defined.byName, new Set());
  const { byName: known, nestedNames, packages } = defined;
  // What a name resolves to from a package's scope, by package: see resolveName.
  const fromPackage = new Map<string, Map<string, string | null>>();
  // protobufjs leaves every json_name empty; the same field names recur across messages.
  const jsonNames = new Map<string, string>();
  // The copies made here, which the dependency repair may change without copying again.
  const copies = new Set<FileDescriptorProto>();
  const qualified = files.map((original) => {
    if (!hasRelativeNames(original)) return original;
    const f = editableCopy(original);
    copies.add(f);
    const pkg = f.package ? `.${f.package}` : '';
    const fixField = (field: FieldDescriptorProto, scope: string) => {
      if (field.typeName && !field.typeName.startsWith('.')) {
        const full = resolveName(field.typeName, scope, pkg);
        if (full) field.typeName = full;
      }
      if (field.extendee && !field.extendee.startsWith('.'))
        field.extendee = resolveName(field.extendee, scope, pkg) ?? field.extendee;
    };
    const fixMessage = (m: DescriptorProto, scope: string) => {
      const inner = `${scope}.${m.name}`;
      // protobufjs lists extensions applied to a message among its fields, named ".pkg.ext";
      // the real extension is declared in its own file, so these copies are dropped.
      m.field = m.field.filter((field) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(field.name));
      for (const field of m.field) {
        fixField(field, inner);
        // protobufjs writes json_name "" (not absent); an empty JSON name would map every field to "".
        if (!field.jsonName) field.jsonName = jsonName(field.name);
      }
      for (const ext of m.extension) fixField(ext, inner);
      for (const nested of m.nestedType) fixMessage(nested, inner);
    };
    for (const m of f.messageType) fixMessage(m, pkg);
    for (const ext of f.extension) fixField(ext, pkg);
    for (const s of f.service) {
      for (const m of s.method) {
        if (m.inputType && !m.inputType.startsWith('.'))
          m.inputType = resolveName(m.inputType, pkg, pkg) ?? m.inputType;
        if (m.outputType && !m.outputType.startsWith('.'))
          m.outputType = resolveName(m.outputType, pkg, pkg) ?? m.outputType;
      }
    }
    return f;
  });
  return repairDependencies(qualified, known, copies);

  function jsonName(name: string): string {
    let json = jsonNames.get(name);
    if (json === undefined) jsonNames.set(name, (json = protoCamelCase(name)));
    return json;
  }

  /**
   * The name's full name from `scope` (in package `pkg`). Only a name whose first component is
   * declared inside some message can resolve at a message's own scope; any other resolves as
   * from its package, which is remembered per package (thousands of fields name a few types).
   */
  function resolveName(name: string, scope: string, pkg: string): string | undefined {
    const dot = name.indexOf('.');
    const first = dot < 0 ? name : name.slice(0, dot);
    if (scope !== pkg && nestedNames.has(first)) return lookUp(name, first, scope);
    let memo = fromPackage.get(pkg);
    if (!memo) fromPackage.set(pkg, (memo = new Map<string, string | null>()));
    let full = memo.get(name);
    if (full === undefined) memo.set(name, (full = lookUp(name, first, pkg) ?? null));
    return full ?? undefined;
  }

  /**
   * C++-like scoping: try the innermost scope first, then each enclosing one. As in protoc, the
   * first component of a dotted name picks the scope; the rest must exist inside it.
   */
  function lookUp(name: string, first: string, scope: string): string | undefined {
    let s = scope;
    for (;;) {
      const candidateFirst = `${s}.${first}`;
      if (known.has(candidateFirst) || packages.has(candidateFirst)) {
        const full = `${s}.${name}`;
        if (known.has(full)) return full;
      }
      if (s === '') return known.has(`.${name}`) ? `.${name}` : undefined;
      s = s.slice(0, s.lastIndexOf('.'));
    }
  }
}

/**
 * The file defining each message and enum, by full name (".pkg.Msg"); the simple names of those
 * declared inside a message; every package and enclosing package (".a", ".a.b").
 */
function definitions(files: FileDescriptorProto[]) {
  const byName = new Map<string, string>();
  const nestedNames = new Set<string>();
  const packages = new Set<string>();
  for (const f of files) {
    const pkg = f.package ? `.${f.package}` : '';
    for (let i = pkg.indexOf('.', 1); i > 0; i = pkg.indexOf('.', i + 1)) packages.add(pkg.slice(0, i));
    if (pkg) packages.add(pkg);
    const walk = (scope: string, messages: DescriptorProto[], enums: { name: string }[], nested: boolean) => {
      for (const e of enums) {
        byName.set(`${scope}.${e.name}`, f.name);
        if (nested) nestedNames.add(e.name);
      }
      for (const m of messages) {
        const name = `${scope}.${m.name}`;
        byName.set(name, f.name);
        if (nested) nestedNames.add(m.name);
        walk(name, m.nestedType, m.enumType, true);
      }
    };
    walk(pkg, f.messageType, f.enumType, false);
  }
  return { byName, nestedNames, packages };
}

/**
 * Whether protobufjs made this descriptor (as @grpc/reflection serves it for Node servers): it
 * names each file after its package ("acme_v1.proto") and writes neither json_name nor source
 * info, where protoc, buf and grpc-go always write json_name. Such descriptors lose more than
 * repairDescriptors can restore (proto2 labels and defaults, custom json_name, proto field names
 * unless the server loaded with keepCase; reserved ranges end one short), so the drift comparison
 * leaves those aspects out for these files.
 */
export function madeByProtobufjs(f: FileDescriptorProto): boolean {
  // The name first: reading sourceCodeInfo decodes it when it is kept encoded (lazy-source-info.ts).
  if (f.name !== `${f.package.replace(/\./g, '_') || 'root'}.proto` || f.sourceCodeInfo) return false;
  // A file without fields says nothing either way; taken as faithful, it is compared in full.
  let fields = 0;
  const unnamed = (x: FieldDescriptorProto) => (fields++, x.jsonName === '');
  const inMessage = (m: DescriptorProto): boolean =>
    m.field.every(unnamed) && m.extension.every(unnamed) && m.nestedType.every(inMessage);
  return f.messageType.every(inMessage) && f.extension.every(unnamed) && fields > 0;
}

/**
 * A copy of the file whose parts the repair changes are its own (the import list, messages with
 * their fields and extensions, top-level extensions, services and methods), sharing the rest
 * (options, enums, source info) with the original, which stays unchanged. A reflective clone
 * copied every value through protobuf-es's reflection and was most of a Node server's repair
 * (500 services in 52 files: ~0.4 s of a 1 s load). Each object keeps its prototype, where
 * protobuf-es keeps proto2 defaults.
 */
function editableCopy(f: FileDescriptorProto): FileDescriptorProto {
  const message = (m: DescriptorProto): DescriptorProto =>
    Object.assign(shallowCopy(m), {
      field: m.field.map(shallowCopy),
      extension: m.extension.map(shallowCopy),
      nestedType: m.nestedType.map(message),
    });
  const service = (s: ServiceDescriptorProto): ServiceDescriptorProto =>
    Object.assign(shallowCopy(s), { method: s.method.map((x: MethodDescriptorProto) => shallowCopy(x)) });
  // The file alone through its property descriptors: its source info may be a getter that
  // decodes on first read (lazy-source-info.ts), and copying must not read it.
  const file = Object.create(
    Object.getPrototypeOf(f) as object | null,
    Object.getOwnPropertyDescriptors(f),
  ) as FileDescriptorProto;
  return Object.assign(file, {
    dependency: [...f.dependency],
    messageType: f.messageType.map(message),
    extension: f.extension.map(shallowCopy),
    service: f.service.map(service),
  });
}

function shallowCopy<T extends object>(x: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(x) as object | null) as T, x);
}

function hasRelativeNames(f: FileDescriptorProto): boolean {
  const rel = (n: string | undefined) => !!n && !n.startsWith('.');
  const inMessage = (m: DescriptorProto): boolean =>
    m.field.some((x) => rel(x.typeName) || rel(x.extendee) || x.jsonName === '') ||
    m.extension.some((x) => rel(x.typeName) || rel(x.extendee)) ||
    m.nestedType.some(inMessage);
  return (
    f.messageType.some(inMessage) ||
    f.extension.some((x) => rel(x.typeName) || rel(x.extendee)) ||
    f.service.some((s) => s.method.some((m) => rel(m.inputType) || rel(m.outputType)))
  );
}

/**
 * Adds missing imports: @grpc/reflection (Node) merges files per package and sends them with an
 * empty dependency list, so the registry cannot see the types they use. A file that uses a type
 * from a file outside its import closure gets that file as a direct import. Faithful files
 * always have their types in their closure and come back unchanged. `copies` are this repair's
 * own copies, changed in place.
 */
function repairDependencies(
  files: FileDescriptorProto[],
  defined: ReadonlyMap<string, string>,
  copies: ReadonlySet<FileDescriptorProto>,
): FileDescriptorProto[] {
  const definedIn = (typeName: string | undefined) => (typeName ? defined.get(typeName) : undefined);
  const byName = new Map(files.map((f) => [f.name, f]));
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(name)) return seen;
    seen.add(name);
    for (const d of byName.get(name)?.dependency ?? []) closure(d, seen);
    return seen;
  };
  const added = new Map<string, string[]>();
  for (const f of files) {
    const needed = new Set<string>();
    const use = (typeName: string | undefined) => {
      const file = definedIn(typeName);
      if (file && file !== f.name) needed.add(file);
    };
    const inMessage = (m: DescriptorProto) => {
      for (const x of m.field) {
        use(x.typeName);
        use(x.extendee);
      }
      for (const x of m.extension) {
        use(x.typeName);
        use(x.extendee);
      }
      m.nestedType.forEach(inMessage);
    };
    f.messageType.forEach(inMessage);
    for (const x of f.extension) {
      use(x.typeName);
      use(x.extendee);
    }
    for (const s of f.service) {
      for (const m of s.method) {
        use(m.inputType);
        use(m.outputType);
      }
    }
    const reachable = closure(f.name);
    const missing = [...needed].filter((n) => !reachable.has(n)).sort();
    if (missing.length) added.set(f.name, missing);
  }
  if (added.size === 0) return files;

  // Merged-per-package files can depend on each other in a circle (protobufjs even lists the
  // google.api.http extension as a field of MethodOptions). A circle cannot be linked, so the
  // fields that close it are dropped; they are such misplaced extensions in practice.
  const deps = (name: string) => [...(byName.get(name)?.dependency ?? []), ...(added.get(name) ?? [])];
  const dropped = new Map<string, Set<string>>();
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    state.set(name, 'visiting');
    for (const d of deps(name)) {
      if (dropped.get(name)?.has(d)) continue;
      const st = state.get(d);
      if (st === 'visiting' && added.get(name)?.includes(d)) {
        dropped.set(name, (dropped.get(name) ?? new Set()).add(d));
      } else if (st === undefined && byName.has(d)) visit(d);
    }
    state.set(name, 'done');
  };
  for (const f of files) if (!state.has(f.name)) visit(f.name);

  return files.map((f) => {
    const extra = added.get(f.name);
    if (!extra) return f;
    const cut = dropped.get(f.name) ?? new Set<string>();
    const copy = copies.has(f) ? f : editableCopy(f);
    copy.dependency.push(...extra.filter((d) => !cut.has(d)));
    if (cut.size) {
      const keep = (x: { typeName?: string; extendee?: string }) =>
        !cut.has(definedIn(x.typeName) ?? '') && !cut.has(definedIn(x.extendee) ?? '');
      const prune = (m: DescriptorProto) => {
        m.field = m.field.filter(keep);
        m.extension = m.extension.filter(keep);
        m.nestedType.forEach(prune);
      };
      copy.messageType.forEach(prune);
      copy.extension = copy.extension.filter(keep);
    }
    return copy;
  });
}
