import * as client from 'openid-client';
import type { OAuth2Settings } from '../../../shared/model/auth';
import { authError } from './auth-error';
import { tokenEndpointError, tokenParameters } from './oauth2-config';
import { listenForRedirect } from './loopback-redirect';
import type { Token } from './token-cache';

/** What an interactive flow asks of the face it runs in: open a page, show a code. */
export interface AuthHost {
  /**
   * Opens a URL in the user's browser (desktop: the system browser; browser mode: a new tab; the
   * CLI prints it and opens it where it can). `userCode` is set for the device flow: the user
   * types it on that page, so it must be shown too.
   */
  openUrl(url: string, purpose: { flow: 'authorization-code' } | { flow: 'device-code'; userCode: string }): void;
}

type TokenResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

function toToken(response: TokenResponse, nowMs: number, previous?: Token): Token {
  const expiresIn = response.expiresIn();
  return {
    value: response.access_token,
    expiresAt: expiresIn === undefined ? undefined : nowMs + expiresIn * 1000,
    // An issuer that does not rotate refresh tokens keeps the one it gave before.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
  };
}

export async function clientCredentials(config: client.Configuration, settings: OAuth2Settings, nowMs: number) {
  try {
    return toToken(await client.clientCredentialsGrant(config, tokenParameters(settings)), nowMs);
  } catch (err) {
    throw tokenEndpointError(err, 'token-endpoint');
  }
}

/** Without a scope: a refresh keeps what was granted at sign-in (asking again may be refused). */
export async function refresh(config: client.Configuration, stale: Token, nowMs: number) {
  try {
    return toToken(await client.refreshTokenGrant(config, stale.refreshToken!), nowMs, stale);
  } catch (err) {
    throw tokenEndpointError(err, 'refresh');
  }
}

/** The device flow (RFC 8628): the user enters a code on another device while this polls. */
export async function deviceCode(
  config: client.Configuration,
  settings: OAuth2Settings,
  host: AuthHost | undefined,
  now: () => number,
  signal?: AbortSignal,
): Promise<Token> {
  if (!host) throw noHost('device code');
  let started: client.DeviceAuthorizationResponse;
  try {
    started = await client.initiateDeviceAuthorization(config, tokenParameters(settings));
  } catch (err) {
    throw tokenEndpointError(err, 'sign-in');
  }
  host.openUrl(started.verification_uri_complete ?? started.verification_uri, {
    flow: 'device-code',
    userCode: started.user_code,
  });
  try {
    // Bounded by the code's own lifetime (expires_in), which openid-client enforces.
    return toToken(await client.pollDeviceAuthorizationGrant(config, started, undefined, { signal }), now());
  } catch (err) {
    if (err instanceof client.ResponseBodyError && err.error === 'expired_token') {
      throw authError(
        'sign-in',
        'the device code expired before the sign-in was completed',
        'Call again for a new code',
      );
    }
    if (err instanceof client.ResponseBodyError && err.error === 'access_denied') {
      throw authError('sign-in', 'the sign-in was declined on the device page', 'Call again and approve the request');
    }
    throw tokenEndpointError(err, 'sign-in');
  }
}

/**
 * Authorization code with PKCE (RFC 7636) through the system browser and a loopback redirect:
 * the code comes back to http://127.0.0.1:<port>/callback and is exchanged with the verifier.
 */
export async function authorizationCode(
  config: client.Configuration,
  settings: OAuth2Settings,
  host: AuthHost | undefined,
  now: () => number,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Token> {
  if (!host) throw noHost('authorization code');
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const redirect = await listenForRedirect(options);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirect.redirectUri,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    scope: settings.scope ?? 'openid',
    ...(settings.audience ? { audience: settings.audience } : {}),
  });
  try {
    host.openUrl(url.href, { flow: 'authorization-code' });
  } catch (err) {
    redirect.close();
    throw err;
  }
  const callback = await redirect.callback;
  try {
    const response = await client.authorizationCodeGrant(
      config,
      callback,
      { pkceCodeVerifier: verifier, expectedState: state },
      { redirect_uri: redirect.redirectUri },
    );
    return toToken(response, now());
  } catch (err) {
    if (err instanceof client.AuthorizationResponseError) {
      throw authError(
        'sign-in',
        `the issuer ended the sign-in with ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`,
        'Call again and approve the request; check the client id and that the client allows this redirect (http://127.0.0.1 on any port)',
      );
    }
    throw tokenEndpointError(err, 'sign-in');
  }
}

function noHost(flow: string) {
  return authError(
    'sign-in',
    `the ${flow} flow needs a browser sign-in, which this face cannot start`,
    'Use client credentials, or sign in from the app',
  );
}
