import { createFileRegistry, createRegistry, fromBinary, toBinary, create, fromJson, toJson } from '@bufbuild/protobuf';
import type { DescMessage, FileRegistry, JsonValue, Registry } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, anyPack } from '@bufbuild/protobuf/wkt';
import type { CallStatus, StatusDetail } from '../../../shared/model';
import { GOOGLE_RPC_DESCRIPTOR_SET_BASE64 } from './rpc/google-rpc.generated';

/** Canonical gRPC status code names, indexed by code. */
export const STATUS_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? `CODE_${code}`;
}

export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

let rpcRegistry: FileRegistry | undefined;

/**
 * google.rpc.Status and the standard error details (BadRequest, ErrorInfo, RetryInfo, ...),
 * carried by the engine itself so details decode even when the user's schema lacks them.
 */
export function googleRpcRegistry(): FileRegistry {
  if (!rpcRegistry) {
    const bytes = Buffer.from(GOOGLE_RPC_DESCRIPTOR_SET_BASE64, 'base64');
    rpcRegistry = createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes));
  }
  return rpcRegistry;
}

function rpcMessage(name: string): DescMessage {
  const desc = googleRpcRegistry().getMessage(name);
  if (!desc) throw new Error(`embedded google.rpc descriptors lack ${name}`);
  return desc;
}

/** The user's registry first (its own definitions win), then the embedded google.rpc types. */
export function withGoogleRpc(registry?: Registry): Registry {
  return registry ? createRegistry(registry, googleRpcRegistry()) : googleRpcRegistry();
}

/**
 * Decodes the binary google.rpc.Status a server puts in grpc-status-details-bin.
 * Each detail is an Any: decoded to canonical JSON when a registry knows its type,
 * otherwise kept as base64 so nothing is lost. Returns undefined when the bytes are not a Status.
 */
export function decodeStatusDetails(
  bytes: Uint8Array,
  registry?: Registry,
): { code: number; message: string; details: StatusDetail[] } | undefined {
  const reg = withGoogleRpc(registry);
  let status: { code: number; message: string; details: { typeUrl: string; value: Uint8Array }[] };
  try {
    status = fromBinary(rpcMessage('google.rpc.Status'), bytes) as unknown as typeof status;
  } catch {
    return undefined;
  }
  const details = status.details.map((any): StatusDetail => {
    const type = any.typeUrl.slice(any.typeUrl.lastIndexOf('/') + 1);
    const desc = reg.getMessage(type);
    if (desc) {
      try {
        return { type, json: toJson(desc, fromBinary(desc, any.value), { registry: reg }) };
      } catch {
        // Bytes that do not parse as the named type: keep them raw rather than fail the call.
      }
    }
    return { type, raw: Buffer.from(any.value).toString('base64') };
  });
  return { code: status.code, message: status.message, details };
}

/**
 * Builds grpc-status-details-bin bytes from details given as canonical JSON
 * (used by the demo server and tests; the reverse of decodeStatusDetails).
 */
export function encodeStatusDetails(
  code: number,
  message: string,
  details: { type: string; json: JsonValue }[],
): Uint8Array {
  const status = create(rpcMessage('google.rpc.Status'), { code, message }) as unknown as {
    details: unknown[];
  };
  for (const d of details) {
    const desc = rpcMessage(d.type);
    status.details.push(anyPack(desc, fromJson(desc, d.json)));
  }
  return toBinary(rpcMessage('google.rpc.Status'), status as never);
}

export function okStatus(): CallStatus {
  return { code: 0, name: 'OK', message: '', details: [] };
}
