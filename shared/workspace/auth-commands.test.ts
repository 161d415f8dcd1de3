import { describe, expect, it } from 'vitest';
import type { AuthSettingsInput } from '../model/auth';
import { TargetSettingsSchema } from '../model/target';
import type { ResolvedRequest } from '../model/workspace';
import { toBufCurlCommand } from './buf-curl';
import { toGrpcurlCommand, toLoupeCommand } from './commands';

const request = (auth: AuthSettingsInput): ResolvedRequest => ({
  target: TargetSettingsSchema.parse({ address: 'api.example.com:443', tls: { enabled: true }, auth }),
  method: 'a.B/C',
  messages: ['{}'],
  metadata: [],
  emitDefaults: false,
});

const oauth2 = {
  type: 'oauth2',
  issuer: 'https://login.example.com',
  clientId: 'app',
  clientSecret: '{{client_secret}}',
} as const;

describe('copy as, with auth', () => {
  it('loupe call carries the auth settings as written, secrets as {{names}}', () => {
    expect(toLoupeCommand(request(oauth2))).toBe(
      `loupe call --auth '{"type":"oauth2","flow":"client-credentials","issuer":"https://login.example.com","clientId":"app","clientSecret":"{{client_secret}}"}' -d '{}' api.example.com:443 a.B/C`,
    );
  });

  it('grpcurl and buf curl send a bearer token or an API key as a header', () => {
    expect(toGrpcurlCommand(request({ type: 'bearer', token: '{{token}}' }))).toBe(
      `grpcurl -H 'authorization: Bearer {{token}}' -d '{}' api.example.com:443 a.B/C`,
    );
    expect(toBufCurlCommand(request({ type: 'api-key', name: 'x-key', value: '{{k}}' }))).toContain(
      `-H 'x-key: {{k}}'`,
    );
  });

  it('grpcurl cannot get a token from an issuer: the error says to copy as loupe call', () => {
    expect(() => toGrpcurlCommand(request(oauth2))).toThrow(
      'grpcurl cannot sign in with OAuth 2.0: copy the request as loupe call, which does (its --auth takes the same settings).',
    );
    expect(() => toBufCurlCommand(request({ type: 'basic', username: 'u', password: '{{pw}}' }))).toThrow(
      /^buf curl cannot sign in with Basic/,
    );
  });
});
