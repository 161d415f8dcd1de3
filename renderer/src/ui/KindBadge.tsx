import type { CallKind } from '../../../shared/model/schema';

/** A word, not a code: "SS" or "BI" has to be learned, "Server" and "Bidi" read at a glance. */
const LABELS: Record<CallKind, { short: string; long: string }> = {
  unary: { short: 'Unary', long: 'Unary' },
  server_streaming: { short: 'Server', long: 'Server streaming' },
  client_streaming: { short: 'Client', long: 'Client streaming' },
  bidi_streaming: { short: 'Bidi', long: 'Bidirectional streaming' },
};

/** The call kind of a method, coloured per kind; its full name is what a screen reader hears. */
export function KindBadge({ kind }: { kind: CallKind }) {
  const label = LABELS[kind];
  return (
    <span className={`kind-badge kind-${kind}`} title={label.long}>
      <span aria-hidden="true">{label.short}</span>
      <span className="visually-hidden">{label.long}</span>
    </span>
  );
}
