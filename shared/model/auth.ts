import { z } from 'zod';

export const OAUTH2_FLOWS = ['client-credentials', 'authorization-code', 'device-code'] as const;
export type OAuth2Flow = (typeof OAUTH2_FLOWS)[number];

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

function buildAuthSettingsSchema() {
  const text = (what: string) => z.string().min(1, `${what} is required`);

  /** `authorization: Bearer <token>`. */
  const BearerAuthSchema = z.object({ type: z.literal('bearer'), token: text('the token') });

  /** `authorization: Basic base64(username:password)`. */
  const BasicAuthSchema = z.object({
    type: z.literal('basic'),
    username: text('the user name'),
    password: z.string().default(''),
  });

  /** A key in metadata under a name of the user's choice, e.g. `x-api-key`. */
  const ApiKeyAuthSchema = z.object({
    type: z.literal('api-key'),
    name: z
      .string()
      .regex(/^[a-z0-9_.-]+$/, 'the metadata name may only contain a-z, 0-9, "-", "_" and "."')
      .default('x-api-key'),
    value: text('the key'),
  });

  /**
   * OAuth 2.0. With `issuer`, the endpoints come from its discovery document
   * (/.well-known/openid-configuration or oauth-authorization-server); without it, `tokenUrl` (and
   * `authorizationUrl` or `deviceAuthorizationUrl` for those flows) name them.
   */
  const OAuth2AuthSchema = z
    .object({
      type: z.literal('oauth2'),
      flow: z.enum(OAUTH2_FLOWS).default('client-credentials'),
      issuer: z.url('the issuer must be a URL, e.g. https://login.example.com').optional(),
      tokenUrl: z.url('the token URL must be a URL').optional(),
      authorizationUrl: z.url('the authorization URL must be a URL').optional(),
      deviceAuthorizationUrl: z.url('the device authorization URL must be a URL').optional(),
      clientId: text('the client id'),
      clientSecret: z.string().optional(),
      /** Space-separated, as OAuth sends it. */
      scope: z.string().optional(),
      /** Some issuers (Auth0, Okta) want the API's identifier. */
      audience: z.string().optional(),
    })
    .superRefine((value, ctx) => {
      if (value.issuer) return;
      const need: Array<[keyof typeof value, string]> = [['tokenUrl', 'the token URL']];
      if (value.flow === 'authorization-code') need.push(['authorizationUrl', 'the authorization URL']);
      if (value.flow === 'device-code') need.push(['deviceAuthorizationUrl', 'the device authorization URL']);
      for (const [field, label] of need) {
        if (!value[field]) {
          ctx.addIssue({ code: 'custom', path: [field], message: `${label} is required when no issuer is given` });
        }
      }
    });

  /**
   * A JWT signed here for every token lifetime: HMAC with a secret (`secret`, usually a
   * {{variable}}), or RSA/EC/EdDSA with a PEM private key from `keyFile`.
   */
  const JwtAuthSchema = z
    .object({
      type: z.literal('jwt'),
      algorithm: z.enum(JWT_ALGORITHMS).default('HS256'),
      secret: z.string().optional(),
      keyFile: z.string().optional(),
      /** Header `kid`. */
      keyId: z.string().optional(),
      issuer: z.string().optional(),
      subject: z.string().optional(),
      audience: z.string().optional(),
      /** More claims; values are text with {{variables}}, or JSON numbers and booleans. */
      claims: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      expiresInSeconds: z.number().int().positive().max(86_400, 'a signed token lives at most a day').default(300),
    })
    .superRefine((value, ctx) => {
      const hmac = value.algorithm.startsWith('HS');
      if (hmac && !value.secret) {
        ctx.addIssue({ code: 'custom', path: ['secret'], message: `${value.algorithm} signs with a secret: set one` });
      }
      if (!hmac && !value.keyFile) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyFile'],
          message: `${value.algorithm} signs with a private key: name its PEM file`,
        });
      }
    });

  /**
   * A Google service account from its JSON key file: a self-signed JWT with the service as audience
   * (what Google APIs accept directly), or an access token exchanged for one at the key's token_uri.
   */
  const GoogleServiceAccountAuthSchema = z.object({
    type: z.literal('google-service-account'),
    keyFile: text('the key file'),
    mode: z.enum(['self-signed-jwt', 'access-token']).default('self-signed-jwt'),
    /** Self-signed JWT: the audience, e.g. https://pubsub.googleapis.com/; derived from the address when absent. */
    audience: z.string().optional(),
    /** Access token: space-separated scopes. */
    scope: z.string().default('https://www.googleapis.com/auth/cloud-platform'),
  });

  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    BearerAuthSchema,
    BasicAuthSchema,
    ApiKeyAuthSchema,
    OAuth2AuthSchema,
    JwtAuthSchema,
    GoogleServiceAccountAuthSchema,
  ]);
}

/**
 * How a target proves who is calling. Every text field may use {{variables}}: a secret (a password,
 * a client secret, a token) belongs in a secret variable of the environment, so the workspace
 * file holds only `{{name}}`. Key files are paths on the engine's machine, relative to the
 * workspace folder; the engine reads them, the window never does.
 *
 * Built on first use (z.lazy): a `loupe call` of a target without auth never parses one, and
 * building these schemas at start-up cost it ~8M of its ~595M instructions (callgrind).
 */
export const AuthSettingsSchema = z.lazy(buildAuthSettingsSchema);
export type AuthSettings = z.infer<typeof AuthSettingsSchema>;
export type AuthSettingsInput = z.input<typeof AuthSettingsSchema>;
export type AuthType = AuthSettings['type'];
export type OAuth2Settings = Extract<AuthSettings, { type: 'oauth2' }>;
export type JwtSettings = Extract<AuthSettings, { type: 'jwt' }>;
export type GoogleServiceAccountSettings = Extract<AuthSettings, { type: 'google-service-account' }>;

export const AUTH_LABELS: Record<AuthType, string> = {
  none: 'No auth',
  bearer: 'Bearer token',
  basic: 'Basic',
  'api-key': 'API key',
  oauth2: 'OAuth 2.0',
  jwt: 'JWT (signed locally)',
  'google-service-account': 'Google service account',
};

/** What the timeline's started row says about a call's auth (never a secret). */
export interface AuthApplied {
  type: AuthType;
  /** e.g. "OAuth 2.0 (client credentials)". */
  label: string;
  /** When the token sent expires (ms since epoch), for auth with tokens. */
  expiresAt?: number;
}

/** "OAuth 2.0 (client credentials), token expires 2030-01-01T10:00:00Z": the timeline's and `-v`'s words. */
export function describeAuthApplied(applied: AuthApplied): string {
  if (applied.expiresAt === undefined) return applied.label;
  return `${applied.label}, token expires ${new Date(applied.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

/** A sign-in the engine needs from the user: the page to open, and the device flow's code to type there. */
export interface AuthSignIn {
  url: string;
  flow: 'authorization-code' | 'device-code';
  userCode?: string;
  /** The host opened the page in the system browser already (desktop); otherwise the window offers a link. */
  openedByHost: boolean;
}
