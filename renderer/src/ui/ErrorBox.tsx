import type { ErrorData } from '../../../shared/model/errors';

/** A failure shown where it happened, with its location when it has one. */
export function ErrorBox({ error, title }: { error: ErrorData; title?: string }) {
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
    </div>
  );
}
