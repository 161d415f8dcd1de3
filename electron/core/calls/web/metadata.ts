import type { MetadataEntry } from '../../../../shared/model/call';
import type { CallKind } from '../../../../shared/model/schema';
import type { TargetSettings } from '../../../../shared/model/target';
import { STATUS_DETAILS_KEY } from '../status';

/* Metadata as gRPC-Web and Connect carry it: HTTP headers (and trailers), -bin values in base64. */

/** Status and framing headers: said by the status event, or the transport's own business. */
const NOT_METADATA = new Set([
  'grpc-status',
  'grpc-message',
  STATUS_DETAILS_KEY,
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

export function metadataOf(header: Headers, omit: (name: string) => boolean): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  header.forEach((value, name) => {
    if (!NOT_METADATA.has(name) && !omit(name)) out.push({ name, value });
  });
  return out;
}

export function toHeaders(entries: MetadataEntry[]): Headers {
  const h = new Headers();
  // -bin values are base64 already, which is how gRPC-Web and Connect carry them.
  for (const { name, value } of entries) h.append(name, name.endsWith('-bin') ? value.replace(/\s/g, '') : value);
  return h;
}

/** The content type a call's request carries. */
export function requestContentType(target: TargetSettings, kind: CallKind): string {
  switch (target.protocol) {
    case 'grpc-web':
      return 'application/grpc-web+proto';
    case 'grpc-web-text':
      return 'application/grpc-web-text+proto';
    case 'connect': {
      const codec = target.connectCodec === 'json' ? 'json' : 'proto';
      return kind === 'unary' ? `application/${codec}` : `application/connect+${codec}`;
    }
    default:
      return 'application/grpc';
  }
}
