import { AppError } from '../../../shared/model/errors';

/** The steps of getting a credential, as an auth failure names them. */
export type AuthStep =
  'settings' | 'key-file' | 'discovery' | 'token-endpoint' | 'client' | 'refresh' | 'sign-in' | 'signing';

/**
 * An auth failure: which step failed, in plain words, and what to do. UNAVAILABLE for an
 * unreachable endpoint (nothing the settings can fix), VALIDATION for everything the user can.
 */
export function authError(step: AuthStep, message: string, fix: string, cause?: unknown): AppError {
  const unreachable = step === 'discovery' || step === 'token-endpoint';
  return new AppError(unreachable && cause !== undefined ? 'UNAVAILABLE' : 'VALIDATION', `Auth: ${message}. ${fix}`, {
    details: { auth: true, step },
  });
}

/** The network cause of a failed fetch ("connect ECONNREFUSED 127.0.0.1:9"), or the error's message. */
export function fetchCause(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
