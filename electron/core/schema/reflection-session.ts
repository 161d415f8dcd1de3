import * as grpc from '@grpc/grpc-js';
import { create, createFileRegistry, fromBinary, toBinary, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { schemaError } from './errors';
import { REFLECTION_DESCRIPTOR_SET_BASE64 } from './reflection-descriptors';
import { isConnectTimeout } from '../calls/connect-timeout';

export type ReflectionVersion = 'v1' | 'v1alpha';

const reflectionRegistry = createFileRegistry(
  fromBinary(FileDescriptorSetSchema, Buffer.from(REFLECTION_DESCRIPTOR_SET_BASE64, 'base64')),
);

// The two versions have identical messages; only the package differs.
export type ReflectionRequest =
  | { case: 'fileByFilename' | 'fileContainingSymbol' | 'listServices' | 'allExtensionNumbersOfType'; value: string }
  | { case: 'fileContainingExtension'; value: { containingType: string; extensionNumber: number } };

export type ReflectionAnswer =
  | { case: 'fileDescriptorResponse'; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: 'listServicesResponse'; value: { service: { name: string }[] } }
  | { case: 'errorResponse'; value: { errorCode: number; errorMessage: string } }
  | { case: 'allExtensionNumbersResponse'; value: { baseTypeName: string; extensionNumber: number[] } }
  | { case: undefined; value?: undefined };

interface ReflectionResponse {
  messageResponse: ReflectionAnswer;
}

/** The server answered UNIMPLEMENTED: it does not offer this version of reflection. */
export class UnimplementedError extends Error {}

export function unexpectedAnswer(version: ReflectionVersion, asked: string, got: string | undefined): AppError {
  return schemaError(
    `The server's reflection (${version}) answered ${asked} with ${got ?? 'an empty response'}; it is not speaking the reflection protocol correctly.`,
  );
}

/** One reflection stream: answers arrive in request order, so a FIFO of waiters pairs them up. */
export class ReflectionSession {
  private readonly call: grpc.ClientDuplexStream<{ messageRequest: ReflectionRequest }, ReflectionResponse>;
  private readonly waiters: { resolve: (r: ReflectionAnswer) => void; reject: (e: Error) => void }[] = [];
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
      (req: { messageRequest: ReflectionRequest }) =>
        Buffer.from(toBinary(requestDesc, create(requestDesc, req as never))),
      (bytes: Buffer) => decodeResponse(responseDesc, bytes),
      metadata,
      { deadline },
    );
    this.call.on('data', (res: ReflectionResponse) => this.waiters.shift()?.resolve(res.messageResponse));
    this.call.on('error', (err: grpc.ServiceError) => this.fail(this.translate(err)));
    this.call.on('end', () =>
      this.fail(schemaError(`The server closed the reflection stream (${this.version}) before answering.`)),
    );
  }

  request(messageRequest: ReflectionRequest): Promise<ReflectionAnswer> {
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
        if (isConnectTimeout(err))
          return new AppError('UNAVAILABLE', err.details, {
            details: { code: err.code, status, connectTimeout: true },
          });
        return new AppError('UNAVAILABLE', `Cannot reach the server to ask for its schema: ${err.details}`, {
          details: { code: err.code, status },
        });
      case grpc.status.DEADLINE_EXCEEDED:
        return new AppError('UNAVAILABLE', `Server reflection (${this.version}) did not finish before the deadline.`, {
          details: { code: err.code, status },
        });
      case grpc.status.CANCELLED:
        return new AppError('CANCELLED', `Server reflection was cancelled: ${err.details}`);
      default:
        if (err.code === grpc.status.INTERNAL && /pars(e|ing)|deserializ/i.test(err.details)) {
          return schemaError(
            `The server's reflection (${this.version}) sent a response that is not a reflection message (${err.details}).`,
          );
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
