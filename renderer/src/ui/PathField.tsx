import { useState, type ReactNode } from 'react';
import { toErrorData, type ErrorData } from '../../../shared/model/errors';
import { pickFiles, type PickRequest } from '../api';

/** What every path field takes: the connection settings' and the load test's data file. */
export interface PathFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string;
  hint?: string;
  /** Offered as a "Browse…" button when the host has a native file dialog. */
  browse?: PickRequest;
}

/** One path typed (browser mode) or chosen with the native dialog (desktop). */
export function PathField(props: PathFieldProps & { placeholder?: string }) {
  return (
    <FieldShell {...props} onPicked={(paths) => paths[0] !== undefined && props.onChange(paths[0])}>
      {(describedBy) => (
        <input
          id={props.id}
          type="text"
          value={props.value}
          placeholder={props.placeholder}
          spellCheck={false}
          disabled={props.disabled}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

/** The label, the field with its Browse… button, its hint and its error; the field comes from `children`. */
export function FieldShell(
  props: PathFieldProps & { onPicked(paths: string[]): void; children(describedBy: string | undefined): ReactNode },
) {
  const [pickError, setPickError] = useState<ErrorData | undefined>();
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error || pickError ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const browse = props.browse;
  const onBrowse = async (): Promise<void> => {
    if (!browse) return;
    setPickError(undefined);
    try {
      const paths = await pickFiles(browse);
      if (paths.length > 0) props.onPicked(paths);
    } catch (error) {
      setPickError(toErrorData(error));
    }
  };
  return (
    <div className="settings-field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="settings-path-row">
        {props.children(describedBy)}
        {browse && (
          <button
            type="button"
            disabled={props.disabled}
            aria-label={`Browse for ${props.label}`}
            onClick={() => void onBrowse()}
          >
            Browse…
          </button>
        )}
      </div>
      {props.hint && (
        <p id={hintId} className="settings-hint">
          {props.hint}
        </p>
      )}
      {(props.error || pickError) && (
        <p id={errorId} className="settings-error">
          {props.error ?? pickError?.message}
        </p>
      )}
    </div>
  );
}
