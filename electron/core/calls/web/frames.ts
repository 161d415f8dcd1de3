import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Code, ConnectError } from '@connectrpc/connect';

/**
 * The fast path of a streamed response. The library hands messages over one at a time through a
 * chain of async generators (split, decompress, parse), several promise hops per message, and
 * decoded (so the engine would encode each again for its wire bytes): on a fast stream that
 * halved the rate against gRPC. Here the response body's frames are split as the chunks arrive;
 * each message frame goes straight to the call as its wire bytes, and only the end of the stream
 * (gRPC-Web's trailer frame, Connect's end-stream message) goes on to the library, which reads the
 * status, trailers and error details from it as before.
 */
export interface FrameSink {
  /** One message, decompressed: its wire bytes. */
  message(bytes: Uint8Array): void;
  /** While the call is paused, a promise for its resumption: no more of the body is read. */
  ready(): Promise<void> | undefined;
  readMaxBytes: number;
}

/** grpc-js's default receive limit, so a target behaves the same whichever protocol carries it. */
export const DEFAULT_READ_MAX_BYTES = 4 * 1024 * 1024;

/** Frame flags: compressed (both protocols), gRPC-Web's trailer frame, Connect's end-stream message. */
const COMPRESSED = 0x01;
const CONNECT_END_STREAM = 0x02;
const GRPC_WEB_TRAILER = 0x80;

function decompress(frame: Uint8Array, encoding: string | null, max: number): Uint8Array {
  try {
    if (encoding === 'gzip') return gunzipSync(frame, { maxOutputLength: max });
    if (encoding === 'br') return brotliDecompressSync(frame, { maxOutputLength: max });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      // The library's own words, which web-failure.ts explains.
      throw new ConnectError(
        `message is larger than configured readMaxBytes ${max} after decompression`,
        Code.ResourceExhausted,
      );
    }
    throw new ConnectError(`cannot decompress a ${encoding} message: ${(err as Error).message}`, Code.Internal);
  }
  throw new ConnectError(`a compressed message without a known encoding (${encoding ?? 'none'})`, Code.Internal);
}

/**
 * Splits a body of frames: messages to the sink, the end frame (and anything after it) on to the
 * library. `encoding` is the response's message encoding (grpc-encoding, connect-content-encoding).
 */
export async function* splitFrames(
  body: AsyncIterable<Uint8Array>,
  sink: FrameSink,
  encoding: string | null,
): AsyncIterable<Uint8Array> {
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  for await (const chunk of body) {
    if (ended) {
      yield chunk;
      continue;
    }
    pending = pending.length
      ? Buffer.concat([pending, chunk])
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    while (pending.length - at >= 5) {
      const flags = pending[at]!;
      const length = pending.readUInt32BE(at + 1);
      if (flags & (CONNECT_END_STREAM | GRPC_WEB_TRAILER)) {
        ended = true;
        break;
      }
      if (length > sink.readMaxBytes) {
        throw new ConnectError(
          `message size ${length} is larger than configured readMaxBytes ${sink.readMaxBytes}`,
          Code.ResourceExhausted,
        );
      }
      if (pending.length - at < 5 + length) break;
      const frame = pending.subarray(at + 5, at + 5 + length);
      at += 5 + length;
      // A copy: the engine keeps messages, and a view would keep the whole chunk alive with each.
      sink.message(flags & COMPRESSED ? decompress(frame, encoding, sink.readMaxBytes) : Buffer.from(frame));
    }
    pending = pending.subarray(at);
    if (ended) {
      yield pending;
      pending = Buffer.alloc(0);
      continue;
    }
    // Back-pressure: while the call is paused, the body is not read, so the server is held.
    const paused = sink.ready();
    if (paused) await paused;
  }
  // A body cut short: the library reports the incomplete frame or the missing end.
  if (pending.length) yield pending;
}
