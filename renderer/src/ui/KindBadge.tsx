import type { CallKind } from '../../../shared/model/schema';

const LABELS: Record<CallKind, { short: string; long: string }> = {
  unary: { short: 'U', long: 'Unary' },
  server_streaming: { short: 'SS', long: 'Server streaming' },
  client_streaming: { short: 'CS', long: 'Client streaming' },
  bidi_streaming: { short: 'BI', long: 'Bidirectional streaming' },
};

export function KindBadge({ kind }: { kind: CallKind }) {
  const label = LABELS[kind];
  return (
    <span className={`kind-badge kind-${kind}`} title={label.long} aria-label={label.long}>
      {label.short}
    </span>
  );
}
