import type { MetadataEntry } from '../../../../shared/model/call';

export function MetadataList({ entries, empty }: { entries: MetadataEntry[]; empty: string }) {
  if (entries.length === 0) return <p className="hint">{empty}</p>;
  return (
    <table className="metadata-list">
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.name}-${i}`}>
            <th scope="row">{e.name}</th>
            <td>{e.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
