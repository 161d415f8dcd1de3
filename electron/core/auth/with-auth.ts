import type { AuthApplied } from '../../../shared/model/auth';
import type { MetadataEntry } from '../../../shared/model/call';
import { AppError } from '../../../shared/model/errors';
import type { TargetSettings } from '../../../shared/model/target';
import type { Authenticator } from './authenticator';

const UNAUTHENTICATED = 16;

/** Whether an error is the server refusing the credentials (gRPC UNAUTHENTICATED). */
export function isUnauthenticatedError(err: unknown): boolean {
  return err instanceof AppError && (err.details as { code?: unknown } | undefined)?.code === UNAUTHENTICATED;
}

/** Whether a finished call's status is UNAUTHENTICATED. */
export function isUnauthenticatedStatus(status: { code: number } | undefined): boolean {
  return status?.code === UNAUTHENTICATED;
}

/**
 * Runs `attempt` with the request's metadata plus the target's auth. When the server refuses the
 * token (`refusedBy` says so for a result or an error), the token is renewed and the attempt
 * runs once more: a token revoked or expired early costs one round trip, not a failed call.
 * Without an authenticator the attempt runs with the request's metadata alone.
 */
export async function withAuth<R>(
  auth: Authenticator | undefined,
  target: TargetSettings,
  metadata: readonly MetadataEntry[],
  attempt: (metadata: MetadataEntry[], applied: AuthApplied | undefined) => Promise<R>,
  refusedBy: { result?: (result: R) => boolean; error?: (err: unknown) => boolean } = {
    error: isUnauthenticatedError,
  },
): Promise<R> {
  for (let round = 0; ; round++) {
    const applied = auth ? await auth.metadata(target, metadata) : undefined;
    const all = [...metadata, ...(applied?.metadata ?? [])];
    let result: R;
    try {
      result = await attempt(all, applied?.applied);
    } catch (err) {
      if (round === 0 && refusedBy.error?.(err) && applied?.refused?.()) continue;
      throw err;
    }
    if (round === 0 && refusedBy.result?.(result) && applied?.refused?.()) continue;
    return result;
  }
}
