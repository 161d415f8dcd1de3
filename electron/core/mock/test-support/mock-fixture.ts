/* Test harness for mock servers: the demo's schema, rule folders on disk, a generic grpc-js client. */
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson, fromBinary } from '@bufbuild/protobuf';
import { demoDescriptorSet } from '../../demo/registry';
import { SchemaRegistry } from '../../schema/registry';
import { encodeJson } from '../../schema/json-codec';
import { decodeStatusDetails, STATUS_DETAILS_KEY } from '../../calls/status';

export function demoSchema(): SchemaRegistry {
  return SchemaRegistry.fromFiles(demoDescriptorSet().file, ['demo']);
}

/** A fresh folder holding the given rule files (name -> JSON value, or raw text). */
export function rulesDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-mock-rules-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export interface Failure {
  code: number;
  message: string;
  details: unknown[];
}

const id = (b: Buffer) => b;

/** A grpc-js client speaking JSON through the schema, for any method of it. */
export class JsonClient {
  readonly raw: grpc.Client;
  constructor(
    address: string,
    readonly schema: SchemaRegistry,
    credentials = grpc.credentials.createInsecure(),
    options: grpc.ChannelOptions = {},
  ) {
    this.raw = new grpc.Client(address, credentials, options);
  }

  private io(method: string) {
    const m = this.schema.method(method);
    return {
      path: `/${m.parent.typeName}/${m.name}`,
      enc: (v: unknown) => Buffer.from(encodeJson(m.input, JSON.stringify(v), this.schema.registry).bytes),
      dec: (b: Buffer) => toJson(m.output, fromBinary(m.output, b), { registry: this.schema.registry }),
    };
  }

  private failure(err: grpc.ServiceError | grpc.StatusObject): Failure {
    const bin = err.metadata?.get(STATUS_DETAILS_KEY)[0];
    const decoded = Buffer.isBuffer(bin) ? decodeStatusDetails(bin, this.schema.registry) : undefined;
    return { code: err.code, message: err.details, details: decoded?.details ?? [] };
  }

  unary(method: string, body: unknown, metadata: Record<string, string> = {}): Promise<unknown> {
    const { path, enc, dec } = this.io(method);
    return new Promise((resolve, reject) =>
      this.raw.makeUnaryRequest(path, id, id, enc(body), toMetadata(metadata), (err, res) =>
        err ? reject(rejection(this.failure(err))) : resolve(dec(res!)),
      ),
    );
  }

  serverStream(method: string, body: unknown, metadata: Record<string, string> = {}) {
    const { path, enc, dec } = this.io(method);
    const call = this.raw.makeServerStreamRequest(path, id, id, enc(body), toMetadata(metadata));
    return this.collect(call, dec);
  }

  clientStream(method: string, bodies: unknown[], metadata: Record<string, string> = {}): Promise<unknown> {
    const { path, enc, dec } = this.io(method);
    return new Promise((resolve, reject) => {
      const call = this.raw.makeClientStreamRequest(path, id, id, toMetadata(metadata), (err, res) =>
        err ? reject(rejection(this.failure(err))) : resolve(dec(res!)),
      );
      for (const b of bodies) call.write(enc(b));
      call.end();
    });
  }

  /** Sends each message once the previous one was answered (or all at once with `together`). */
  bidi(method: string, bodies: unknown[], metadata: Record<string, string> = {}) {
    const { path, enc, dec } = this.io(method);
    const call = this.raw.makeBidiStreamRequest(path, id, id, toMetadata(metadata));
    for (const b of bodies) call.write(enc(b));
    call.end();
    return this.collect(call, dec);
  }

  private collect(
    call: grpc.ClientReadableStream<Buffer>,
    dec: (b: Buffer) => unknown,
  ): Promise<{ messages: unknown[]; failure?: Failure }> {
    const messages: unknown[] = [];
    return new Promise((resolve) => {
      call.on('data', (b: Buffer) => messages.push(dec(b)));
      call.on('error', () => undefined);
      call.on('status', (s: grpc.StatusObject) =>
        resolve(s.code === grpc.status.OK ? { messages } : { messages, failure: this.failure(s) }),
      );
    });
  }

  close(): void {
    this.raw.close();
  }
}

function toMetadata(values: Record<string, string>): grpc.Metadata {
  const m = new grpc.Metadata();
  for (const [k, v] of Object.entries(values)) m.add(k, v);
  return m;
}

/** A failed call as an Error carrying the status, for `rejects.toMatchObject({ code, message, details })`. */
function rejection(f: Failure): Error & Failure {
  return Object.assign(new Error(f.message), f);
}
