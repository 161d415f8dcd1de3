import {
  AuthSettingsSchema,
  JWT_ALGORITHMS,
  OAUTH2_FLOWS,
  type AuthSettingsInput,
  type AuthType,
} from '../../../../shared/model/auth';

/**
 * The Auth section edits text as typed; these pure functions convert between that and the
 * target's `auth` settings, and say what is wrong, per field.
 */
export interface AuthForm {
  type: AuthType;
  /** Every field of every type as typed, so switching types back and forth loses nothing. */
  fields: Record<string, string>;
}

export interface AuthFieldSpec {
  key: string;
  label: string;
  /**
   * A secret: only a {{variable}} reference is accepted, so its value lives in the environment's
   * secret store and never in the workspace file; the field never shows a value.
   */
  secret?: boolean;
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
  /** A file on the engine's machine. */
  path?: boolean;
}

const SECRET_HINT = 'A secret variable, e.g. {{client_secret}}: its value is stored with the environment’s secrets.';

export const AUTH_FIELDS: Record<AuthType, AuthFieldSpec[]> = {
  none: [],
  bearer: [{ key: 'token', label: 'Token', secret: true, placeholder: '{{token}}', hint: SECRET_HINT }],
  basic: [
    { key: 'username', label: 'User name' },
    { key: 'password', label: 'Password', secret: true, placeholder: '{{password}}', hint: SECRET_HINT },
  ],
  'api-key': [
    { key: 'name', label: 'Metadata name', placeholder: 'x-api-key' },
    { key: 'value', label: 'Key', secret: true, placeholder: '{{api_key}}', hint: SECRET_HINT },
  ],
  oauth2: [
    { key: 'flow', label: 'Flow', options: OAUTH2_FLOWS },
    {
      key: 'issuer',
      label: 'Issuer',
      placeholder: 'https://login.example.com',
      hint: 'Endpoints come from its discovery document.',
    },
    { key: 'tokenUrl', label: 'Token URL', placeholder: 'without an issuer' },
    { key: 'authorizationUrl', label: 'Authorization URL', placeholder: 'authorization code, without an issuer' },
    { key: 'deviceAuthorizationUrl', label: 'Device authorization URL', placeholder: 'device code, without an issuer' },
    { key: 'clientId', label: 'Client id' },
    { key: 'clientSecret', label: 'Client secret', secret: true, placeholder: '{{client_secret}}', hint: SECRET_HINT },
    { key: 'scope', label: 'Scope', placeholder: 'space-separated' },
    { key: 'audience', label: 'Audience', placeholder: 'when the issuer wants one' },
  ],
  jwt: [
    { key: 'algorithm', label: 'Algorithm', options: JWT_ALGORITHMS },
    { key: 'secret', label: 'HMAC secret (HS*)', secret: true, placeholder: '{{jwt_secret}}', hint: SECRET_HINT },
    { key: 'keyFile', label: 'Private key file (PEM, PKCS#8)', path: true },
    { key: 'keyId', label: 'Key id (kid)' },
    { key: 'issuer', label: 'Issuer (iss)' },
    { key: 'subject', label: 'Subject (sub)' },
    { key: 'audience', label: 'Audience (aud)' },
    { key: 'claims', label: 'More claims (JSON)', placeholder: '{"tenant": "{{tenant}}"}' },
    { key: 'expiresInSeconds', label: 'Lifetime (seconds)', placeholder: '300' },
  ],
  'google-service-account': [
    { key: 'keyFile', label: 'Service account key (JSON)', path: true },
    { key: 'mode', label: 'Token', options: ['self-signed-jwt', 'access-token'] },
    { key: 'audience', label: 'Audience (self-signed JWT)', placeholder: 'https://<service host>/' },
    { key: 'scope', label: 'Scopes (access token)', placeholder: 'https://www.googleapis.com/auth/cloud-platform' },
  ],
};

const ONLY_A_REFERENCE = /^\{\{\s*[A-Za-z_][\w.-]*\s*\}\}$/;

export function authFormFromSettings(auth: AuthSettingsInput | undefined): AuthForm {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(auth ?? {})) {
    if (key === 'type' || value === undefined) continue;
    fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return { type: auth?.type ?? 'none', fields };
}

export type AuthFormResult =
  { ok: true; auth: AuthSettingsInput | undefined } | { ok: false; errors: Record<string, string> };

/** The form as auth settings (undefined for none), or the problem of each field. */
export function authFromForm(form: AuthForm): AuthFormResult {
  if (form.type === 'none') return { ok: true, auth: undefined };
  const errors: Record<string, string> = {};
  const settings: Record<string, unknown> = { type: form.type };
  for (const spec of AUTH_FIELDS[form.type]) {
    const text = (form.fields[spec.key] ?? '').trim();
    if (!text) continue;
    if (spec.secret && !ONLY_A_REFERENCE.test(text)) {
      errors[spec.key] =
        `Write a secret variable here, e.g. {{${spec.key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}}}, and give it its value in the environment editor: a value typed here would be saved in the workspace file.`;
      continue;
    }
    if (spec.key === 'claims') {
      try {
        settings.claims = JSON.parse(text) as unknown;
      } catch {
        errors.claims = 'Write the claims as a JSON object, e.g. {"tenant": "acme"}.';
      }
      continue;
    }
    settings[spec.key] = spec.key === 'expiresInSeconds' ? Number(text) : text;
  }
  const parsed = AuthSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'type';
      errors[key] ??= issue.message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, auth: settings as AuthSettingsInput };
}
