export function StatusBadge({ code, name }: { code: number; name: string }) {
  return (
    <span className={`status-badge ${code === 0 ? 'status-ok' : 'status-error'}`} data-testid="status-badge">
      {code} {name}
    </span>
  );
}
