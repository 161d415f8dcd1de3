import type { FormErrors, SettingsForm } from './settings-form';

interface ProxyFieldsetProps {
  form: Pick<SettingsForm, 'proxyMode' | 'proxyUrl'>;
  errors: FormErrors;
  set: <K extends 'proxyMode' | 'proxyUrl'>(field: K, value: SettingsForm[K]) => void;
}

const MODES: Array<{ mode: SettingsForm['proxyMode']; label: string }> = [
  { mode: 'system', label: 'From the environment or system' },
  { mode: 'none', label: 'No proxy' },
  { mode: 'url', label: 'This proxy' },
];

/** The Proxy part of the connection settings: where this target's connections go through. */
export function ProxyFieldset({ form, errors, set }: ProxyFieldsetProps) {
  const errorId = 'settings-proxy-url-error';
  return (
    <fieldset>
      <legend>Proxy</legend>
      <div className="settings-radios" role="radiogroup" aria-label="Proxy">
        {MODES.map(({ mode, label }) => (
          <label key={mode} className="checkbox">
            <input
              type="radio"
              name="proxy-mode"
              checked={form.proxyMode === mode}
              onChange={() => set('proxyMode', mode)}
            />
            {label}
          </label>
        ))}
      </div>
      <div className="settings-field">
        <label htmlFor="settings-proxy-url">Proxy URL</label>
        <input
          id="settings-proxy-url"
          type="text"
          value={form.proxyUrl}
          placeholder="http://user:{{proxyPassword}}@proxy:3128 or socks5://proxy:1080"
          spellCheck={false}
          disabled={form.proxyMode !== 'url'}
          aria-invalid={errors.proxyUrl ? true : undefined}
          aria-describedby={errors.proxyUrl ? errorId : undefined}
          onChange={(e) => set('proxyUrl', e.target.value)}
        />
        {errors.proxyUrl && (
          <p id={errorId} className="settings-error">
            {errors.proxyUrl}
          </p>
        )}
      </div>
      <p className="hint">
        {form.proxyMode === 'system'
          ? "The active environment's proxy, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY, else the system's settings."
          : form.proxyMode === 'none'
            ? 'Connect directly, whatever the environment or system say.'
            : 'Put the password in a secret variable, {{proxyPassword}}, so it stays out of the workspace files.'}
      </p>
    </fieldset>
  );
}
