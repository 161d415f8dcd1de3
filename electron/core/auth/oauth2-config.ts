import * as client from 'openid-client';
import type { OAuth2Settings } from '../../../shared/model/auth';
import { authError, fetchCause } from './auth-error';

/**
 * How token endpoints are reached: global fetch by default; the proxy settings hand in their own
 * so token requests travel the same way as calls.
 */
export type AuthFetch = (url: string, init: RequestInit) => Promise<Response>;

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Plain http is allowed for an issuer on this machine (a dev issuer); elsewhere a secret would travel in clear. */
function checkScheme(url: URL, field: string): boolean {
  if (url.protocol === 'https:') return false;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return true;
  throw authError(
    'settings',
    `the ${field} ${url.href} is not https`,
    'Use the issuer’s https URL: a client secret or a token must not travel in clear (plain http is accepted only on 127.0.0.1 / localhost)',
  );
}

function clientAuth(settings: OAuth2Settings): client.ClientAuth {
  return settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
}

/**
 * The openid-client configuration for these settings: from the issuer's discovery document, or
 * from the endpoints given. Discovery failing says whether the issuer was unreachable or answered
 * something that is no discovery document.
 */
export async function oauth2Configuration(settings: OAuth2Settings, fetch: AuthFetch): Promise<client.Configuration> {
  const custom = ((url: string, init: client.CustomFetchOptions) =>
    fetch(url, init as RequestInit)) as client.CustomFetch;
  let config: client.Configuration;
  if (settings.issuer) {
    const issuer = new URL(settings.issuer);
    const insecure = checkScheme(issuer, 'issuer');
    try {
      config = await client.discovery(issuer, settings.clientId, undefined, clientAuth(settings), {
        [client.customFetch]: custom,
        execute: insecure ? [client.allowInsecureRequests] : [],
      });
    } catch (err) {
      const unreachable = err instanceof TypeError || (err as { code?: string }).code === undefined;
      throw authError(
        'discovery',
        unreachable
          ? `the issuer ${issuer.href} could not be reached (${fetchCause(err)})`
          : `the issuer ${issuer.href} has no usable discovery document (${(err as Error).message})`,
        unreachable
          ? 'Check the issuer URL and that this machine can reach it (a proxy may be needed)'
          : 'Check the issuer URL, or give the token URL instead of an issuer',
        err,
      );
    }
  } else {
    const tokenUrl = new URL(settings.tokenUrl!);
    const insecure = checkScheme(tokenUrl, 'token URL');
    config = new client.Configuration(
      {
        issuer: tokenUrl.origin,
        token_endpoint: tokenUrl.href,
        ...(settings.authorizationUrl ? { authorization_endpoint: settings.authorizationUrl } : {}),
        ...(settings.deviceAuthorizationUrl ? { device_authorization_endpoint: settings.deviceAuthorizationUrl } : {}),
      },
      settings.clientId,
      undefined,
      clientAuth(settings),
    );
    if (insecure) client.allowInsecureRequests(config);
  }
  config[client.customFetch] = custom;
  return config;
}

/** The parameters every token request carries: scope and audience when set. */
export function tokenParameters(settings: OAuth2Settings): Record<string, string> {
  return {
    ...(settings.scope ? { scope: settings.scope } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
}

/**
 * A token endpoint failure in plain words: unreachable, the client refused (invalid_client),
 * the refresh token expired (invalid_grant on refresh), or what the issuer said.
 */
export function tokenEndpointError(err: unknown, step: 'token-endpoint' | 'refresh' | 'sign-in'): Error {
  if (err instanceof client.ResponseBodyError) {
    const said = `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
    if (err.error === 'invalid_client') {
      return authError('client', `the issuer refused the client (${said})`, 'Check the client id and client secret');
    }
    if (err.error === 'invalid_grant' && step === 'refresh') {
      return authError(
        'refresh',
        `the refresh token has expired or was revoked (${said})`,
        'Sign in again: the next call starts a new sign-in',
      );
    }
    if (err.error === 'invalid_scope') {
      return authError('token-endpoint', `the issuer refused the scope (${said})`, 'Check the scope setting');
    }
    return authError(
      'token-endpoint',
      `the token endpoint answered ${err.status} (${said})`,
      'Check the auth settings',
    );
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: the token endpoint did not accept the client's credentials.
    const said = err.cause.map((c) => c.parameters.error_description ?? c.parameters.error ?? c.scheme).join(', ');
    return authError(
      'client',
      `the issuer refused the client (invalid_client${said ? `: ${said}` : ''}, HTTP ${err.status})`,
      'Check the client id and client secret',
    );
  }
  if (err instanceof client.ClientError) {
    return authError(
      'token-endpoint',
      `the token endpoint’s answer was not usable (${err.message})`,
      'Check the token URL',
    );
  }
  return authError(
    'token-endpoint',
    `the token endpoint could not be reached (${fetchCause(err)})`,
    'Check the token URL and that this machine can reach it (a proxy may be needed)',
    err,
  );
}
