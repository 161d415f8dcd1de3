import * as grpc from '@grpc/grpc-js';
import { AppError } from '../../../shared/model/errors';
import type { MetadataEntry } from '../../../shared/model/call';

/* HTTP/2 header names gRPC allows in custom metadata: lowercase letters, digits, '-', '_', '.'. */
const LEGAL_NAME = /^[a-z0-9_.-]+$/;
/* Set by the transport; a user value would be dropped or break the call. */
const RESERVED = new Set(['content-type', 'te', 'host', 'connection', 'transfer-encoding', 'upgrade', 'user-agent']);
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Why a metadata entry is invalid, or undefined when it is fine. */
export function metadataProblem(entry: MetadataEntry): string | undefined {
  const name = entry.name;
  if (!name) return 'metadata name is empty';
  if (name !== name.trim()) return `metadata name '${name}' has surrounding spaces`;
  if (!LEGAL_NAME.test(name)) {
    return /[A-Z]/.test(name)
      ? `metadata name '${name}' must be lowercase`
      : `metadata name '${name}' may only contain a-z, 0-9, '-', '_' and '.'`;
  }
  if (name.startsWith('grpc-'))
    return `metadata name '${name}' is reserved: names starting with grpc- belong to gRPC itself`;
  if (RESERVED.has(name)) return `metadata name '${name}' is set by the transport and cannot be sent`;
  if (name.endsWith('-bin')) {
    if (!BASE64.test(entry.value.replace(/\s/g, ''))) return `value of binary metadata '${name}' must be base64`;
  } else if (!/^[\x20-\x7e]*$/.test(entry.value)) {
    return `value of metadata '${name}' must be printable ASCII (use a -bin name for binary values)`;
  }
  return undefined;
}

/** Validates and converts entries; throws AppError VALIDATION naming every bad entry. */
export function toGrpcMetadata(entries: MetadataEntry[] = []): grpc.Metadata {
  const problems = entries.map(metadataProblem).filter((p): p is string => p !== undefined);
  if (problems.length) {
    throw new AppError('VALIDATION', problems.join('; '), { details: { problems } });
  }
  const md = new grpc.Metadata();
  for (const { name, value } of entries) {
    if (name.endsWith('-bin')) md.add(name, Buffer.from(value.replace(/\s/g, ''), 'base64'));
    else md.add(name, value);
  }
  return md;
}

/** grpc-js metadata as JSON entries, binary values in base64, repeated names kept in order. */
export function fromGrpcMetadata(md: grpc.Metadata | undefined, omit: readonly string[] = []): MetadataEntry[] {
  if (!md) return [];
  const out: MetadataEntry[] = [];
  for (const [name, values] of Object.entries(md.toJSON())) {
    if (omit.includes(name)) continue;
    for (const v of values) out.push({ name, value: typeof v === 'string' ? v : Buffer.from(v).toString('base64') });
  }
  return out;
}
