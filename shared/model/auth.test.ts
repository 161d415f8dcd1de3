import { describe, expect, it } from 'vitest';
import { type AppError } from './errors';
import { TargetSettingsSchema } from './target';
import { validateWith } from '../workspace/json-file';
import { resolveSavedRequest } from '../workspace/resolve-request';

const check = (auth: unknown) =>
  (() => {
    try {
      validateWith(TargetSettingsSchema, { address: 'h:1', auth }, 'loupe.workspace.json');
      return undefined;
    } catch (err) {
      return (err as AppError).message;
    }
  })();

describe('auth settings', () => {
  it('name the field that is missing or wrong, in the file', () => {
    expect(check({ type: 'oauth2', clientId: 'x' })).toBe(
      'loupe.workspace.json: auth.tokenUrl: the token URL is required when no issuer is given',
    );
    expect(check({ type: 'oauth2', flow: 'device-code', tokenUrl: 'https://i/t', clientId: 'x' })).toBe(
      'loupe.workspace.json: auth.deviceAuthorizationUrl: the device authorization URL is required when no issuer is given',
    );
    expect(check({ type: 'jwt', algorithm: 'ES256' })).toBe(
      'loupe.workspace.json: auth.keyFile: ES256 signs with a private key: name its PEM file',
    );
    expect(check({ type: 'api-key', name: 'X-Key', value: 'v' })).toMatch(/auth\.name: the metadata name may only/);
    expect(check({ type: 'kerberos' })).toMatch(/^loupe\.workspace\.json: auth\.type: /);
    expect(check({ type: 'bearer', token: '{{token}}' })).toBeUndefined();
  });

  it('take {{variables}} in every text field, and a missing one names the auth field', () => {
    const request = { version: 1 as const, target: 'api', method: 'a.B/C' };
    const workspace = {
      targets: {
        api: {
          address: 'h:1',
          auth: { type: 'jwt' as const, secret: '{{jwt_secret}}', claims: { tenant: '{{tenant}}', n: 1 } },
        },
      },
    };
    const resolved = resolveSavedRequest(request, workspace, { values: { jwt_secret: 's3', tenant: 't1' } }, 'req');
    expect(resolved.target.auth).toMatchObject({ secret: 's3', claims: { tenant: 't1', n: 1 } });
    expect(() => resolveSavedRequest(request, workspace, { values: { jwt_secret: 's3' } }, 'req')).toThrow(
      "Variable 'tenant' used in auth claim 'tenant' of req is not defined (no environment is active)",
    );
  });
});
