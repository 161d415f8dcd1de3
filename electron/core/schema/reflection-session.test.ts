import * as grpc from '@grpc/grpc-js';
import { toJson } from '@bufbuild/protobuf';
import { DescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { afterEach, describe, expect, it } from 'vitest';
import { file_grpc_reflection_v1_reflection } from './reflection-v1_pb.generated';
import { ReflectionSession } from './reflection-session';
import { file_grpc_reflection_v1alpha_reflection } from './testdata/reflection-v1alpha_pb.generated';

describe('reflection session', () => {
  it("speaks v1alpha with v1's types: the same messages, fields and numbers under another package", () => {
    const messages = (file: typeof file_grpc_reflection_v1_reflection, pkg: string) =>
      file.proto.messageType.map((m) => JSON.stringify(toJson(DescriptorProtoSchema, m)).replaceAll(pkg, 'PKG'));
    const v1 = messages(file_grpc_reflection_v1_reflection, '.grpc.reflection.v1.');
    expect(v1.length).toBeGreaterThan(0);
    expect(messages(file_grpc_reflection_v1alpha_reflection, '.grpc.reflection.v1alpha.')).toEqual(v1);
  });

  describe('closing', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => cleanups.splice(0).forEach((c) => c()));

    /** A reflection server that never answers; `finish` says whether it ends a stream its client ended. */
    async function serverThat(
      finish: boolean,
    ): Promise<{ client: grpc.Client; asked: Promise<void>; ended: Promise<string> }> {
      const server = new grpc.Server();
      let seen!: (how: string) => void;
      const ended = new Promise<string>((resolve) => (seen = resolve));
      let heard!: () => void;
      const asked = new Promise<void>((resolve) => (heard = resolve));
      const raw = (b: Buffer) => b;
      server.addService(
        {
          ServerReflectionInfo: {
            path: '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
            requestStream: true,
            responseStream: true,
            requestSerialize: raw,
            requestDeserialize: raw,
            responseSerialize: raw,
            responseDeserialize: raw,
          },
        },
        {
          ServerReflectionInfo: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
            call.on('data', () => heard());
            call.on('cancelled', () => seen('cancelled'));
            call.on('end', () => {
              if (!finish) return;
              call.end();
              seen('ended by the client, finished by the server');
            });
          },
        },
      );
      const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
          e ? reject(e) : resolve(p),
        ),
      );
      const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      cleanups.push(() => {
        client.close();
        server.forceShutdown();
      });
      return { client, asked, ended };
    }

    /** Opens a session's stream, closes the session once the server has it; how both ends saw it. */
    async function closeOnceAsked(serverFinishes: boolean, closeGraceMs: number) {
      const { client, asked, ended } = await serverThat(serverFinishes);
      const session = new ReflectionSession('v1', client, new grpc.Metadata(), Date.now() + 30_000, closeGraceMs);
      // The stream is on the server before it closes: a stream cancelled sooner never reaches it.
      const outcome = session.request({ case: 'listServices', value: '' }).then(
        () => 'answered',
        (e: Error) => e.message,
      );
      await asked;
      session.close();
      return { ended: await ended, outcome: await outcome };
    }

    it('ends the stream and lets the server finish it, rather than cancelling it', async () => {
      const { ended, outcome } = await closeOnceAsked(true, 60_000);
      expect(ended).toBe('ended by the client, finished by the server');
      // The call ended with the server's OK, not CANCELLED on this side.
      expect(outcome).toMatch(/closed the reflection stream/);
    });

    it('cancels a stream the server does not finish within the grace', async () => {
      const { ended, outcome } = await closeOnceAsked(false, 50);
      expect(ended).toBe('cancelled');
      expect(outcome).toMatch(/cancelled/);
    });
  });
});
