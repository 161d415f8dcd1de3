import { AUTH_LABELS, type AuthType } from '../../../../shared/model/auth';
import type { PickRequest } from '../../api';
import { AUTH_FIELDS, type AuthForm } from './auth-form';
import { PathField } from './PathFields';
import { TextField } from './TextField';

const AUTH_TYPES = Object.keys(AUTH_LABELS) as AuthType[];

/**
 * Who is calling: the auth type and its fields. Secret fields take a {{variable}} only (see
 * auth-form.ts), so what the workspace file keeps is the variable's name; the value is entered
 * once in the environment editor and never shown again.
 */
export function AuthSection(props: {
  form: AuthForm;
  onChange: (form: AuthForm) => void;
  /** Per field, e.g. { clientSecret: '...' }. */
  errors: Record<string, string | undefined>;
  browse: (request: PickRequest) => PickRequest | undefined;
}) {
  const { form } = props;
  const setField = (key: string, value: string) =>
    props.onChange({ ...form, fields: { ...form.fields, [key]: value } });
  return (
    <fieldset>
      <legend>Auth</legend>
      <label className="settings-field">
        <span>Auth type</span>
        <select
          aria-label="Auth type"
          value={form.type}
          aria-invalid={props.errors.type ? true : undefined}
          onChange={(e) => props.onChange({ ...form, type: e.target.value as AuthType })}
        >
          {AUTH_TYPES.map((t) => (
            <option key={t} value={t}>
              {AUTH_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <div className="settings-grid">
        {AUTH_FIELDS[form.type].map((spec) => {
          const id = `settings-auth-${spec.key}`;
          const value = form.fields[spec.key] ?? '';
          const error = props.errors[spec.key];
          if (spec.options) {
            return (
              <label key={spec.key} className="settings-field">
                <span>{spec.label}</span>
                <select
                  aria-label={spec.label}
                  value={value || spec.options[0]}
                  onChange={(e) => setField(spec.key, e.target.value)}
                >
                  {spec.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
            );
          }
          if (spec.path) {
            return (
              <PathField
                key={spec.key}
                id={id}
                label={spec.label}
                value={value}
                error={error}
                hint="Relative paths start from the workspace folder."
                onChange={(v) => setField(spec.key, v)}
                browse={props.browse({ title: `Choose the ${spec.label.toLowerCase()}` })}
              />
            );
          }
          return (
            <TextField
              key={spec.key}
              id={id}
              label={spec.label}
              value={value}
              placeholder={spec.placeholder}
              error={error}
              onChange={(v) => setField(spec.key, v)}
            />
          );
        })}
      </div>
      {AUTH_FIELDS[form.type].some((f) => f.secret) && (
        <p className="hint">
          Secret fields take a secret variable, e.g. {'{{client_secret}}'}: its value is stored with the environment’s
          secrets (the OS keychain in the desktop app), never in the workspace folder, and never shown again.
        </p>
      )}
      {form.type === 'oauth2' && (form.fields.flow === 'authorization-code' || form.fields.flow === 'device-code') && (
        <p className="hint">
          The first call opens the sign-in page in your browser; the token is kept for this session and renewed before
          it expires.
        </p>
      )}
    </fieldset>
  );
}
