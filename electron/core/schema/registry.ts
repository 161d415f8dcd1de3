import type { AnyDesc, DescMessage, DescMethod, FileRegistry } from '@bufbuild/protobuf';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { MessageForm, SchemaSummary, ServiceInfo, StatusDetail } from '../../../shared/model';
import { compiledFromFiles, type CompiledSchema } from './compiled-schema';
import { describeDesc } from './describe';
import { closestNames, notFound } from './errors';
import { decodeToJson, encodeJson, type JsonReadOpts, type JsonWriteOpts } from './json-codec';
import { describeMessageForm } from './form-description';
import { messageJsonSchema } from './json-schema';
import { LazyFileRegistry, typeNamesOf } from './lazy-registry';
import { assertReferencesResolve } from './reference-check';
import { messageTemplate } from './template';

/**
 * One loaded schema: faithful FileDescriptorProtos linked into a @bufbuild/protobuf registry,
 * and every view the UI and CLI derive from it. Immutable; loading again makes a new one.
 * Every schema links lazily, each file when first used (lazy-registry.ts): linking all of a large
 * schema up front costs more than everything else a reload or a reflection does. Compiled .proto
 * files were checked by their compiler; protosets and reflection, which can hold anything, have
 * every type reference checked at load (reference-check.ts), so a broken one fails its load.
 */
export class SchemaRegistry {
  readonly registry: FileRegistry;
  readonly sources: string[];
  readonly loadedAt: number;
  /** Set by loadSchema when the descriptors came from the on-disk cache. */
  fromCache = false;
  /** Non-fatal notes from loading (e.g. which copy of a file shared by two sources won). */
  readonly warnings: string[] = [];
  /**
   * The services the server listed, when reflection was a source: its own reflection service
   * and any it could not describe included, as grpcurl lists them.
   */
  listedServices?: string[];
  /** Files as protobufjs described them (a Node server's reflection): see madeByProtobufjs. */
  readonly lossyFiles: ReadonlySet<string>;
  readonly fileCount: number;
  private readonly compiled: CompiledSchema;
  private filesCache?: FileDescriptorProto[];
  /** Symbols reflection was asked for and did not find, with the server's answer (see noteUnresolved). */
  private readonly unresolved = new Map<string, string>();

  private constructor(compiled: CompiledSchema, sources: string[], loadedAt: number) {
    this.compiled = compiled;
    this.registry = new LazyFileRegistry(compiled);
    this.lossyFiles = compiled.lossy;
    this.fileCount = compiled.names.length;
    this.sources = sources;
    this.loadedAt = loadedAt;
  }

  /** Every file's descriptor, dependencies first (decoded on first use from the compile cache). */
  get files(): FileDescriptorProto[] {
    return (this.filesCache ??= this.compiled.files());
  }

  /**
   * Files (any order) as a schema. Throws AppError SCHEMA on missing imports, duplicate symbols
   * and references to types it lacks.
   */
  static fromFiles(files: FileDescriptorProto[], sources: string[], loadedAt = Date.now()): SchemaRegistry {
    const compiled = compiledFromFiles(files);
    // The decoded files as prepared, not decoded again: fromParts hands back the same objects.
    assertReferencesResolve(compiled.files(), compiled.symbols);
    return SchemaRegistry.fromCompiled(compiled, sources, loadedAt);
  }

  /** Compiled .proto files (prepared when compiled), each linked when first needed. */
  static fromCompiled(compiled: CompiledSchema, sources: string[], loadedAt = Date.now()): SchemaRegistry {
    return new SchemaRegistry(compiled, sources, loadedAt);
  }

  summary(): SchemaSummary {
    const summary: SchemaSummary = {
      services: this.services(),
      fileCount: this.fileCount,
      sources: this.sources,
      loadedAt: this.loadedAt,
    };
    if (this.fromCache) summary.fromCache = true;
    return summary;
  }

  services(): ServiceInfo[] {
    return this.compiled.services;
  }

  /** Accepts "pkg.Svc/Method", "/pkg.Svc/Method" and "pkg.Svc.Method". */
  method(name: string): DescMethod {
    const method = this.findMethod(name);
    if (method) return method;
    const all = this.services().flatMap((s) => s.methods.map((m) => m.fullName));
    throw notFoundWithHints(`No method "${name}" in the loaded schema`, normalizeMethodName(name), all);
  }

  private findMethod(name: string): DescMethod | undefined {
    const normalized = normalizeMethodName(name);
    const dot = normalized.lastIndexOf('.');
    const service = dot > 0 ? this.registry.getService(normalized.slice(0, dot)) : undefined;
    return service?.methods.find((m) => m.name === normalized.slice(dot + 1));
  }

