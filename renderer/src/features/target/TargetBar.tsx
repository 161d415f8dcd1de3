import { type FormEvent } from 'react';
import { loadSchema } from '../../api';
import { useAppStore } from '../../state';

/** The target's address and transport, and the button that (re)loads its schema. */
export function TargetBar() {
  const address = useAppStore((s) => s.target.address);
  const tlsEnabled = useAppStore((s) => s.target.tls?.enabled ?? false);
  const loading = useAppStore((s) => s.schema.status === 'loading');
  const setTarget = useAppStore((s) => s.setTarget);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void loadSchema(true);
  };

  return (
    <form className="target-bar" onSubmit={onSubmit} aria-label="Target">
      <label className="field">
        <span>Server</span>
        <input
          aria-label="Server address"
          value={address}
          placeholder="host:port"
          spellCheck={false}
          onChange={(e) => setTarget({ address: e.target.value })}
        />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={tlsEnabled}
          onChange={(e) => setTarget({ tls: { enabled: e.target.checked, insecureSkipVerify: false } })}
        />
        TLS
      </label>
      <button type="submit" disabled={loading || !address.trim()}>
        {loading ? 'Loading…' : 'Reflect'}
      </button>
    </form>
  );
}
