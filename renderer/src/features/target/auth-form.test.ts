import { describe, expect, it } from 'vitest';
import { authFormFromSettings, authFromForm } from './auth-form';

describe('the Auth section form', () => {
  it('round-trips OAuth 2.0 settings', () => {
    const auth = {
      type: 'oauth2' as const,
      flow: 'client-credentials' as const,
      issuer: 'https://login.example.com',
      clientId: 'app',
      clientSecret: '{{client_secret}}',
    };
    expect(authFromForm(authFormFromSettings(auth))).toEqual({ ok: true, auth });
  });

  it('refuses a secret typed as a value: it would be saved in the workspace file', () => {
    const result = authFromForm({ type: 'bearer', fields: { token: 'eyJhbGciOi' } });
    expect(result).toEqual({
      ok: false,
      errors: { token: expect.stringMatching(/^Write a secret variable here, e\.g\. \{\{token\}\}/) as string },
    });
  });

  it('names the field the settings lack', () => {
    expect(authFromForm({ type: 'oauth2', fields: { clientId: 'app' } })).toEqual({
      ok: false,
      errors: { tokenUrl: 'the token URL is required when no issuer is given' },
    });
    expect(authFromForm({ type: 'jwt', fields: { algorithm: 'HS256', claims: '{nope' } })).toMatchObject({
      ok: false,
      errors: { claims: expect.stringMatching(/JSON object/) as string, secret: 'HS256 signs with a secret: set one' },
    });
  });

  it('no auth is no settings', () => {
    expect(authFromForm({ type: 'none', fields: { token: 'left from before' } })).toEqual({
      ok: true,
      auth: undefined,
    });
  });
});
