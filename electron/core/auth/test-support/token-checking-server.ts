import * as grpc from '@grpc/grpc-js';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { startDemoServer, type DemoServer } from '../../demo';
import { callGate } from '../../test-support/call-gate';

export interface TokenCheckingServer extends DemoServer {
  /** Every token the server accepted, in order. */
  accepted: string[];
  /** Tokens it refused (revoked, expired, badly signed, missing). */
  refused: string[];
  /** Treat the next valid token presented as revoked (UNAUTHENTICATED), as an issuer revoking it would. */
  revokeNext(): void;
}

/**
 * The demo gRPC server (reflection included) behind a check of `authorization: Bearer <jwt>`:
 * verified with jose against the issuer's JWKS (or a given key), and UNAUTHENTICATED otherwise.
 */
export async function startTokenCheckingServer(verify: {
  issuer?: string;
  audience?: string;
  key?: JWTVerifyGetKey | Uint8Array | CryptoKey;
}): Promise<TokenCheckingServer> {
  const accepted: string[] = [];
  const refused: string[] = [];
  const revoked = new Set<string>();
  let revokeNext = false;
  const key = verify.key ?? createRemoteJWKSet(new URL(`${verify.issuer}/jwks`));
  const check = async (metadata: grpc.Metadata): Promise<string | undefined> => {
    const header = String(metadata.get('authorization')[0] ?? '');
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) return 'no bearer token';
    if (revoked.has(token)) return 'token revoked';
    try {
      await jwtVerify(token, key as JWTVerifyGetKey, {
        ...(verify.issuer ? { issuer: verify.issuer } : {}),
        ...(verify.audience ? { audience: verify.audience } : {}),
      });
    } catch (err) {
      refused.push(token);
      return (err as Error).message;
    }
    if (revokeNext) {
      revokeNext = false;
      revoked.add(token);
      refused.push(token);
      return 'token revoked';
    }
    accepted.push(token);
    return undefined;
  };
  const gate = callGate(async ({ metadata }) => {
    const problem = await check(metadata);
    return problem === undefined ? undefined : { code: grpc.status.UNAUTHENTICATED, details: problem };
  });
  const server = await startDemoServer({ interceptors: [gate] });
  return Object.assign(server, {
    accepted,
    refused,
    revokeNext: () => {
      revokeNext = true;
    },
  });
}
