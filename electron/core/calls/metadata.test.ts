import { describe, expect, it } from 'vitest';
import { fromGrpcMetadata, metadataProblem, toGrpcMetadata } from './metadata';

describe('metadata', () => {
  it.each([
    [{ name: 'X-Upper', value: 'v' }, /lowercase/],
    [{ name: 'bad name', value: 'v' }, /may only contain/],
    [{ name: 'grpc-timeout', value: '1S' }, /reserved/],
    [{ name: 'content-type', value: 'x' }, /set by the transport/],
    [{ name: '', value: 'x' }, /empty/],
    [{ name: 'blob-bin', value: 'not base64!' }, /base64/],
    [{ name: 'text', value: 'caf\u00e9' }, /printable ASCII/],
  ])('rejects %o', (entry, why) => {
    expect(metadataProblem(entry)).toMatch(why);
  });

  it('accepts legal entries and converts -bin from base64', () => {
    const md = toGrpcMetadata([
      { name: 'authorization', value: 'Bearer abc' },
      { name: 'x.trace_id-1', value: '42' },
      { name: 'x-data-bin', value: 'AAEC/w==' },
      { name: 'authorization', value: 'second' },
    ]);
    expect(md.get('x-data-bin')[0]).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(fromGrpcMetadata(md)).toEqual([
      { name: 'authorization', value: 'Bearer abc' },
      { name: 'authorization', value: 'second' },
      { name: 'x.trace_id-1', value: '42' },
      { name: 'x-data-bin', value: 'AAEC/w==' },
    ]);
  });

  it('throws one VALIDATION error naming every problem', () => {
    try {
      toGrpcMetadata([
        { name: 'A', value: '' },
        { name: 'grpc-x', value: '' },
      ]);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'VALIDATION' });
      expect((err as Error).message).toMatch(/lowercase.*reserved/);
    }
  });
});
