import { createHash } from 'node:crypto';
import type { MetadataEntry } from '../../../shared/model/call';
import { AUTH_LABELS, type AuthApplied, type AuthSettings, type OAuth2Settings } from '../../../shared/model/auth';
import type { TargetSettings } from '../../../shared/model/target';
import type { SecretMask } from '../workspace/secret-mask';
import type { AuthFetch } from './oauth2-config';
import type { AuthHost } from './oauth2-flows';
import { TokenCache, type Token } from './token-cache';
import type { RefreshTokenStore } from './token-store';

export interface AuthenticatorOptions {
  /** Token endpoint requests go through it; global fetch by default. */
  fetch?: AuthFetch;
  /**
   * Or one per target: the engine reaches a target's token endpoint through the proxy that target
   * uses (see net/proxied-fetch.ts). Wins over `fetch`.
   */
  fetchFor?: (target: TargetSettings) => AuthFetch;
  /** Opens sign-in pages; without one, the interactive flows say they cannot run here. */
  host?: AuthHost;
  /** Learns every credential made here, so no output can carry one. */
  mask?: SecretMask;
  /** The clock tokens expire by; tests set it. */
  now?: () => number;
  signInTimeoutMs?: number;
  /** Keeps a signed-in user's refresh token across runs; memory only without it. */
  refreshTokens?: RefreshTokenStore;
}

/** The metadata a call adds for its auth, and what the timeline says about it. */
export interface AppliedAuth {
  metadata: MetadataEntry[];
  applied?: AuthApplied;
  /**
   * The server answered UNAUTHENTICATED: the token sent is used up, and the next metadata() gets
   * a new one (refreshing it when the issuer gave a refresh token). Returns whether a new token
   * can help, i.e. whether retrying once makes sense. Absent when no new token can be got (no
   * auth, or a fixed token, key or password): then a refused call is not worth holding back.
   */
  refused?: () => boolean;
}

const NONE: AppliedAuth = { metadata: [] };

const FLOW_LABELS: Record<OAuth2Settings['flow'], string> = {
  'client-credentials': 'client credentials',
  'authorization-code': 'authorization code',
  'device-code': 'device code',
};

/**
 * The one place auth becomes metadata, for calls, reflection and every schema load from a server,
 * in the app, in browser mode and in the CLI. Given a target whose auth has its {{variables}}
 * applied, it yields the entries to send. Tokens are cached per resolved auth settings (so per
 * environment), renewed before they expire, and shared by parallel calls (one token request).
 */
export class Authenticator {
  private readonly tokens: TokenCache;
  private readonly now: () => number;
  private readonly fetch: AuthFetch;

  constructor(private readonly options: AuthenticatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.tokens = new TokenCache(this.now);
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /**
   * The auth metadata for a call on `target`. Metadata the request sets itself wins: a request
   * with its own `authorization` entry overrides the target's auth for that call.
   */
  async metadata(target: TargetSettings, requestMetadata: readonly MetadataEntry[] = []): Promise<AppliedAuth> {
    const auth = target.auth;
    if (!auth || auth.type === 'none') return NONE;
    const header = auth.type === 'api-key' ? auth.name : 'authorization';
    if (requestMetadata.some((m) => m.name.toLowerCase() === header)) return NONE;
    const label = auth.type === 'oauth2' ? `${AUTH_LABELS.oauth2} (${FLOW_LABELS[auth.flow]})` : AUTH_LABELS[auth.type];
    const fixed = (name: string, value: string, secretName: string): AppliedAuth => {
      this.options.mask?.add(secretName, value);
      return { metadata: [{ name, value }], applied: { type: auth.type, label } };
    };
    switch (auth.type) {
      case 'bearer':
        return fixed('authorization', `Bearer ${auth.token}`, 'auth.token');
      case 'basic': {
        const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
        return fixed('authorization', `Basic ${encoded}`, 'auth.basic');
      }
      case 'api-key':
        return fixed(auth.name, auth.value, 'auth.api_key');
      default: {
        const key = cacheKey(auth, target.address);
        const token = await this.tokens.get(key, (stale) => this.fetchToken(auth, target, stale, key));
        this.options.mask?.add('auth.access_token', token.value);
        if (token.refreshToken) this.options.mask?.add('auth.refresh_token', token.refreshToken);
        return {
          metadata: [{ name: 'authorization', value: `Bearer ${token.value}` }],
          applied: { type: auth.type, label, ...(token.expiresAt !== undefined ? { expiresAt: token.expiresAt } : {}) },
          refused: () => {
            this.tokens.refused(key, token.value);
            return true;
          },
        };
      }
    }
  }

  private async fetchToken(
    auth: Exclude<AuthSettings, { type: 'none' | 'bearer' | 'basic' | 'api-key' }>,
    target: TargetSettings,
    stale: Token | undefined,
    key: string,
  ): Promise<Token> {
    const fetch = this.options.fetchFor?.(target) ?? this.fetch;
    const {
      authorizationCode,
      clientCredentials,
      deviceCode,
      googleServiceAccount,
      localJwt,
      oauth2Configuration,
      refresh,
    } = await import('./token-flows');
    switch (auth.type) {
      case 'jwt':
        return localJwt(auth, this.now());
      case 'google-service-account':
        return googleServiceAccount(auth, target.address, fetch, this.now());
      case 'oauth2': {
        const config = await oauth2Configuration(auth, fetch);
        if (auth.flow === 'client-credentials') {
          // Client credentials can always start over, so a failed refresh is no failure.
          const renewed = stale?.refreshToken
            ? await refresh(config, stale, this.now()).catch(() => undefined)
            : undefined;
          return renewed ?? clientCredentials(config, auth, this.now());
        }
        return this.userToken(key, stale, {
          refresh: (refreshToken) => refresh(config, { value: '', refreshToken }, this.now()),
          signIn: () =>
            auth.flow === 'device-code'
              ? deviceCode(config, auth, this.options.host, this.now)
              : authorizationCode(config, auth, this.options.host, this.now, {
                  timeoutMs: this.options.signInTimeoutMs,
                }),
        });
      }
    }
  }

  /**
   * A signed-in user's token: renewed with the refresh token from memory or, after a restart,
   * from the store; otherwise a new sign-in. The refresh token is stored as it changes; one the
   * issuer refuses is forgotten, and the error says to sign in again.
   */
  private async userToken(
    key: string,
    stale: Token | undefined,
    flow: { refresh: (refreshToken: string) => Promise<Token>; signIn: () => Promise<Token> },
  ): Promise<Token> {
    const store = this.options.refreshTokens;
    const refreshToken = stale?.refreshToken ?? (await store?.get(key));
    let token: Token;
    if (refreshToken) {
      this.options.mask?.add('auth.refresh_token', refreshToken);
      try {
        token = await flow.refresh(refreshToken);
      } catch (err) {
        await store?.delete(key);
        throw err;
      }
    } else token = await flow.signIn();
    if (token.refreshToken && token.refreshToken !== refreshToken) await store?.set(key, token.refreshToken);
    return token;
  }
}

/** Settings with secrets in them are keyed by their hash, not kept as text in a map key. */
function cacheKey(auth: AuthSettings, address: string): string {
  return createHash('sha256')
    .update(JSON.stringify([auth, address]))
    .digest('hex');
}
