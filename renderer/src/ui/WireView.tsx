import { useMemo, useState } from 'react';
import type { WireNode, WireTree, WireValue } from '../../../shared/model/wire';

const ROW = 16;

/**
 * A message's bytes as hexadecimal beside the fields they hold, read without a schema (names
 * from the schema alongside when known; fields it lacks marked). Selecting a field highlights
 * its bytes: the tag and length dimmer, the value stronger.
 */
export function WireView({ base64, tree }: { base64: string; tree: WireTree }) {
  const bytes = useMemo(() => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), [base64]);
  const [selected, setSelected] = useState<WireNode | undefined>(undefined);
  return (
    <div className="wire-view" data-testid="wire-view">
      <p className="hint wire-summary">
        {tree.size.toLocaleString('en-US')} bytes
        {tree.decoded < tree.size && ` · the first ${tree.decoded.toLocaleString('en-US')} are shown`}
        {tree.nodesCut && ' · more fields than are listed'}
      </p>
      {tree.error && (
        <p className="wire-error" role="note">
          Not a valid message from byte {tree.error.offset} on: {tree.error.reason}
        </p>
      )}
      <div className="wire-columns">
        <HexDump bytes={bytes} selected={selected} />
        <ul className="wire-tree" role="tree" aria-label="Fields on the wire">
          {tree.fields.map((node, i) => (
            <WireTreeNode key={i} node={node} selected={selected} onSelect={setSelected} />
          ))}
        </ul>
      </div>
    </div>
  );
}

function HexDump({ bytes, selected }: { bytes: Uint8Array; selected: WireNode | undefined }) {
  const rows = Math.ceil(bytes.length / ROW);
  return (
    <pre className="wire-hex" aria-label="Bytes in hexadecimal" data-testid="wire-hex">
      {Array.from({ length: rows }, (_, r) => (
        <HexRow key={r} bytes={bytes} start={r * ROW} selected={selected} />
      ))}
    </pre>
  );
}

/** One line of 16 bytes, in at most five runs: before, tag and length, value, after. */
function HexRow({ bytes, start, selected }: { bytes: Uint8Array; start: number; selected: WireNode | undefined }) {
  const end = Math.min(bytes.length, start + ROW);
  const cuts = [start, end];
  if (selected)
    for (const at of [selected.start, selected.valueStart, selected.end]) if (at > start && at < end) cuts.push(at);
  cuts.sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    if (from === to) continue;
    const text = Array.from(bytes.subarray(from, to), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const inside = selected && from >= selected.start && to <= selected.end;
    const kind = !inside ? '' : from < selected.valueStart ? 'wire-hl-tag' : 'wire-hl-value';
    runs.push(
      <span key={from} className={kind || undefined} data-highlighted={inside ? 'true' : undefined}>
        {text}
      </span>,
      ' ',
    );
  }
  return (
    <span className="wire-hex-row">
      <span className="wire-offset">{start.toString(16).padStart(6, '0')}</span> {runs}
      {'\n'}
    </span>
  );
}

function WireTreeNode({
  node,
  selected,
  onSelect,
}: {
  node: WireNode;
  selected: WireNode | undefined;
  onSelect: (node: WireNode) => void;
}) {
  const children = node.value.kind === 'message' || node.value.kind === 'group' ? node.value.fields : undefined;
  return (
    <li role="treeitem" aria-selected={node === selected} aria-expanded={children ? true : undefined}>
      <button
        type="button"
        className={`wire-node${node.unknown ? ' wire-unknown' : ''}${node === selected ? ' selected' : ''}`}
        onClick={() => onSelect(node)}
      >
        <span className="wire-field">{node.field}</span>
        {node.name && <span className="wire-name">{node.name}</span>}
        {node.unknown && <span className="wire-badge">unknown</span>}
        <span className="wire-type">{node.wireType}</span>
        <span className="wire-value">{describeValue(node.value)}</span>
      </button>
      {children && (
        <ul role="group">
          {children.map((child, i) => (
            <WireTreeNode key={i} node={child} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The value and its other plausible readings, the way protoscope shows them. */
function describeValue(value: WireValue): string {
  switch (value.kind) {
    case 'varint': {
      const other = [
        value.signed !== value.unsigned ? `int64 ${value.signed}` : '',
        value.zigzag !== value.unsigned ? `zigzag ${value.zigzag}` : '',
        value.unsigned === '0' || value.unsigned === '1' ? `bool ${value.unsigned === '1'}` : '',
      ].filter(Boolean);
      return other.length ? `${value.unsigned} (${other.join(', ')})` : value.unsigned;
    }
    case 'fixed32':
      return `${value.unsigned} (${value.signed !== value.unsigned ? `int ${value.signed}, ` : ''}float ${value.float})`;
    case 'fixed64':
      return `${value.unsigned} (${value.signed !== value.unsigned ? `int ${value.signed}, ` : ''}double ${value.double})`;
    case 'message':
      return `message, ${value.length} bytes`;
    case 'group':
      return 'group';
    case 'string':
      return JSON.stringify(value.text);
    case 'bytes':
      return `${value.length} bytes ${value.hex}${value.truncated ? '…' : ''}`;
    case 'packed':
      return `packed [${value.items.join(', ')}]`;
  }
}
