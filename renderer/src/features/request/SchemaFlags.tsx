import { savedFlagKey, useAppStore } from '../../state';

/**
 * Why this tab's request may no longer fit its refreshed schema. The body is left as typed (and a
 * saved request's file untouched): the user decides what to change.
 */
export function SchemaFlags({ tabId }: { tabId: string }) {
  const reasons = useAppStore((s) => {
    const saved = s.tabs[tabId]?.saved;
    return s.schemaFlags[tabId] ?? (saved ? s.schemaFlags[savedFlagKey(saved.root, saved.path)] : undefined);
  });
  if (!reasons || reasons.length === 0) return null;
  return (
    <div className="schema-flags" role="status" aria-label="Schema changed for this request">
      <strong>The schema changed since this request was written:</strong>
      <ul>
        {reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
