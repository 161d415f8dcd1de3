import type { AuthSettings } from '../model/auth';

/**
 * Auth settings with {{variables}} replaced in every text field (claims included), so a client
 * secret or a password lives in a secret variable and the workspace file holds only its name.
 * `sub` is the caller's substitution, which names the field in a missing variable's error.
 */
export function substituteAuth(
  auth: AuthSettings | undefined,
  sub: (text: string, field: string) => string,
): AuthSettings | undefined {
  if (!auth) return auth;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(auth)) {
    if (typeof value === 'string') out[key] = key === 'type' ? value : sub(value, `auth.${key}`);
    else if (key === 'claims' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([claim, v]) => [
          claim,
          typeof v === 'string' ? sub(v, `auth claim '${claim}'`) : v,
        ]),
      );
    } else out[key] = value;
  }
  return out as AuthSettings;
}
