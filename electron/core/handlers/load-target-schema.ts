import { AppError } from '../../../shared/model/errors';
import { connectTimeoutOf, PROTOCOL_LABELS, type TargetSettings } from '../../../shared/model/target';
import { withAuth, type Authenticator } from '../auth';
import { diagnoseConnection, fromGrpcMetadata, toGrpcMetadata, type ChannelPool } from '../calls';
import { loadSchema, type LoadSchemaOptions, type SchemaRegistry } from '../schema';

/** How long a connected server may take to describe itself over reflection. */
const REFLECTION_DEADLINE_MS = 10_000;

/**
 * Loads a target's schema. When reflection cannot reach the server, the failure is diagnosed
 * again with node:net/tls so the user reads "connection refused" or "self-signed certificate"
 * rather than grpc-js's transport text; not after the connect timeout, which says all there is.
 * Without a deadline of its own, reflection gets REFLECTION_DEADLINE_MS once the connect timeout
 * has passed, so a silent server is reported as what it is. Shared by the engine (UI) and the CLI.
 */
export type LoadTargetSchemaOptions = Omit<LoadSchemaOptions, 'client'> & {
  /** Adds the target's auth to reflection (and renews a refused token once). */
  auth?: Authenticator;
};

export async function loadTargetSchema(
  target: TargetSettings,
  pool: ChannelPool,
  { auth, ...options }: LoadTargetSchemaOptions = {},
): Promise<SchemaRegistry> {
  if (!auth || !target.auth || !target.schema.reflection) return loadUnauthenticated(target, pool, options);
  return withAuth(auth, target, fromGrpcMetadata(options.metadata), (metadata) =>
    loadUnauthenticated(target, pool, { ...options, metadata: toGrpcMetadata(metadata) }),
  );
}

async function loadUnauthenticated(
  target: TargetSettings,
  pool: ChannelPool,
  options: Omit<LoadSchemaOptions, 'client'>,
): Promise<SchemaRegistry> {
  if (target.protocol === 'grpc' || !target.schema.reflection) return loadGrpcTargetSchema(target, pool, options);
  try {
    return await loadGrpcTargetSchema(target, pool, options);
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'VALIDATION' || err.code === 'SCHEMA') throw err;
    // Reflection is itself a gRPC call: a gRPC-Web or Connect target is reflected through gRPC on
    // the same address, which works only where the server speaks gRPC too.
    throw new AppError(
      err.code,
      `${err.message} Reflection is a gRPC call (HTTP/2), and this server does not answer it: its ${PROTOCOL_LABELS[target.protocol]} endpoint may not offer reflection. Load its .proto files or a protoset instead (Connection settings, or --proto / --protoset).`,
      { details: err.details, locations: err.locations },
    );
  }
}

async function loadGrpcTargetSchema(
  target: TargetSettings,
  pool: ChannelPool,
  options: Omit<LoadSchemaOptions, 'client'>,
): Promise<SchemaRegistry> {
  const source = target.schema;
  // Outside the try: an unreadable TLS file is the user's to fix, not a connection to diagnose.
  const client = source.reflection ? await pool.prepare(target) : undefined;
  try {
    const deadlineMs = options.deadlineMs ?? connectTimeoutOf(target) + REFLECTION_DEADLINE_MS;
    return await loadSchema(source, { ...options, deadlineMs, client });
  } catch (err) {
    // A proxy that refused or could not reach the server: that is the answer, timeout or not.
    const proxyFailure = source.reflection ? pool.via(target)?.failure() : undefined;
    if (proxyFailure) throw new AppError('UNAVAILABLE', `${proxyFailure.message} ${proxyFailure.hint}`);
    const connectTimeout =
      err instanceof AppError && (err.details as { connectTimeout?: boolean } | undefined)?.connectTimeout === true;
    if (
      err instanceof AppError &&
      source.reflection &&
      !connectTimeout &&
      err.code !== 'VALIDATION' &&
      err.code !== 'NOT_FOUND' &&
      err.code !== 'SCHEMA'
    ) {
      const diagnosis = await diagnoseConnection(target, undefined, pool.tlsFiles(target), pool.via(target)).catch(
        () => undefined,
      );
      if (diagnosis) {
        throw new AppError('UNAVAILABLE', `${diagnosis.message}${diagnosis.hint ? ` ${diagnosis.hint}` : ''}`);
      }
    }
    throw err;
  }
}
