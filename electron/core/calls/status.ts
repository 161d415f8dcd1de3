import { status as grpcStatus } from '@grpc/grpc-js';
import { create, createRegistry, fromBinary, fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import type { JsonValue, Registry } from '@bufbuild/protobuf';
import { anyPack, file_google_protobuf_any, file_google_protobuf_duration } from '@bufbuild/protobuf/wkt';
import type { StatusDetail } from '../../../shared/model';
import { layeredRegistry } from '../schema/layered-registry';
import { file_google_rpc_error_details } from './rpc/error_details_pb.generated';
import { file_google_rpc_status, StatusSchema } from './rpc/status_pb.generated';

/** A status code's canonical name (grpc-js's own enum), CODE_<n> for a code gRPC does not define. */
export function statusName(code: number): string {
  return grpcStatus[code] ?? `CODE_${code}`;
}

export const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/**
 * google.rpc.Status and the standard error details (BadRequest, ErrorInfo, RetryInfo, ...), with
 * the well-known types they use, carried by the engine itself so details decode even when the
 * user's schema lacks them.
 */
const googleRpc = createRegistry(
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_rpc_status,
  file_google_rpc_error_details,
);

/** Each schema's registry with google.rpc beside it, made once per schema. */
const merged = new WeakMap<Registry, Registry>();

/**
 * The user's registry with the embedded google.rpc types added where it lacks them: its own
 * definitions win. Layered, not copied: a copy would link every file of a lazily linked schema.
 * Made once per schema and shared by its calls; a schema loaded again is a new registry.
 */
export function withGoogleRpc(registry?: Registry): Registry {
  if (!registry) return googleRpc;
  let both = merged.get(registry);
  if (!both) merged.set(registry, (both = layeredRegistry(registry, googleRpc)));
  return both;
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
  let status;
  try {
    status = fromBinary(StatusSchema, bytes);
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
 * Builds grpc-status-details-bin bytes from details given as canonical JSON (used by the demo
 * server, mock servers and tests; the reverse of decodeStatusDetails); a mock's schema may add
 * detail types of its own.
 */
export function encodeStatusDetails(
  code: number,
  message: string,
  details: { type: string; json: JsonValue }[],
  registry?: Registry,
): Uint8Array {
  const reg = withGoogleRpc(registry);
  const packed = details.map((d) => {
    const desc = reg.getMessage(d.type);
    if (!desc) throw new Error(`no message type ${d.type} in google.rpc or the schema`);
    return anyPack(desc, fromJson(desc, d.json, { registry: reg }));
  });
  return toBinary(StatusSchema, create(StatusSchema, { code, message, details: packed }));
}
