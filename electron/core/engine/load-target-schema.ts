import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import { diagnoseConnection, type ChannelPool } from '../calls';
import { loadSchema, type LoadSchemaOptions, type SchemaRegistry } from '../schema';

/**
 * Loads a target's schema. When reflection cannot reach the server, the failure is diagnosed
 * again with node:net/tls so the user reads "connection refused" or "self-signed certificate"
 * rather than grpc-js's transport text. Shared by the engine (UI) and the CLI.
 */
export async function loadTargetSchema(
  target: TargetSettings,
  pool: ChannelPool,
  options: Omit<LoadSchemaOptions, 'client'> = {},
): Promise<SchemaRegistry> {
  const source = target.schema;
  // Outside the try: an unreadable TLS file is the user's to fix, not a connection to diagnose.
  const client = source.reflection ? await pool.prepare(target) : undefined;
  try {
    return await loadSchema(source, { ...options, client });
  } catch (err) {
    if (err instanceof AppError && source.reflection && err.code !== 'VALIDATION' && err.code !== 'NOT_FOUND' && err.code !== 'SCHEMA') {
      const diagnosis = await diagnoseConnection(target).catch(() => undefined);
      if (diagnosis) {
        throw new AppError('UNAVAILABLE', `${diagnosis.message}${diagnosis.hint ? ` ${diagnosis.hint}` : ''}`);
      }
    }
    throw err;
  }
}
