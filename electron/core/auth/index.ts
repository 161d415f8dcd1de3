export { Authenticator, type AppliedAuth, type AuthenticatorOptions } from './authenticator';
export type { AuthFetch } from './oauth2-config';
export type { AuthHost } from './oauth2-flows';
export { RENEW_BEFORE_MS } from './token-cache';
export { isUnauthenticatedError, isUnauthenticatedStatus, withAuth } from './with-auth';
export { SignInPrompts } from './sign-in-prompts';
export { refreshTokensIn, type RefreshTokenStore } from './token-store';
export { startWithAuth } from './call-with-auth';
