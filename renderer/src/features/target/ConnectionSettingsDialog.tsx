import { useEffect, useRef, useState, type FormEvent } from 'react';
import { loadSchema, useNativeFileDialogs, type PickRequest } from '../../api';
import { activeTarget, useAppStore } from '../../state';
import { DEFAULT_CONNECT_TIMEOUT_MS, PROTOCOL_LABELS, PROTOCOLS } from '../../../../shared/model/target';
import { AuthSection } from './AuthSection';
import { PathField, PathListField } from './PathFields';
import { TextField } from './TextField';
import {
  formFromTarget,
  targetFromForm,
  type FormErrors,
  type SettingsField,
  type SettingsForm,
} from './settings-form';
import { ProxyFieldset } from './ProxyFieldset';

const pem = (title: string): PickRequest => ({
  title,
  filters: [
    { name: 'PEM files', extensions: ['pem', 'crt', 'cer', 'key'] },
    { name: 'All files', extensions: ['*'] },
  ],
});

/**
 * Every connection and schema setting of the target, edited as a draft in a modal <dialog>:
 * nothing changes until Apply, which stores the settings and reloads the schema. Escape or
 * Cancel drops the draft.
 */
export function ConnectionSettingsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<SettingsForm>(() => formFromTarget(activeTarget(useAppStore.getState())));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failedApplies, setFailedApplies] = useState(0);
  const canBrowse = useNativeFileDialogs();
  const applyTarget = useAppStore((s) => s.applyTarget);

  // No close() on cleanup: unmounting takes the dialog out of the top layer anyway, and a
  // close() there would fire `close` (and onClose) after StrictMode's re-mount.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  // After a refused Apply, take the user to the first thing to fix (it may be scrolled away).
  useEffect(() => {
    if (failedApplies === 0) return;
    dialogRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failedApplies]);

  const set = <K extends SettingsField>(field: K, value: SettingsForm[K]): void => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) =>
      field === 'auth'
        ? Object.fromEntries(Object.entries(e).filter(([key]) => !key.startsWith('auth.')))
        : e[field]
          ? { ...e, [field]: undefined }
          : e,
    );
  };
  const browse = (request: PickRequest): PickRequest | undefined => (canBrowse ? request : undefined);

  const onApply = (e: FormEvent): void => {
    e.preventDefault();
    const address = activeTarget(useAppStore.getState()).address;
    const result = targetFromForm(form, address);
    if (!result.ok) {
      setErrors(result.errors);
      setFailedApplies((n) => n + 1);
      return;
    }
    applyTarget(result.target);
    dialogRef.current?.close();
    if (address.trim()) void loadSchema(true);
  };

  const tls = form.transport === 'tls';
  const errorCount = Object.values(errors).filter(Boolean).length;
  return (
    <dialog ref={dialogRef} className="settings-dialog" aria-labelledby="settings-title" onClose={onClose}>
      <form onSubmit={onApply} noValidate>
        <header className="settings-header">
          <h2 id="settings-title">Connection settings</h2>
        </header>
        <div className="settings-body">
          <fieldset>
            <legend>Protocol</legend>
            <div className="settings-grid">
              <label className="settings-field">
                <span>Wire protocol</span>
                <select
                  aria-label="Wire protocol"
                  value={form.protocol}
                  onChange={(e) => set('protocol', e.target.value as SettingsForm['protocol'])}
                >
                  {PROTOCOLS.map((p) => (
                    <option key={p} value={p}>
                      {PROTOCOL_LABELS[p]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="settings-field">
                <span>HTTP version</span>
                <select
                  aria-label="HTTP version"
                  value={form.protocol === 'grpc' ? '2' : form.httpVersion}
                  disabled={form.protocol === 'grpc'}
                  onChange={(e) => set('httpVersion', e.target.value as SettingsForm['httpVersion'])}
                >
                  <option value="2">HTTP/2</option>
                  <option value="1.1">HTTP/1.1</option>
                </select>
              </label>
              {form.protocol === 'connect' && (
                <label className="settings-field">
                  <span>Connect messages</span>
                  <select
                    aria-label="Connect messages"
                    value={form.connectCodec}
                    onChange={(e) => set('connectCodec', e.target.value as SettingsForm['connectCodec'])}
                  >
                    <option value="binary">Binary (protobuf)</option>
                    <option value="json">JSON</option>
                  </select>
                </label>
              )}
            </div>
            <p className="hint">
              {form.protocol === 'grpc'
                ? 'gRPC always uses HTTP/2.'
                : form.httpVersion === '1.1'
                  ? 'Over HTTP/1.1 only unary and server-streaming calls can be made; client and bidi streams need HTTP/2.'
                  : 'Schemas come from reflection over gRPC on the same address where the server offers it; otherwise add .proto files or protosets below.'}
            </p>
          </fieldset>

          <fieldset>
            <legend>Transport</legend>
            <div className="settings-radios" role="radiogroup" aria-label="Transport">
              <label className="checkbox">
                <input type="radio" name="transport" checked={!tls} onChange={() => set('transport', 'plaintext')} />
                {form.protocol === 'grpc' || form.httpVersion === '2' ? 'Plaintext (h2c)' : 'Plaintext (HTTP/1.1)'}
              </label>
              <label className="checkbox">
                <input type="radio" name="transport" checked={tls} onChange={() => set('transport', 'tls')} />
                TLS
              </label>
            </div>
            <PathField
              id="settings-ca"
              label="CA bundle (PEM)"
              hint="Trusted roots for the server certificate; the system's when empty."
              value={form.caPath}
              onChange={(v) => set('caPath', v)}
              disabled={!tls}
              browse={browse(pem('Choose a CA bundle'))}
            />
            <PathField
              id="settings-cert"
              label="Client certificate (mTLS)"
              value={form.certPath}
              onChange={(v) => set('certPath', v)}
              disabled={!tls}
              error={errors.certPath}
              browse={browse(pem('Choose the client certificate'))}
            />
            <PathField
              id="settings-key"
              label="Client key (mTLS)"
              value={form.keyPath}
              onChange={(v) => set('keyPath', v)}
              disabled={!tls}
              error={errors.keyPath}
              browse={browse(pem('Choose the client key'))}
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.insecureSkipVerify}
                disabled={!tls}
                onChange={(e) => set('insecureSkipVerify', e.target.checked)}
              />
              Skip certificate verification (insecure)
            </label>
            {tls && form.insecureSkipVerify && (
              <p className="insecure-note">
                Any server certificate will be accepted: a machine in the middle could read and change your calls. Use
                this only for testing.
              </p>
            )}
          </fieldset>

          <ProxyFieldset form={form} errors={errors} set={set} />

          <fieldset>
            <legend>Connection</legend>
            <div className="settings-grid">
              <TextField
                id="settings-authority"
                label="Authority override"
                value={form.authority}
                placeholder="from the address"
                onChange={(v) => set('authority', v)}
              />
              <TextField
                id="settings-user-agent"
                label="User agent"
                value={form.userAgent}
                placeholder="grpc-js default"
                onChange={(v) => set('userAgent', v)}
              />
              <TextField
                id="settings-max-send"
                label="Max send message size (MiB)"
                value={form.maxSendMiB}
                placeholder="default"
                inputMode="decimal"
                error={errors.maxSendMiB}
                onChange={(v) => set('maxSendMiB', v)}
              />
              <TextField
                id="settings-max-receive"
                label="Max receive message size (MiB)"
                value={form.maxReceiveMiB}
                placeholder="4 (default)"
                inputMode="decimal"
                error={errors.maxReceiveMiB}
                onChange={(v) => set('maxReceiveMiB', v)}
              />
              <TextField
                id="settings-keepalive"
                label="Keepalive interval (seconds)"
                value={form.keepaliveSeconds}
                placeholder="off"
                inputMode="decimal"
                error={errors.keepaliveSeconds}
                onChange={(v) => set('keepaliveSeconds', v)}
              />
              <TextField
                id="settings-connect-timeout"
                label="Connect timeout (seconds)"
                value={form.connectTimeoutSeconds}
                placeholder={`${DEFAULT_CONNECT_TIMEOUT_MS / 1000} (default)`}
                inputMode="decimal"
                error={errors.connectTimeoutSeconds}
                onChange={(v) => set('connectTimeoutSeconds', v)}
              />
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={form.gzip} onChange={(e) => set('gzip', e.target.checked)} />
              Compress requests with gzip
            </label>
          </fieldset>

          <fieldset>
            <legend>Schema source</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.reflection}
                aria-invalid={errors.reflection ? true : undefined}
                aria-describedby={errors.reflection ? 'settings-reflection-error' : undefined}
                onChange={(e) => set('reflection', e.target.checked)}
              />
              Use server reflection
            </label>
            {errors.reflection && (
              <p id="settings-reflection-error" className="settings-error">
                {errors.reflection}
              </p>
            )}
            <PathListField
              id="settings-protos"
              label=".proto files"
              hint="One path per line; relative paths start from the folder Loupe was started in."
              value={form.protoFiles}
              onChange={(v) => set('protoFiles', v)}
              browse={browse({
                title: 'Choose .proto files',
                multiple: true,
                filters: [{ name: 'Protocol Buffers', extensions: ['proto'] }],
              })}
            />
            <PathListField
              id="settings-import-paths"
              label="Import paths"
              hint="Folders that imports are resolved against, like protoc -I; one per line."
              value={form.importPaths}
              onChange={(v) => set('importPaths', v)}
              browse={browse({ title: 'Choose import folders', multiple: true, directory: true })}
            />
            <PathListField
              id="settings-protosets"
              label="Protosets"
              hint="FileDescriptorSet files (protoc --descriptor_set_out, buf build -o); one per line."
              value={form.protosets}
              onChange={(v) => set('protosets', v)}
              browse={browse({
                title: 'Choose protosets',
                multiple: true,
                filters: [
                  { name: 'Protosets', extensions: ['protoset', 'pb', 'binpb', 'bin', 'desc'] },
                  { name: 'All files', extensions: ['*'] },
                ],
              })}
            />
          </fieldset>

          <AuthSection
            form={form.auth}
            onChange={(auth) => set('auth', auth)}
            errors={authErrors(errors)}
            browse={browse}
          />
        </div>
        <footer className="settings-footer">
          {errorCount > 0 && (
            <p className="settings-error" role="alert">
              {errorCount === 1 ? 'One setting needs attention.' : `${errorCount} settings need attention.`}
            </p>
          )}
          <span className="spacer" />
          <button type="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Apply
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** The Auth section's errors by its own field names. */
function authErrors(errors: FormErrors): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith('auth.'))
      .map(([key, message]) => [key.slice('auth.'.length), message]),
  );
}
