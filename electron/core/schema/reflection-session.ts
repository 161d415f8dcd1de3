import * as grpc from '@grpc/grpc-js';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { AppError } from '../../../shared/model/errors';
import { schemaError } from './errors';
import {
  ServerReflectionRequestSchema,
  ServerReflectionResponseSchema,
  type ServerReflectionRequest,
  type ServerReflectionResponse,
} from './reflection-v1_pb.generated';
import { isConnectTimeout } from '../calls/connect-timeout';
import { statusName } from '../calls/status';

export type ReflectionVersion = 'v1' | 'v1alpha';

/** One question: a case of ServerReflectionRequest.message_request. */
export type ReflectionRequest = ServerReflectionRequest['messageRequest'];

/** One answer: a case of ServerReflectionResponse.message_response. */
export type ReflectionAnswer = ServerReflectionResponse['messageResponse'];

/** How long a closed session waits for the server to end the stream before cancelling it. */
const CLOSE_GRACE_MS = 2000;

/** The server answered UNIMPLEMENTED: it does not offer this version of reflection. */
export class UnimplementedError extends Error {}

export function unexpectedAnswer(version: ReflectionVersion, asked: string, got: string | undefined): AppError {
  return schemaError(
    `The server's reflection (${version}) answered ${asked} with ${got ?? 'an empty response'}; it is not speaking the reflection protocol correctly.`,
  );
}

/**
 * One reflection stream: answers arrive in request order, so a FIFO of waiters pairs them up.
 *
 * v1alpha is v1 under another package name: the same messages with the same fields and numbers,
 * hence the same bytes (reflection-session.test.ts checks it). The version names only the method;
 * v1's types encode and decode both.
 */
export class ReflectionSession {
  private readonly call: grpc.ClientDuplexStream<ServerReflectionRequest, ServerReflectionResponse>;
  private readonly waiters: { resolve: (r: ReflectionAnswer) => void; reject: (e: Error) => void }[] = [];
  private failure?: Error;

  constructor(
    private readonly version: ReflectionVersion,
    client: grpc.Client,
    metadata: grpc.Metadata,
    deadline: number,
    private readonly closeGraceMs = CLOSE_GRACE_MS,
  ) {
    this.call = client.makeBidiStreamRequest(
      `/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`,
      (req: ServerReflectionRequest) => Buffer.from(toBinary(ServerReflectionRequestSchema, req)),
      // A throw here makes grpc-js end the call with INTERNAL "Failed to parse server response".
      (bytes: Buffer) => fromBinary(ServerReflectionResponseSchema, bytes),
      metadata,
      { deadline },
    );
    this.call.on('data', (res: ServerReflectionResponse) => this.waiters.shift()?.resolve(res.messageResponse));
    this.call.on('error', (err: grpc.ServiceError) => this.fail(this.translate(err)));
    this.call.on('end', () =>
      this.fail(schemaError(`The server closed the reflection stream (${this.version}) before answering.`)),
    );
  }

  request(messageRequest: ReflectionRequest): Promise<ReflectionAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.call.write(create(ServerReflectionRequestSchema, { messageRequest }));
    });
  }

  close(): void {
    // Ending our side lets the server finish with OK. Cancelling at once would end it CANCELLED
    // on our side, and grpc-js formats two stack traces for that error: V8 then indexes the line
    // ends of the whole bundle, ~5% of a cold `loupe call`. A server that does not finish within
    // the grace is cancelled then (a no-op after a status); the timer keeps no process alive.
    this.call.on('status', () => clearTimeout(grace));
    this.call.end();
    const grace = setTimeout(() => this.call.cancel(), this.closeGraceMs);
    grace.unref();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  private translate(err: grpc.ServiceError): Error {
    const status = statusName(err.code);
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
