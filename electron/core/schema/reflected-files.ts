import { status } from '@grpc/grpc-js';
import { create } from '@bufbuild/protobuf';
import type { DescriptorProto, FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { errorMessage, schemaError } from './errors';
import { splitFile } from './image-split';
import { decodeFile } from './lazy-source-info';
import {
  unexpectedAnswer,
  type ReflectionAnswer,
  type ReflectionSession,
  type ReflectionVersion,
} from './reflection-session';
import { ExtensionRequestSchema, type ErrorResponse, type ExtensionRequest } from './reflection-v1_pb.generated';

// Status codes with which a server says "no extensions of that type" or "I do not track
// extensions": both leave the type without extensions, which is not worth a warning.
const NO_EXTENSIONS_KNOWN: readonly number[] = [status.NOT_FOUND, status.UNIMPLEMENTED];
/** "a.b.C.d.e" is tried as itself and at most this many enclosing names. */
const MAX_ENCLOSING_NAMES = 8;
/** Services asked for at once, at least, when a wave has fewer packages than this (see containingServices). */
const MIN_WAVE = 8;

/**
 * The files one reflection session has gathered so far, and the requests that widen the set:
 * by symbol, by the imports it still lacks, and by the extensions of its extendable messages.
 */
export class ReflectedFiles {
  private readonly files = new Map<string, FileDescriptorProto>();
  /** Each file's bytes as the server sent them, by name: what a cache keeps, with no encoding again. */
  private readonly bytes = new Map<string, Uint8Array>();
  /** Full names of the services the files so far declare. */
  private readonly declared = new Set<string>();
  /** Every file's bytes as received, by length: a server sends a file again with each answer that needs it. */
  private readonly seenBytes = new Map<number, Uint8Array[]>();

  constructor(
    private readonly session: ReflectionSession,
    private readonly version: ReflectionVersion,
  ) {}

  all(): FileDescriptorProto[] {
    return [...this.files.values()];
  }

  /** The wire bytes of each file of all(), in the same order. */
  allBytes(): Uint8Array[] {
    return [...this.files.keys()].map((name) => this.bytes.get(name)!);
  }

  /** Adds the file declaring `symbol` (and what the server sends along); the server's reason when it sends none. */
  async containingSymbol(symbol: string): Promise<string | undefined> {
    return this.addAnswer(
      await this.session.request({ case: 'fileContainingSymbol', value: symbol }),
      'file_containing_symbol',
    );
  }

  /**
   * The files declaring `services`; for each service, the server's reason when it could not
   * describe it. A server answers each question with the whole file (and usually its imports), and
   * a file declares several services, so asking for every service at once would fetch and decode
   * the same files over and over (500 services in 50 files: 500 answers). Asking one at a time,
   * as grpcurl does, costs a round trip per file. In between: waves of questions, each wave asking
   * for services not yet declared by a file received, one per package (files seldom span packages)
   * and at least MIN_WAVE; a wave's answers decide what the next wave still needs.
   */
  async containingServices(services: readonly string[]): Promise<(string | undefined)[]> {
    const failures = new Map<string, string | undefined>();
    for (;;) {
      const wave = nextWave(services.filter((s) => !failures.has(s) && !this.declared.has(s)));
      if (wave.length === 0) return services.map((s) => failures.get(s));
      const answers = await Promise.all(wave.map((s) => this.containingSymbol(s)));
      wave.forEach((service, i) => failures.set(service, answers[i]));
    }
  }

  /**
   * As containingSymbol, trying the enclosing names in turn when the server does not know the
   * name itself (servers index messages and services, not always fields, methods or values).
   * The answer for the name as given when none is known.
   */
  async containingSymbolOrEnclosing(symbol: string): Promise<string | undefined> {
    const parts = symbol.trim().replace(/^[./]/, '').replace('/', '.').split('.');
    let first: string | undefined;
    for (let n = parts.length; n >= Math.max(1, parts.length - MAX_ENCLOSING_NAMES); n--) {
      const failure = await this.containingSymbol(parts.slice(0, n).join('.'));
      if (!failure) return undefined;
      first ??= failure;
    }
    return first;
  }

  /** Asks for every imported file not yet here, until nothing is missing. */
  async closeImports(): Promise<void> {
    for (;;) {
      const missing = new Map<string, string>();
      for (const f of this.files.values())
        for (const dep of f.dependency) if (!this.files.has(dep)) missing.set(dep, f.name);
      if (missing.size === 0) return;
      const names = [...missing.keys()];
      const replies = await Promise.all(names.map((n) => this.session.request({ case: 'fileByFilename', value: n })));
      replies.forEach((reply, i) => {
        const name = names[i]!;
        if (reply.case === 'errorResponse') {
          throw schemaError(
            `The server's reflection could not provide "${name}" (imported by ${missing.get(name)}): ${reply.value.errorMessage || `error ${reply.value.errorCode}`}. Add a .proto file or protoset that contains it.`,
            undefined,
            { missing: name },
          );
        }
        if (reply.case !== 'fileDescriptorResponse')
          throw unexpectedAnswer(this.version, 'file_by_filename', reply.case);
        this.add(reply.value.fileDescriptorProto);
        // Another answer of the same batch may have brought this file already, as a dependency.
        if (!this.files.has(name)) {
          throw schemaError(
            `The server's reflection answered the request for "${name}" without that file.`,
            undefined,
            { missing: name },
          );
        }
      });
    }
  }

  /**
   * Asks, for each message that declares extension ranges, which extension numbers the server
   * knows, and for the file of each one not yet here: extensions are often declared in files no
   * service imports, and without them their fields would show as unknown bytes instead of
   * `[pkg.ext]`. Repeats for the messages those files bring. Returns warnings.
   */
  async followExtensions(): Promise<string[]> {
    const warnings: string[] = [];
    const asked = new Set<string>();
    for (;;) {
      const types = extendableMessages(this.files.values()).filter((t) => !asked.has(t));
      if (types.length === 0) return warnings;
      for (const t of types) asked.add(t);
      const answers = await Promise.all(
        types.map((t) => this.session.request({ case: 'allExtensionNumbersOfType', value: t })),
      );
      const known = knownExtensions(this.files.values());
      const wanted: ExtensionRequest[] = [];
      answers.forEach((answer, i) => {
        const type = types[i]!;
        if (answer.case === 'errorResponse') {
          if (!NO_EXTENSIONS_KNOWN.includes(answer.value.errorCode)) {
            warnings.push(`The server could not list the extensions of ${type}: ${reasonOf(answer.value)}`);
          }
          return;
        }
        if (answer.case !== 'allExtensionNumbersResponse')
          throw unexpectedAnswer(this.version, 'all_extension_numbers_of_type', answer.case);
        for (const extensionNumber of answer.value.extensionNumber) {
          if (!known.has(`${type}:${extensionNumber}`))
            wanted.push(create(ExtensionRequestSchema, { containingType: type, extensionNumber }));
        }
      });
      const replies = await Promise.all(
        wanted.map((value) => this.session.request({ case: 'fileContainingExtension', value })),
      );
      replies.forEach((reply, i) => {
        const failure = this.addAnswer(reply, 'file_containing_extension');
        const { containingType, extensionNumber } = wanted[i]!;
        if (failure)
          warnings.push(
            `The server listed extension ${extensionNumber} of ${containingType} but could not describe it: ${failure}`,
          );
      });
      await this.closeImports();
    }
  }

  private addAnswer(answer: ReflectionAnswer, asked: string): string | undefined {
    if (answer.case === 'errorResponse') return reasonOf(answer.value);
    if (answer.case !== 'fileDescriptorResponse') throw unexpectedAnswer(this.version, asked, answer.case);
    if (answer.value.fileDescriptorProto.length === 0) return 'it answered with no file';
    this.add(answer.value.fileDescriptorProto);
    return undefined;
  }

  private add(blobs: Uint8Array[]): void {
    for (const blob of blobs) {
      if (this.seenBefore(blob)) continue;
      let file: FileDescriptorProto;
      try {
        // Its source info (comments and spans, most of a protoc-made file's bytes) is decoded
        // when a comment is first read, as a compiled file's is (lazy-source-info.ts).
        file = decodeFile(splitFile(blob));
      } catch (err) {
        throw schemaError(
          `The server's reflection (${this.version}) sent a file descriptor that does not decode: ${errorMessage(err)}.`,
        );
      }
      if (!file.name)
        throw schemaError(`The server's reflection (${this.version}) sent a file descriptor without a name.`);
      if (this.files.has(file.name)) continue;
      this.files.set(file.name, file);
      this.bytes.set(file.name, blob);
      for (const service of file.service)
        this.declared.add(file.package ? `${file.package}.${service.name}` : service.name);
    }
  }

  /** Whether these exact bytes arrived before (then they are a file already here, not worth decoding). */
  private seenBefore(blob: Uint8Array): boolean {
    const sameLength = this.seenBytes.get(blob.length);
    if (sameLength?.some((seen) => Buffer.compare(seen, blob) === 0)) return true;
    if (sameLength) sameLength.push(blob);
    else this.seenBytes.set(blob.length, [blob]);
    return false;
  }
}

/** One service per package, topped up to MIN_WAVE with the others in listed order. */
function nextWave(wanted: readonly string[]): string[] {
  const byPackage = new Map<string, string>();
  for (const service of wanted) {
    const pkg = service.slice(0, Math.max(0, service.lastIndexOf('.')));
    if (!byPackage.has(pkg)) byPackage.set(pkg, service);
  }
  const wave = [...byPackage.values()];
  for (const service of wanted) {
    if (wave.length >= MIN_WAVE) break;
    if (!wave.includes(service)) wave.push(service);
  }
  return wave;
}

function reasonOf(error: ErrorResponse): string {
  return error.errorMessage || `error ${error.errorCode}`;
}

/** Full names of the messages that declare extension ranges, nested ones included. */
function extendableMessages(files: Iterable<FileDescriptorProto>): string[] {
  const out: string[] = [];
  const visit = (m: DescriptorProto, prefix: string) => {
    const name = `${prefix}${m.name}`;
    if (m.extensionRange.length > 0) out.push(name);
    for (const n of m.nestedType) visit(n, `${name}.`);
  };
  for (const f of files) for (const m of f.messageType) visit(m, f.package ? `${f.package}.` : '');
  return out;
}

/** "extendee:number" of every extension declared in the files, top-level and nested. */
function knownExtensions(files: Iterable<FileDescriptorProto>): Set<string> {
  const out = new Set<string>();
  const add = (extensions: { extendee: string; number: number }[]) => {
    for (const x of extensions) out.add(`${x.extendee.replace(/^\./, '')}:${x.number}`);
  };
  const visit = (m: DescriptorProto) => {
    add(m.extension);
    m.nestedType.forEach(visit);
  };
  for (const f of files) {
    add(f.extension);
    f.messageType.forEach(visit);
  }
  return out;
}
