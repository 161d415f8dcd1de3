import { useAppStore, type MetadataRow } from '../../state';

const NO_ROWS: MetadataRow[] = [];

/** A tab's request metadata as editable name/value rows, each with an enable toggle. */
export function MetadataTable({ tabId }: { tabId: string }) {
  const rows = useAppStore((s) => s.tabs[tabId]?.metadata ?? NO_ROWS);
  const updateTab = useAppStore((s) => s.updateTab);
  const setRows = (metadata: MetadataRow[]): void => updateTab(tabId, { metadata });
  const update = (id: string, patch: Partial<MetadataRow>): void =>
    setRows(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  return (
    <div className="metadata-table">
      <table>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Send metadata row ${i + 1}`}
                  checked={row.enabled}
                  onChange={(e) => update(row.id, { enabled: e.target.checked })}
                />
              </td>
              <td>
                <input
                  aria-label={`Metadata name ${i + 1}`}
                  placeholder="name"
                  value={row.name}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Metadata value ${i + 1}`}
                  placeholder="value"
                  value={row.value}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { value: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove metadata row ${i + 1}`}
                  onClick={() => setRows(rows.filter((r) => r.id !== row.id))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => setRows([...rows, { id: crypto.randomUUID(), enabled: true, name: '', value: '' }])}
      >
        Add metadata
      </button>
    </div>
  );
}
