import * as grpc from '@grpc/grpc-js';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { schemaError } from './errors';
import { ReflectedFiles } from './reflected-files';
import { ReflectionSession, UnimplementedError, unexpectedAnswer, type ReflectionVersion } from './reflection-session';

export type { ReflectionVersion } from './reflection-session';

export interface ReflectOptions {
  metadata?: grpc.Metadata;
  /** Whole-session deadline. Default 10 s. */
  deadlineMs?: number;
  /**
   * Symbols to ask for besides the services (file_containing_symbol), e.g. a message no method
   * references that the user wants described. "pkg.Msg.field" and "pkg.Svc/Method" are found
   * through their enclosing message or service.
   */
  symbols?: string[];
}

export interface ReflectedSchema {
  files: FileDescriptorProto[];
  /** Each of `files` as the server encoded it (same order). */
  fileBytes: Uint8Array[];
  version: ReflectionVersion;
  /** Every service the server listed, as it listed them (its own reflection service included). */
  services: string[];
  /** Services the server listed but could not describe (their error), so the UI can say so. */
  warnings: string[];
  /** Symbols from `symbols` for which the server sent no file, with its answer. */
  unresolved: { symbol: string; answer: string }[];
}

const DEFAULT_DEADLINE_MS = 10_000;

/**
 * Fetches a server's schema over gRPC server reflection: grpc.reflection.v1 first, v1alpha when
 * the server answers UNIMPLEMENTED. Lists the services, asks for the file containing each one
 * (and each symbol asked for), follows imports (file_by_filename), then the extensions of every
 * extendable message (all_extension_numbers_of_type, file_containing_extension), until the set
 * is closed. One stream carries the whole session; requests are pipelined, as the protocol
 * answers them in order. The caller owns the channel (TLS, authority...) through `client`.
 */
export async function reflectSchema(client: grpc.Client, opts: ReflectOptions = {}): Promise<ReflectedSchema> {
  const deadline = Date.now() + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  try {
    return await reflectWith('v1', client, opts, deadline);
  } catch (err) {
    if (!(err instanceof UnimplementedError)) throw err;
  }
  try {
    return await reflectWith('v1alpha', client, opts, deadline);
  } catch (err) {
    if (err instanceof UnimplementedError) {
      throw schemaError(
        'The server does not offer server reflection (it answered UNIMPLEMENTED for both grpc.reflection.v1 and v1alpha). Enable reflection on the server, or load its .proto files or a protoset instead.',
        undefined,
        { reason: 'reflection-unimplemented' },
      );
    }
    throw err;
  }
}

async function reflectWith(
  version: ReflectionVersion,
  client: grpc.Client,
  opts: ReflectOptions,
  deadline: number,
): Promise<ReflectedSchema> {
  const session = new ReflectionSession(version, client, opts.metadata ?? new grpc.Metadata(), deadline);
  try {
    const listed = await session.request({ case: 'listServices', value: '*' });
    if (listed.case !== 'listServicesResponse') throw unexpectedAnswer(version, 'list_services', listed.case);
    const services = listed.value.service.map((s) => s.name);

    const files = new ReflectedFiles(session, version);
    const warnings: string[] = [];
    const failures = await files.containingServices(services);
    failures.forEach((failure, i) => {
      if (failure) warnings.push(`The server listed ${services[i]} but could not describe it: ${failure}`);
    });
    const unresolved: ReflectedSchema['unresolved'] = [];
    for (const symbol of opts.symbols ?? []) {
      const answer = await files.containingSymbolOrEnclosing(symbol);
      if (answer) unresolved.push({ symbol, answer });
    }
    await files.closeImports();
    warnings.push(...(await files.followExtensions()));
    return { files: files.all(), fileBytes: files.allBytes(), version, services, warnings, unresolved };
  } finally {
    session.close();
  }
}
