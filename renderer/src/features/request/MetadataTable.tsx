import { Plus, Trash2 } from 'lucide-react';
import { useAppStore, type MetadataRow } from '../../state';
import { Button } from '../../ui/Button';
import { IconButton } from '../../ui/IconButton';

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
                  title={row.name || undefined}
                  value={row.name}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Metadata value ${i + 1}`}
                  placeholder="value"
                  title={row.value || undefined}
                  value={row.value}
                  spellCheck={false}
                  onChange={(e) => update(row.id, { value: e.target.value })}
                />
              </td>
              <td>
                <IconButton
                  size="sm"
                  label={`Remove metadata row ${i + 1}`}
                  icon={<Trash2 />}
                  onClick={() => setRows(rows.filter((r) => r.id !== row.id))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        size="sm"
        variant="ghost"
        icon={<Plus />}
        className="metadata-add"
        onClick={() => setRows([...rows, { id: crypto.randomUUID(), enabled: true, name: '', value: '' }])}
      >
        Add metadata
      </Button>
    </div>
  );
}
