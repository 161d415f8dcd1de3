import { useState } from 'react';
import type { CallKind } from '../../../../shared/model/schema';
import { openSavedRequest } from '../../api';
import { isDirty, savedFlagKey, tabMethodName, useAppStore, type AppState } from '../../state';
import { KindBadge } from '../../ui/KindBadge';
import type { FolderNode, RequestNode, TreeNode } from './collection-tree';
import { Menu } from '../../ui/Menu';

/** What the user asked to do to an item; the collections view shows the matching dialog. */
export type ItemAction = {
  kind: 'rename' | 'move' | 'delete' | 'new-folder' | 'export' | 'import' | 'duplicate';
  path: string;
  folder: boolean;
};

/** The method's kind from any loaded schema that has it; unknown until one is loaded. */
function methodKind(s: AppState, saved: string): CallKind | undefined {
  const fullName = tabMethodName(saved);
  for (const schema of Object.values(s.schemas)) {
    if (schema.status !== 'ready') continue;
    for (const service of schema.value.services)
      for (const m of service.methods) if (m.fullName === fullName) return m.kind;
  }
  return undefined;
}

function RequestRow({
  node,
  depth,
  onAction,
}: {
  node: RequestNode;
  depth: number;
  onAction: (a: ItemAction) => void;
}) {
  const kind = useAppStore((s) => methodKind(s, node.method));
  const root = useAppStore((s) => s.workspace?.root);
  const state = useAppStore((s) => {
    const tab = s.tabs[s.activeTabId];
    const shown = tab?.saved?.root === root && tab?.saved?.path === node.path;
    return shown ? (isDirty(tab) ? 'shown-dirty' : 'shown') : 'hidden';
  });
  const flags = useAppStore((s) => (root ? s.schemaFlags[savedFlagKey(root, node.path)] : undefined));
  const act = (kind: ItemAction['kind']) => () => onAction({ kind, path: node.path, folder: false });
  return (
    <li className={`ws-item ws-request${state !== 'hidden' ? ' selected' : ''}`} style={{ paddingLeft: depth * 14 }}>
      <button
        type="button"
        className="ws-item-open"
        title={`${node.path}\n${node.method}`}
        onClick={() => openSavedRequest(node.path)}
      >
        {kind ? (
          <KindBadge kind={kind} />
        ) : (
          <span className="kind-badge ws-kind-unknown" title="Load the server's schema to see the kind">
            ·
          </span>
        )}
        <span className="ws-item-name">{node.name}</span>
      </button>
      {flags && (
        <span
          className="ws-schema-flag"
          role="img"
          aria-label={`The schema changed: ${flags.join(' ')}`}
          title={flags.join('\n')}
        >
          ⚠
        </span>
      )}
      <Menu
        label={`Actions for ${node.name}`}
        items={[
          { label: 'Rename…', onSelect: act('rename') },
          { label: 'Move to…', onSelect: act('move') },
          { label: 'Duplicate', onSelect: act('duplicate') },
          { label: 'Delete…', onSelect: act('delete'), danger: true },
        ]}
      />
    </li>
  );
}

function FolderRow({ node, depth, onAction }: { node: FolderNode; depth: number; onAction: (a: ItemAction) => void }) {
  const [open, setOpen] = useState(true);
  const act = (kind: ItemAction['kind']) => () => onAction({ kind, path: node.path, folder: true });
  return (
    <li className="ws-folder">
      <div className="ws-item" style={{ paddingLeft: depth * 14 }}>
        <button type="button" className="ws-item-open" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="ws-twisty" aria-hidden>
            {open ? '▾' : '▸'}
          </span>
          <span className="ws-item-name">{node.name}</span>
        </button>
        <Menu
          label={`Actions for folder ${node.name}`}
          items={[
            { label: 'New folder…', onSelect: act('new-folder') },
            { label: 'Rename…', onSelect: act('rename') },
            { label: 'Move to…', onSelect: act('move') },
            { label: 'Export folder…', onSelect: act('export') },
            { label: 'Import into folder…', onSelect: act('import') },
            { label: 'Delete…', onSelect: act('delete'), danger: true },
          ]}
        />
      </div>
      {open && <TreeList nodes={node.children} depth={depth + 1} onAction={onAction} />}
    </li>
  );
}

export function TreeList({
  nodes,
  depth,
  onAction,
}: {
  nodes: TreeNode[];
  depth: number;
  onAction: (a: ItemAction) => void;
}) {
  return (
    <ul
      className="ws-tree"
      role={depth === 0 ? 'list' : undefined}
      aria-label={depth === 0 ? 'Saved requests' : undefined}
    >
      {nodes.map((n) =>
        n.kind === 'folder' ? (
          <FolderRow key={n.path} node={n} depth={depth} onAction={onAction} />
        ) : (
          <RequestRow key={n.path} node={n} depth={depth} onAction={onAction} />
        ),
      )}
    </ul>
  );
}
