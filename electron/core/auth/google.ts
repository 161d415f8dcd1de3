import * as client from 'openid-client';
import { z } from 'zod';
import type { GoogleServiceAccountSettings } from '../../../shared/model/auth';
import { formatPath } from '../../../shared/workspace/json-file';
import { authError } from './auth-error';
import { importPrivateKey, signJwt } from './jwt';
import { readKeyFile } from './key-file';
import { tokenEndpointError, type AuthFetch } from './oauth2-config';
import type { Token } from './token-cache';

/** The fields of a service account key (the JSON the Cloud console downloads) that signing needs. */
const KeySchema = z.object({
  type: z.literal('service_account', 'this is not a service account key ("type" must be "service_account")'),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
  token_uri: z.url().default('https://oauth2.googleapis.com/token'),
});

/** Google's tokens and self-signed JWTs live an hour. */
const LIFETIME_SECONDS = 3600;

async function readKey(path: string) {
  const text = await readKeyFile(path, 'service account key');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw authError(
      'key-file',
      `the service account key ${path} is not JSON (${(err as Error).message})`,
      'Download the key again from the Cloud console (IAM → Service accounts → Keys → JSON)',
    );
  }
  const parsed = KeySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${formatPath(i.path) || 'key'}: ${i.message}`).join('; ');
    throw authError(
      'key-file',
      `the service account key ${path} is not usable (${problems})`,
      'Use the JSON key file of a service account',
    );
  }
  return parsed.data;
}

/** https://<host>/ of a googleapis address: the audience Google expects of a self-signed JWT. */
function audienceOf(address: string): string {
  const host = address.replace(/^dns:\/{0,3}/, '').replace(/:\d+$/, '');
  return `https://${host}/`;
}

/**
 * A token for a Google service account: a self-signed JWT (no round trip, what gRPC APIs on
 * googleapis.com accept), or an access token from the key's token_uri (JWT bearer grant,
 * RFC 7523) for the scopes asked.
 */
export async function googleServiceAccount(
  settings: GoogleServiceAccountSettings,
  address: string,
  fetch: AuthFetch,
  nowMs: number,
): Promise<Token> {
  const key = await readKey(settings.keyFile);
  const signingKey = await importPrivateKey(key.private_key, 'RS256', settings.keyFile);
  const base = { iss: key.client_email, sub: key.client_email };
  const sign = (claims: Record<string, string>) =>
    signJwt({ ...base, ...claims }, signingKey, 'RS256', {
      keyId: key.private_key_id,
      nowMs,
      expiresInSeconds: LIFETIME_SECONDS,
    });
  if (settings.mode === 'self-signed-jwt') return sign({ aud: settings.audience ?? audienceOf(address) });
  const assertion = await sign({ aud: key.token_uri, scope: settings.scope });
  const tokenUrl = new URL(key.token_uri);
  const config = new client.Configuration(
    { issuer: tokenUrl.origin, token_endpoint: tokenUrl.href },
    key.client_email,
    undefined,
    client.None(),
  );
  config[client.customFetch] = ((url: string, init: RequestInit) => fetch(url, init)) as client.CustomFetch;
  if (tokenUrl.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(tokenUrl.hostname)) {
    client.allowInsecureRequests(config);
  }
  try {
    const response = await client.genericGrantRequest(config, 'urn:ietf:params:oauth:grant-type:jwt-bearer', {
      assertion: assertion.value,
    });
    const expiresIn = response.expiresIn();
    return { value: response.access_token, expiresAt: expiresIn === undefined ? undefined : nowMs + expiresIn * 1000 };
  } catch (err) {
    throw tokenEndpointError(err, 'token-endpoint');
  }
}
