import type { UniversalClientFn, UniversalClientResponse } from '@connectrpc/connect/protocol';
import type { Protocol, TargetSettings } from '../../../../shared/model/target';
import { splitFrames, type FrameSink } from './frames';
import { decodeTextBody, encodeTextBody } from './grpc-web-text';

/**
 * What one call's HTTP exchange looked like, as the HTTP client saw it: the library turns an
 * unexpected answer into a terse error ("HTTP 502"), and the user needs to read what came back.
 */
export interface Exchange {
  /** The request's content type, as sent. */
  requestContentType?: string;
  /** The HTTP status and content type of the response, once its headers arrived. */
  status?: number;
  contentType?: string;
  /** The start of a body that is not the protocol's (an HTML error page from a proxy). */
  foreignBody?: string;
  /** Called with the response headers when they arrive (the call's `headers` event). */
  onHeaders?: (header: Headers) => void;
  /** Set for a streamed response in binary: its messages go here, not through the library. */
  frames?: FrameSink;
}

/** The content types a protocol answers with; anything else is someone else's answer. */
const EXPECTED: Record<Exclude<Protocol, 'grpc'>, RegExp> = {
  'grpc-web': /^application\/grpc-web(\+proto)?(;|$)/i,
  'grpc-web-text': /^application\/grpc-web(-text)?(\+proto)?(;|$)/i,
  // Unary answers and unary errors (JSON), then streams.
  connect: /^application\/(proto|json|connect\+(proto|json))(;|$)/i,
};

/** Enough of an error page to find its title and say what it is. */
const FOREIGN_BODY_BYTES = 8192;

export function expectedContentType(protocol: Exclude<Protocol, 'grpc'>, contentType: string | undefined): boolean {
  return contentType !== undefined && EXPECTED[protocol].test(contentType.trim());
}

/**
 * Wraps the connection's HTTP client for one call: records the exchange, speaks gRPC-Web text
 * (base64 bodies around the binary frames the library reads and writes), and reads the start of a
 * body that is not the protocol's so the error can quote it.
 */
export function exchangeClient(
  inner: UniversalClientFn,
  target: TargetSettings,
  exchange: Exchange,
): UniversalClientFn {
  const protocol = target.protocol as Exclude<Protocol, 'grpc'>;
  return async (request) => {
    const header = new Headers(request.header);
    if (target.userAgent) header.set('user-agent', target.userAgent);
    let body = request.body;
    if (protocol === 'grpc-web-text') {
      header.set('content-type', 'application/grpc-web-text+proto');
      header.set('accept', 'application/grpc-web-text');
      body = body && encodeTextBody(body);
    }
    exchange.requestContentType = header.get('content-type') ?? undefined;
    const response = await inner({ ...request, header, body });
    const contentType = response.header.get('content-type') ?? undefined;
    exchange.status = response.status;
    exchange.contentType = contentType;
    if (!expectedContentType(protocol, contentType)) {
      const chunks = await peek(response, FOREIGN_BODY_BYTES);
      exchange.foreignBody = Buffer.concat(chunks).subarray(0, FOREIGN_BODY_BYTES).toString('utf8');
      return { ...response, body: replay(chunks) };
    }
    exchange.onHeaders?.(response.header);
    let responseHeader = response.header;
    let responseBody = response.body;
    if (protocol === 'grpc-web-text' && /^application\/grpc-web-text/i.test(contentType ?? '')) {
      responseHeader = new Headers(response.header);
      responseHeader.set('content-type', 'application/grpc-web+proto');
      responseBody = decodeTextBody(responseBody);
    }
    // Connect's unary answers are not framed; its streams and every gRPC-Web answer are.
    const framed = protocol !== 'connect' || /^application\/connect\+proto/i.test(contentType ?? '');
    if (exchange.frames && framed) {
      const encoding = responseHeader.get(protocol === 'connect' ? 'connect-content-encoding' : 'grpc-encoding');
      responseBody = splitFrames(responseBody, exchange.frames, encoding);
    }
    return { ...response, header: responseHeader, body: responseBody };
  };
}

/** Reads up to `max` bytes of the body, to quote and to give back as the body. */
async function peek(response: UniversalClientResponse, max: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const it = response.body[Symbol.asyncIterator]();
    while (size < max) {
      const r = await it.next();
      if (r.done) break;
      chunks.push(r.value);
      size += r.value.byteLength;
    }
  } catch {
    // A body that breaks off is still worth quoting as far as it came.
  }
  return chunks;
}

/**
 * The peeked chunks again, as the body the library reads and fails on. The rest is not read: the
 * answer is not the protocol's, and its start is all the error needs (the call's end closes it).
 */
async function* replay(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield chunk;
  await Promise.resolve();
}
