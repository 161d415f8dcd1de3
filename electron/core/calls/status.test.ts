import { createFileRegistry, create, toBinary } from '@bufbuild/protobuf';
import type { JsonValue } from '@bufbuild/protobuf';
import { AnySchema, FileDescriptorProtoSchema, anyPack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { StatusSchema } from './rpc/status_pb.generated';
import { decodeStatusDetails, encodeStatusDetails, statusName, withGoogleRpc } from './status';

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
    const rpcStatus = create(StatusSchema, { code: 3, message: 'x' });
    rpcStatus.details.push(anyPack(why, create(why, { text: 'because' })));
    rpcStatus.details.push(
      create(AnySchema, { typeUrl: 'type.googleapis.com/nobody.Knows', value: new Uint8Array([1, 2, 3]) }),
    );
    const bytes = toBinary(StatusSchema, rpcStatus);
    const decoded = decodeStatusDetails(bytes, user);
    expect(decoded?.details).toEqual([
      { type: 'u.Why', json: { text: 'because' } },
      { type: 'nobody.Knows', raw: 'AQID' },
    ]);
  });

  it("prefers the user's own definition of a google.rpc type to the embedded one", () => {
    // A server whose error_details.proto has an ErrorInfo with a field the embedded copy lacks.
    const user = createFileRegistry(
      create(FileDescriptorProtoSchema, {
        name: 'google/rpc/error_details.proto',
        package: 'google.rpc',
        syntax: 'proto3',
        messageType: [
          {
            name: 'ErrorInfo',
            field: [
              { name: 'reason', number: 1, type: 9, label: 1, jsonName: 'reason' },
              { name: 'since', number: 99, type: 9, label: 1, jsonName: 'since' },
            ],
          },
        ],
      }),
      () => undefined,
    );
    const info = user.getMessage('google.rpc.ErrorInfo')!;
    const rpcStatus = create(StatusSchema, { code: 9, message: 'x' });
    rpcStatus.details.push(anyPack(info, create(info, { reason: 'R', since: 'v2' })));
    const decoded = decodeStatusDetails(toBinary(StatusSchema, rpcStatus), user);
    expect(decoded?.details).toEqual([{ type: 'google.rpc.ErrorInfo', json: { reason: 'R', since: 'v2' } }]);
  });

  it('returns undefined for bytes that are not a Status', () => {
    expect(decodeStatusDetails(new Uint8Array([0xff, 0xff]))).toBeUndefined();
  });

  it('merges a schema with google.rpc once, not on every call', () => {
    const user = createFileRegistry();
    const first = withGoogleRpc(user);
    expect(first.getMessage('google.rpc.Status')).toBeDefined();
    expect(withGoogleRpc(user)).toBe(first);
    expect(withGoogleRpc(createFileRegistry())).not.toBe(first);
  });

  it('names codes', () => {
    expect(statusName(0)).toBe('OK');
    expect(statusName(16)).toBe('UNAUTHENTICATED');
    expect(statusName(99)).toBe('CODE_99');
  });
});