  message(fullName: string): DescMessage {
    const name = fullName.trim().replace(/^\./, '');
    const desc = this.registry.getMessage(name);
    if (desc) return desc;
    throw notFoundWithHints(`No message type "${fullName}" in the loaded schema`, name, this.messageNames());
  }

  /** Any symbol: service, method (any of the three spellings), message, enum, extension, field, enum value. */
  symbol(symbol: string): AnyDesc {
    const found = this.find(symbol);
    if (found) return found;
    const name = symbolName(symbol);
    const answer = this.unresolved.get(name);
    const why =
      answer === undefined ? '' : `; the server's reflection does not know it either: ${answer.replace(/\.$/, '')}`;
    const all = [
      ...this.messageNames(),
      ...this.services().flatMap((s) => [s.fullName, ...s.methods.map((m) => m.fullName)]),
    ];
    throw notFoundWithHints(`No symbol "${symbol}" in the loaded schema${why}`, name, all);
  }

  /** Reflection was asked for `symbol` and had no file for it: symbol() says so with the server's answer. */
  noteUnresolved(symbol: string, answer: string): void {
    this.unresolved.set(symbolName(symbol), answer);
  }

  /** As symbol(), undefined when the schema does not have it. */
  find(symbol: string): AnyDesc | undefined {
    const name = symbolName(symbol);
    const direct = this.registry.get(name);
    if (direct) return direct;
    if (!/[./]/.test(name)) return undefined;
    const method = this.findMethod(name);
    if (method) return method;
    // A field or enum value: "pkg.Msg.field".
    const dot = name.lastIndexOf('.');
    const parent = this.registry.get(name.slice(0, dot));
    const leaf = name.slice(dot + 1);
    if (parent?.kind === 'message') return parent.fields.find((f) => f.name === leaf);
    if (parent?.kind === 'enum') return parent.values.find((v) => v.name === leaf);
    return undefined;
  }

  describe(symbol: string): string {
    return describeDesc(this.symbol(symbol), this.registry);
  }

  template(messageFullName: string): string {
    return messageTemplate(this.message(messageFullName));
  }

  jsonSchema(messageFullName: string): Record<string, unknown> {
    return messageJsonSchema(this.message(messageFullName), this.registry);
  }

  /** What a form of the message needs: its fields and every type they reach (see form-description.ts). */
  messageForm(messageFullName: string): MessageForm {
    return describeMessageForm(this.message(messageFullName), this.registry);
  }

  requestFromJson(method: DescMethod, text: string, opts?: JsonReadOpts): Uint8Array {
    return encodeJson(method.input, text, this.registry, opts).bytes;
  }

  /** Any message type, e.g. for client-streaming bodies or building test data. */
  messageFromJson(desc: DescMessage, text: string, opts?: JsonReadOpts): Uint8Array {
    return encodeJson(desc, text, this.registry, opts).bytes;
  }

  messageToJson(desc: DescMessage, bytes: Uint8Array, opts?: JsonWriteOpts): string {
    return decodeToJson(desc, bytes, this.registry, opts);
  }

  /**
   * A google.protobuf.Any (e.g. a google.rpc.Status detail) as plain JSON: its JSON form when the
   * registry knows the type, else base64 of the raw bytes, so unknown details are still shown.
   */
  anyToStatusDetail(typeUrl: string, value: Uint8Array): StatusDetail {
    const type = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
    const desc = this.registry.getMessage(type);
    if (desc) {
      try {
        return { type, json: JSON.parse(decodeToJson(desc, value, this.registry, { indent: 0 })) as unknown };
      } catch {
        /* undecodable with our schema: fall through to raw */
      }
    }
    return { type, raw: Buffer.from(value).toString('base64') };
  }

  /** Every message (and enum) name, without linking a lazily loaded schema's files. */
  typeNames(kinds: readonly ('message' | 'enum')[] = ['message', 'enum']): string[] {
    return typeNamesOf(this.registry, kinds);
  }

  private messageNames(): string[] {
    return this.typeNames();
  }
}

function symbolName(symbol: string): string {
  return symbol.trim().replace(/^[./]/, '');
}

function normalizeMethodName(name: string): string {
  return name.trim().replace(/^\//, '').replace('/', '.');
}

function notFoundWithHints(message: string, wanted: string, candidates: string[]) {
  const hints = closestNames(wanted, candidates);
  return notFound(hints.length ? `${message}. Did you mean ${hints.map((h) => `"${h}"`).join(', ')}?` : `${message}.`, {
    suggestions: hints,
  });
}
