import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileRegistry, create, equals, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { JsonValue } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, anyPack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { decodeStatusDetails, encodeStatusDetails, googleRpcRegistry, statusName } from './status';
import { GOOGLE_RPC_DESCRIPTOR_SET_BASE64 } from './rpc/google-rpc.generated';

describe('status details', () => {
  it('round-trips every standard google.rpc detail type', () => {
    const details: { type: string; json: JsonValue }[] = [
      { type: 'google.rpc.BadRequest', json: { fieldViolations: [{ field: 'a.b', description: 'bad' }] } },
      { type: 'google.rpc.ErrorInfo', json: { reason: 'R', domain: 'd', metadata: { k: 'v' } } },
      { type: 'google.rpc.RetryInfo', json: { retryDelay: '2s' } },
      { type: 'google.rpc.DebugInfo', json: { stackEntries: ['a', 'b'], detail: 'x' } },
      { type: 'google.rpc.QuotaFailure', json: { violations: [{ subject: 's', description: 'd' }] } },
      {
        type: 'google.rpc.PreconditionFailure',
        json: { violations: [{ type: 'TOS', subject: 's', description: 'd' }] },
      },
      { type: 'google.rpc.ResourceInfo', json: { resourceType: 't', resourceName: 'n', owner: 'o', description: 'd' } },
      { type: 'google.rpc.Help', json: { links: [{ description: 'd', url: 'https://x' }] } },
      { type: 'google.rpc.LocalizedMessage', json: { locale: 'fr', message: 'non' } },
    ];
    const decoded = decodeStatusDetails(encodeStatusDetails(5, 'm', details));
    expect(decoded).toEqual({ code: 5, message: 'm', details });
  });

  it('decodes user types through the user registry and keeps unknown ones raw', () => {
    const user = createFileRegistry(
      create(FileDescriptorProtoSchema, {
        name: 'u.proto',
        package: 'u',
        syntax: 'proto3',
        messageType: [{ name: 'Why', field: [{ name: 'text', number: 1, type: 9, label: 1, jsonName: 'text' }] }],
      }),
      () => undefined,
    );
    const why = user.getMessage('u.Why')!;
    const statusDesc = googleRpcRegistry().getMessage('google.rpc.Status')!;
    const status = create(statusDesc, { code: 3, message: 'x' }) as unknown as { details: unknown[] };
    status.details.push(anyPack(why, create(why, { text: 'because' })));
    status.details.push({
      $typeName: 'google.protobuf.Any',
      typeUrl: 'type.googleapis.com/nobody.Knows',
      value: new Uint8Array([1, 2, 3]),
    });
    const bytes = toBinary(statusDesc, status as never);
    const decoded = decodeStatusDetails(bytes, user);
    expect(decoded?.details).toEqual([
      { type: 'u.Why', json: { text: 'because' } },
      { type: 'nobody.Knows', raw: 'AQID' },
    ]);
  });

  it('returns undefined for bytes that are not a Status', () => {
    expect(decodeStatusDetails(new Uint8Array([0xff, 0xff]))).toBeUndefined();
  });

  it('names codes', () => {
    expect(statusName(0)).toBe('OK');
    expect(statusName(16)).toBe('UNAUTHENTICATED');
    expect(statusName(99)).toBe('CODE_99');
  });

  it('the embedded google.rpc descriptors match google-proto-files (run rpc/generate.mjs to refresh)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'loupe-rpc-')), 'rpc.binpb');
    try {
      execFileSync('protoc', [
        `-I${join(__dirname, '../../../node_modules/google-proto-files')}`,
        '--include_imports',
        `-o${out}`,
        'google/rpc/status.proto',
        'google/rpc/error_details.proto',
      ]);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const fresh = fromBinary(FileDescriptorSetSchema, readFileSync(out));
    const embedded = fromBinary(FileDescriptorSetSchema, Buffer.from(GOOGLE_RPC_DESCRIPTOR_SET_BASE64, 'base64'));
    expect(equals(FileDescriptorSetSchema, fresh, embedded)).toBe(true);
    expect(
      readFileSync(join(__dirname, 'rpc/google-rpc.binpb')).equals(
        Buffer.from(GOOGLE_RPC_DESCRIPTOR_SET_BASE64, 'base64'),
      ),
    ).toBe(true);
  });
});
