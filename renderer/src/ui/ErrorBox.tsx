import type { ErrorData } from '../../../shared/model/errors';

/**
 * A failure shown where it happened, with its location when it has one. `raw` is the text a
 * library gave for it, kept behind a toggle: the message says it in plain language.
 */
export function ErrorBox({ error, title, raw }: { error: ErrorData; title?: string; raw?: string }) {
  return (
    <div className="error-box" role="alert">
      {title && <strong>{title}</strong>}
      <pre className="error-message">{error.message}</pre>
      {error.locations && error.locations.length > 0 && (
        <ul className="error-locations">
          {error.locations.map((l, i) => (
            <li key={i}>
              {l.file}
              {l.line !== undefined ? `:${l.line}` : ''}
              {l.column !== undefined ? `:${l.column}` : ''}
            </li>
          ))}
        </ul>
      )}
      {raw && (
        <details className="error-raw">
          <summary>Details</summary>
          <pre data-testid="error-raw">{raw}</pre>
        </details>
      )}
    </div>
  );
}
