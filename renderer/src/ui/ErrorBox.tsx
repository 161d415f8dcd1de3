import { CircleAlert } from 'lucide-react';
import type { ErrorData } from '../../../shared/model/errors';

/** Extra machine-readable detail as text people can read; nothing when there is none. */
function detailText(details: unknown): string | undefined {
  if (details === undefined || details === null) return undefined;
  if (typeof details === 'string') return details;
  try {
    return JSON.stringify(details, null, 2);
  } catch {
    return undefined;
  }
}

/**
 * A failure shown where it happened: the explanation first, in the reading font, with its file
 * locations (the place to go and fix); the library's own text (`raw`), the error code and any
 * machine-readable detail stay behind a Details toggle. Calm colours: a tinted box and an icon,
 * not a red wall of monospace.
 */
export function ErrorBox({ error, title, raw }: { error: ErrorData; title?: string; raw?: string }) {
  const extra = detailText(error.details);
  return (
    <div className="error-box" role="alert">
      <CircleAlert className="error-icon" size={16} aria-hidden="true" />
      <div className="error-content">
        {title && <strong className="error-title">{title}</strong>}
        <p className="error-message">{error.message}</p>
        {error.locations && error.locations.length > 0 && (
          <ul className="error-locations">
            {error.locations.map((l, i) => {
              const where = `${l.file}${l.line !== undefined ? `:${l.line}` : ''}${l.column !== undefined ? `:${l.column}` : ''}`;
              return (
                <li key={i} title={where}>
                  {where}
                </li>
              );
            })}
          </ul>
        )}
        {(raw || extra) && (
          <details className="error-raw">
            <summary>Details</summary>
            {raw && <pre data-testid="error-raw">{raw}</pre>}
            {extra && (
              <pre>
                {error.code}
                {'\n'}
                {extra}
              </pre>
            )}
          </details>
        )}
      </div>
    </div>
  );
}
