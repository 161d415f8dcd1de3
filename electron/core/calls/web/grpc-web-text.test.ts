import { describe, expect, it } from 'vitest';
import { decodeTextBody, encodeTextBody, TextBodyError } from './grpc-web-text';

async function* chunks(...parts: (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield typeof p === 'string' ? Buffer.from(p, 'latin1') : p;
  await Promise.resolve();
}

async function all(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const c of body) out.push(c);
  return Buffer.concat(out);
}

describe('gRPC-Web text', () => {
  it('encodes each chunk on its own, padding included, so no message waits for the next', async () => {
    const encoded: string[] = [];
    for await (const c of encodeTextBody(chunks(Buffer.from([1, 2, 3, 4]), Buffer.from([5])))) {
      encoded.push(Buffer.from(c).toString('latin1'));
    }
    expect(encoded).toEqual(['AQIDBA==', 'BQ==']);
  });

  it('decodes padding between chunks, groups split anywhere, and line breaks', async () => {
    const bytes = Buffer.from([0, 0, 0, 0, 2, 8, 1, 128, 0, 0, 0, 1, 255]);
    const a = bytes.subarray(0, 7).toString('base64'); // padded
    const b = bytes.subarray(7).toString('base64'); // padded
    const text = `${a}${b}`;
    expect(await all(decodeTextBody(chunks(text)))).toEqual(bytes);
    // The same text cut at every position, and with a line break in the middle.
    for (let cut = 1; cut < text.length; cut++) {
      const decoded = await all(decodeTextBody(chunks(text.slice(0, cut), '\r\n', text.slice(cut))));
      expect(decoded).toEqual(bytes);
    }
  });

  it('a body that ends mid-group is an error, not silently short', async () => {
    await expect(all(decodeTextBody(chunks('AQID', 'BA')))).rejects.toBeInstanceOf(TextBodyError);
  });
});
