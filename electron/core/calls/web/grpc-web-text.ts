/**
 * gRPC-Web text: the gRPC-Web frames of a body, base64-encoded, as browsers behind Envoy send
 * them. @connectrpc/connect speaks only binary gRPC-Web, so this codec sits between its transport
 * and the HTTP client: the request body is encoded and the response body decoded here.
 *
 * Each chunk is encoded on its own, padding included: holding back the last bytes of a frame until
 * the next one would keep a message of a bidi stream from the server until the client's next
 * message. Readers therefore accept padding in the middle of a body (the gRPC-Web spec says they
 * must), and so does the decoder below.
 */

const ENCODER = new TextEncoder();

export async function* encodeTextBody(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    if (chunk.byteLength === 0) continue;
    yield ENCODER.encode(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64'));
  }
}

/** Base64 characters, '=' included; anything else (whitespace, line breaks) is skipped. */
const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;

/**
 * Decodes a base64 body that may arrive split anywhere and may carry padding between chunks.
 * Complete 4-character groups are decoded as they arrive; a group that ends in padding closes a
 * run, because Buffer's decoder stops at the first '='.
 */
export async function* decodeTextBody(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let pending = '';
  for await (const chunk of body) {
    const text = pending + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    const clean = /[^A-Za-z0-9+/=_-]/.test(text) ? [...text].filter((c) => BASE64_CHAR.test(c)).join('') : text;
    const whole = clean.length - (clean.length % 4);
    pending = clean.slice(whole);
    const bytes = decodeGroups(clean.slice(0, whole));
    if (bytes.byteLength > 0) yield bytes;
  }
  if (pending.length > 0) {
    throw new TextBodyError(`the gRPC-Web text body ends in the middle of a base64 group ('${pending}')`);
  }
}

/** Text whose length is a multiple of 4: each run ending in padding is decoded on its own. */
function decodeGroups(text: string): Uint8Array {
  if (!text.includes('=')) return Buffer.from(text, 'base64');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 4) {
    if (text[i + 3] === '=') {
      parts.push(Buffer.from(text.slice(start, i + 4), 'base64'));
      start = i + 4;
    }
  }
  if (start < text.length) parts.push(Buffer.from(text.slice(start), 'base64'));
  return Buffer.concat(parts);
}

/** A gRPC-Web text body that is not valid base64: the server or a proxy broke it. */
export class TextBodyError extends Error {}
