import { describeUnknownField, SCHEMA_AHEAD_HINT, type UnknownField } from '../../../shared/model/unknown-fields';

export interface UnknownFieldGroup {
  /** Which message carried them ("Message #3"), when a view shows several. */
  label?: string;
  fields: UnknownField[];
}

/**
 * Fields a message carried that the loaded schema does not know, one line each (place, number,
 * wire type, value decoded as far as the wire allows). Shown beside the JSON, which cannot hold
 * them, so nothing the server sent is silently dropped.
 */
export function UnknownFields({ groups }: { groups: UnknownFieldGroup[] }) {
  const shown = groups.filter((g) => g.fields.length > 0);
  if (shown.length === 0) return null;
  const count = shown.reduce((n, g) => n + g.fields.length, 0);
  return (
    <section className="unknown-fields" role="region" aria-label="Unknown fields">
      <strong>{count === 1 ? '1 field' : `${count} fields`} not in the loaded schema</strong>
      {shown.map((g, i) => (
        <ul key={i} aria-label={g.label ?? 'Unknown fields of the message'}>
          {g.label && <li className="unknown-fields-label">{g.label}</li>}
          {g.fields.map((f, j) => (
            <li key={j}>
              <code>{describeUnknownField(f)}</code>
            </li>
          ))}
        </ul>
      ))}
      <p className="hint">{SCHEMA_AHEAD_HINT}</p>
    </section>
  );
}
