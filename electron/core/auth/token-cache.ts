/** A credential with its lifetime; `refreshToken` when the issuer gave one. */
export interface Token {
  value: string;
  /** ms since epoch; undefined when the issuer did not say (kept until the server refuses it). */
  expiresAt?: number;
  refreshToken?: string;
}

/** A token is renewed this long before it expires, so a call never leaves with one about to lapse. */
export const RENEW_BEFORE_MS = 60_000;

/**
 * Tokens per auth configuration (its resolved settings, so per environment too), with
 * single-flight: parallel calls that need a token share one request for it.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Token>();
  private readonly pending = new Map<string, Promise<Token>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached token while it is fresh; otherwise one from `fetch` (given the stale one, to refresh it). */
  get(key: string, fetch: (stale: Token | undefined) => Promise<Token>): Promise<Token> {
    const cached = this.tokens.get(key);
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - this.now() > RENEW_BEFORE_MS)) {
      return Promise.resolve(cached);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const loading = fetch(cached).then(
      (token) => {
        this.tokens.set(key, token);
        return token;
      },
      (err: unknown) => {
        // A failed refresh leaves nothing stale behind: the next attempt starts over.
        this.tokens.delete(key);
        throw err;
      },
    );
    const settled = loading.finally(() => this.pending.delete(key));
    this.pending.set(key, settled);
    return settled;
  }

  /**
   * Marks the token the server refused as used up, keeping its refresh token: the next get()
   * refreshes (or fetches anew). Only that exact token, so parallel refusals refresh once.
   */
  refused(key: string, value: string): void {
    const cached = this.tokens.get(key);
    if (cached?.value === value) this.tokens.set(key, { ...cached, expiresAt: 0 });
  }
}
