/*
 * The flows that fetch a token, behind one module the Authenticator imports when a target first
 * needs a token: they load openid-client, oauth4webapi and jose, which a call without auth (every
 * cold `loupe call` and `loupe web` start that has none) should not pay to evaluate.
 */
export { googleServiceAccount } from './google';
export { localJwt } from './jwt';
export { oauth2Configuration } from './oauth2-config';
export { authorizationCode, clientCredentials, deviceCode, refresh } from './oauth2-flows';
