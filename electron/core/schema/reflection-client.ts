import * as grpc from '@grpc/grpc-js';
import { create, createFileRegistry, fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { isConnectTimeout } from '../calls/connect-timeout';
import { errorMessage, schemaError } from './errors';
import { REFLECTION_DESCRIPTOR_SET_BASE64 } from './reflection-descriptors';

export type ReflectionVersion = 'v1' | 'v1alpha';

export interface ReflectOptions {
  metadata?: grpc.Metadata;
  /** Whole-session deadline. Default 10 s. */
  deadlineMs?: number;
}

export interface ReflectedSchema {
  files: FileDescriptorProto[];
  version: ReflectionVersion;
  services: string[];
  /** Services the server listed but could not describe (their error), so the UI can say so. */
  warnings: string[];
}

const DEFAULT_DEADLINE_MS = 10_000;

const reflectionRegistry = createFileRegistry(fromBinary(FileDescriptorSetSchema, Buffer.from(REFLECTION_DESCRIPTOR_SET_BASE64, 'base64')));

// The two versions have identical messages; only the package differs.
interface ReflectionRequest {
  messageRequest: { case: 'fileByFilename' | 'fileContainingSymbol' | 'listServices'; value: string };
}
interface ReflectionResponse {
  messageResponse:
    | { case: 'fileDescriptorResponse'; value: { fileDescriptorProto: Uint8Array[] } }
    | { case: 'listServicesResponse'; value: { service: { name: string }[] } }
    | { case: 'errorResponse'; value: { errorCode: number; errorMessage: string } }
    | { case: 'allExtensionNumbersResponse'; value: unknown }
    | { case: undefined; value?: undefined };
}

/**
 * Fetches a server's schema over gRPC server reflection: grpc.reflection.v1 first, v1alpha when
 * the server answers UNIMPLEMENTED. Lists the services, then asks for the file containing each
 * one and follows imports (file_by_filename) until the set is closed. One stream carries the
 * whole session; requests are pipelined, as the protocol answers them in order.
 * The caller owns the channel (TLS, authority...) through `client`.
 */
export async function reflectSchema(client: grpc.Client, opts: ReflectOptions = {}): Promise<ReflectedSchema> {
  const deadline = Date.now() + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  try {
    return await reflectWith('v1', client, opts.metadata, deadline);
  } catch (err) {
    if (!(err instanceof UnimplementedError)) throw err;
  }
  try {
    return await reflectWith('v1alpha', client, opts.metadata, deadline);
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

class UnimplementedError extends Error {}

async function reflectWith(version: ReflectionVersion, client: grpc.Client, metadata: grpc.Metadata | undefined, deadline: number): Promise<ReflectedSchema> {
  const session = new ReflectionSession(version, client, metadata ?? new grpc.Metadata(), deadline);
  try {
    const listed = await session.request({ case: 'listServices', value: '*' });
    if (listed.case !== 'listServicesResponse') throw unexpected(version, 'list_services', listed.case);
    const services = listed.value.service.map((s) => s.name);

    const files = new Map<string, FileDescriptorProto>();
    const warnings: string[] = [];
    const answers = await Promise.all(services.map((s) => session.request({ case: 'fileContainingSymbol', value: s })));
    answers.forEach((answer, i) => {
      if (answer.case === 'errorResponse') {
        warnings.push(`The server listed ${services[i]} but could not describe it: ${answer.value.errorMessage || `error ${answer.value.errorCode}`}`);
        return;
      }
      if (answer.case !== 'fileDescriptorResponse') throw unexpected(version, 'file_containing_symbol', answer.case);
      addFiles(files, answer.value.fileDescriptorProto, version);
    });

    // Follow imports the server did not send along, until nothing is missing.
    for (;;) {
      const missing = new Map<string, string>();
      for (const f of files.values()) for (const dep of f.dependency) if (!files.has(dep)) missing.set(dep, f.name);
      if (missing.size === 0) break;
      const names = [...missing.keys()];
      const replies = await Promise.all(names.map((n) => session.request({ case: 'fileByFilename', value: n })));
      replies.forEach((reply, i) => {
        const name = names[i]!;
        if (reply.case === 'errorResponse') {
          throw schemaError(
            `The server's reflection could not provide "${name}" (imported by ${missing.get(name)}): ${reply.value.errorMessage || `error ${reply.value.errorCode}`}. Add a .proto file or protoset that contains it.`,
            undefined,
            { missing: name },
          );
        }
        if (reply.case !== 'fileDescriptorResponse') throw unexpected(version, 'file_by_filename', reply.case);
        const before = files.size;
        addFiles(files, reply.value.fileDescriptorProto, version);
        if (!files.has(name) || files.size === before) {
          throw schemaError(`The server's reflection answered the request for "${name}" without that file.`, undefined, { missing: name });
        }
      });
    }
    return { files: [...files.values()], version, services, warnings };
  } finally {
    session.close();
  }
}

function addFiles(into: Map<string, FileDescriptorProto>, blobs: Uint8Array[], version: ReflectionVersion): void {
  for (const blob of blobs) {
    let file: FileDescriptorProto;
    try {
      file = fromBinary(FileDescriptorProtoSchema, blob);
    } catch (err) {
      throw schemaError(`The server's reflection (${version}) sent a file descriptor that does not decode: ${errorMessage(err)}.`);
    }
    if (!file.name) throw schemaError(`The server's reflection (${version}) sent a file descriptor without a name.`);
    if (!into.has(file.name)) into.set(file.name, file);
  }
}

function unexpected(version: ReflectionVersion, asked: string, got: string | undefined) {
  return schemaError(`The server's reflection (${version}) answered ${asked} with ${got ?? 'an empty response'}; it is not speaking the reflection protocol correctly.`);
}

/** One reflection stream: answers arrive in request order, so a FIFO of waiters pairs them up. */
class ReflectionSession {
  private readonly call: grpc.ClientDuplexStream<ReflectionRequest, ReflectionResponse>;
  private readonly waiters: { resolve: (r: ReflectionResponse['messageResponse']) => void; reject: (e: Error) => void }[] = [];
  private failure?: Error;

  constructor(
    private readonly version: ReflectionVersion,
    client: grpc.Client,
    metadata: grpc.Metadata,
    deadline: number,
  ) {
    const pkg = `grpc.reflection.${version}`;
    const requestDesc = reflectionRegistry.getMessage(`${pkg}.ServerReflectionRequest`)!;
    const responseDesc = reflectionRegistry.getMessage(`${pkg}.ServerReflectionResponse`)!;
    this.call = client.makeBidiStreamRequest(
      `/${pkg}.ServerReflection/ServerReflectionInfo`,
      (req: ReflectionRequest) => Buffer.from(toBinary(requestDesc, create(requestDesc, req as never))),
      (bytes: Buffer) => decodeResponse(responseDesc, bytes),
      metadata,
      { deadline },
    );
    this.call.on('data', (res: ReflectionResponse) => this.waiters.shift()?.resolve(res.messageResponse));
    this.call.on('error', (err: grpc.ServiceError) => this.fail(this.translate(err)));
    this.call.on('end', () => this.fail(schemaError(`The server closed the reflection stream (${this.version}) before answering.`)));
  }

  request(messageRequest: ReflectionRequest['messageRequest']): Promise<ReflectionResponse['messageResponse']> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.call.write({ messageRequest });
    });
  }

  close(): void {
    // Ending our side lets the server finish; cancel in case it does not (no-op after a status).
    this.call.end();
    this.call.cancel();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  private translate(err: grpc.ServiceError): Error {
    const status = grpc.status[err.code] ?? String(err.code);
    switch (err.code) {
      case grpc.status.UNIMPLEMENTED:
        return new UnimplementedError(err.details);
      case grpc.status.UNAVAILABLE:
        if (isConnectTimeout(err)) return new AppError('UNAVAILABLE', err.details, { details: { code: err.code, status, connectTimeout: true } });
        return new AppError('UNAVAILABLE', `Cannot reach the server to ask for its schema: ${err.details}`, { details: { code: err.code, status } });
      case grpc.status.DEADLINE_EXCEEDED:
        return new AppError('UNAVAILABLE', `Server reflection (${this.version}) did not finish before the deadline.`, { details: { code: err.code, status } });
      case grpc.status.CANCELLED:
        return new AppError('CANCELLED', `Server reflection was cancelled: ${err.details}`);
      default:
        if (err.code === grpc.status.INTERNAL && /pars(e|ing)|deserializ/i.test(err.details)) {
          return schemaError(`The server's reflection (${this.version}) sent a response that is not a reflection message (${err.details}).`);
        }
        return new AppError('GRPC_STATUS', `Server reflection (${this.version}) failed: ${status}: ${err.details}`, {
          details: { code: err.code, status, message: err.details },
        });
    }
  }
}

function decodeResponse(desc: DescMessage, bytes: Buffer): ReflectionResponse {
  // A throw here makes grpc-js end the call with INTERNAL "Failed to parse server response".
  return fromBinary(desc, bytes) as unknown as ReflectionResponse;
}
