import { AUTH_LABELS, type AuthSettings } from '../model/auth';
import { AppError } from '../model/errors';
import type { MetadataEntry } from '../model/call';

/**
 * The header a tool without auth of its own (grpcurl, buf curl) sends for the target's auth, as
 * written: `{{token}}` stays a reference, so a copied command never carries a secret's value.
 * Auth that needs a token from an issuer, or Basic (whose header encodes the password, which
 * the window never knows), cannot be written as a header: the error says what to copy instead.
 */
export function authHeaders(auth: AuthSettings | undefined, tool: string): MetadataEntry[] {
  if (!auth || auth.type === 'none') return [];
  if (auth.type === 'bearer') return [{ name: 'authorization', value: `Bearer ${auth.token}` }];
  if (auth.type === 'api-key') return [{ name: auth.name, value: auth.value }];
  throw new AppError(
    'UNSUPPORTED',
    `${tool} cannot sign in with ${AUTH_LABELS[auth.type]}: copy the request as loupe call, which does (its --auth takes the same settings).`,
  );
}

/** `--auth '<json>'` for loupe call: the settings as written, {{variables}} and all. */
export function loupeAuthFlag(auth: AuthSettings | undefined): Array<[string, string]> {
  return auth && auth.type !== 'none' ? [['--auth', JSON.stringify(auth)]] : [];
}
