import { LoaderCircle } from 'lucide-react';

/**
 * Work in progress. With a label it is a live status a screen reader announces; without one it
 * is decoration next to text that already says what is happening.
 */
export function Spinner({ label, size = 16 }: { label?: string; size?: number }) {
  const icon = <LoaderCircle className="ui-spinner" size={size} aria-hidden="true" />;
  if (!label) return icon;
  return (
    <span className="ui-spinner-row" role="status">
      {icon}
      <span>{label}</span>
    </span>
  );
}
