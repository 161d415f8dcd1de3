import { createServer, type Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';

/** The API the issuer's access tokens are for; the test gRPC server checks it as their audience. */
export const API_AUDIENCE = 'urn:loupe:test-api';

export const CC_CLIENT = { id: 'machine', secret: 'machine-secret-0123456789' };
export const NATIVE_CLIENT = 'native-app';

export interface TestIssuer {
  url: string;
  /** How many requests reached the token endpoint, by grant type. */
  grants: Record<string, number>;
  /** Revokes every refresh token issued so far, as a user signing out everywhere would. */
  revokeRefreshTokens(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real OAuth 2.0 / OpenID Connect issuer (oidc-provider) on 127.0.0.1: a confidential client for
 * client credentials and a public native client (loopback redirect, PKCE) for the authorization
 * code and device flows, with refresh tokens. Access tokens are JWTs for API_AUDIENCE, so a
 * resource server can check them with the issuer's JWKS. Its login and consent pages are the
 * development ones: any user name and password sign in.
 */
export async function startTestIssuer(options: { accessTokenTtlSeconds?: number } = {}): Promise<TestIssuer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: CC_CLIENT.id,
        client_secret: CC_CLIENT.secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: NATIVE_CLIENT,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        redirect_uris: ['http://127.0.0.1/callback'],
        response_types: ['code'],
      },
    ],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      deviceFlow: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api:read',
          audience: API_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
        }),
      },
    },
    scopes: ['openid', 'offline_access', 'api:read'],
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The development consent page grants what is asked without a Grant model of our own.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      return undefined;
    },
    pkce: { required: () => true },
  };
  const provider = new Provider(url, configuration);
  const grants: Record<string, number> = {};
  provider.on('grant.success', (ctx) => {
    const type = String((ctx.oidc.params as { grant_type?: string } | undefined)?.grant_type ?? 'unknown');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  const refreshTokens: Array<{ destroy(): Promise<void> }> = [];
  provider.on('refresh_token.saved', (token) => refreshTokens.push(token));
  provider.on('server_error', (_ctx, err) => console.error('test issuer:', err));
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    url,
    grants,
    revokeRefreshTokens: async () => {
      for (const token of refreshTokens.splice(0)) await token.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
