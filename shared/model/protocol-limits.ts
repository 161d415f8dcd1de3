import type { CallKind } from './schema';
import { httpVersionOf, PROTOCOL_LABELS, type TargetSettingsInput } from './target';

/**
 * Why a protocol cannot carry a call kind with these settings, or undefined when it can. Said
 * before the call, by the engine (which refuses it), the request panel and the CLI alike.
 *
 * Over HTTP/1.1, gRPC-Web and Connect send the whole request body before the answer is read, so a
 * client or bidi stream (messages sent while the call is open) needs HTTP/2; gRPC-Web over HTTP/1.1
 * has no way to stream a request body at all.
 */
export function protocolLimit(target: TargetSettingsInput, kind: CallKind): string | undefined {
  const protocol = target.protocol ?? 'grpc';
  if (protocol === 'grpc') return undefined;
  if (kind !== 'client_streaming' && kind !== 'bidi_streaming') return undefined;
  if (httpVersionOf({ protocol, httpVersion: target.httpVersion }) === '2') return undefined;
  const what = kind === 'client_streaming' ? 'client-streaming' : 'bidi-streaming';
  return `${PROTOCOL_LABELS[protocol]} over HTTP/1.1 cannot carry a ${what} call: it needs HTTP/2. Switch the connection to HTTP/2 (CLI: drop --http1), or use gRPC.`;
}
