import { createSecretKey } from 'node:crypto';
import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import type { JwtSettings } from '../../../shared/model/auth';
import { authError } from './auth-error';
import { readKeyFile } from './key-file';
import type { Token } from './token-cache';

type SigningKey = Awaited<ReturnType<typeof importPKCS8>> | ReturnType<typeof createSecretKey>;

/** A PKCS#8 PEM private key for `algorithm`; a wrong or damaged key says so, naming the file. */
export async function importPrivateKey(pem: string, algorithm: string, file: string): Promise<SigningKey> {
  try {
    return await importPKCS8(pem, algorithm);
  } catch (err) {
    throw authError(
      'key-file',
      `the key in ${file} cannot sign ${algorithm}: ${(err as Error).message}`,
      `Use a PKCS#8 PEM private key ("-----BEGIN PRIVATE KEY-----") of the algorithm's kind (openssl pkcs8 -topk8 -nocrypt converts older formats)`,
    );
  }
}

/** Signs claims with the key; `kid` in the header when given. */
export async function signJwt(
  claims: JWTPayload,
  key: SigningKey,
  algorithm: string,
  options: { keyId?: string; nowMs: number; expiresInSeconds: number },
): Promise<Token> {
  const iat = Math.floor(options.nowMs / 1000);
  const exp = iat + options.expiresInSeconds;
  const value = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: algorithm, typ: 'JWT', ...(options.keyId ? { kid: options.keyId } : {}) })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
  return { value, expiresAt: exp * 1000 };
}

/** A token for JWT auth: HMAC with the secret, or the private key of the key file. */
export async function localJwt(settings: JwtSettings, nowMs: number): Promise<Token> {
  const { algorithm } = settings;
  const key = algorithm.startsWith('HS')
    ? createSecretKey(Buffer.from(settings.secret ?? '', 'utf8'))
    : await importPrivateKey(await readKeyFile(settings.keyFile!, 'JWT private key'), algorithm, settings.keyFile!);
  const claims: JWTPayload = { ...settings.claims };
  if (settings.issuer) claims.iss = settings.issuer;
  if (settings.subject) claims.sub = settings.subject;
  if (settings.audience) claims.aud = settings.audience;
  try {
    return await signJwt(claims, key, algorithm, {
      keyId: settings.keyId,
      nowMs,
      expiresInSeconds: settings.expiresInSeconds,
    });
  } catch (err) {
    throw authError('signing', `signing the JWT failed: ${(err as Error).message}`, 'Check the algorithm and the key');
  }
}
