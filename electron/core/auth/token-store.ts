import type { SecretStore } from '../workspace/secrets';

/**
 * Where a signed-in user's refresh token outlives the process, so the next start needs no new
 * sign-in: the secret store (the OS keychain in the desktop app, the 0600 file otherwise), never
 * the workspace. Access tokens stay in memory; they are minutes long and cheap to renew.
 */
export interface RefreshTokenStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, refreshToken: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A reserved "workspace" in the secret store that no folder path can equal. */
const AUTH_SPACE = 'loupe:auth';
const NAME = 'refresh_token';

/** Refresh tokens kept in the secret store, one per auth settings hash. */
export function refreshTokensIn(store: SecretStore): RefreshTokenStore {
  return {
    get: (key) => store.get(AUTH_SPACE, key, NAME),
    set: (key, token) => store.set(AUTH_SPACE, key, NAME, token),
    delete: (key) => store.delete(AUTH_SPACE, key, NAME),
  };
}
