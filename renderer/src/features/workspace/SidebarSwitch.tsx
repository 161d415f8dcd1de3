import { FolderOpen, GitCompareArrows, History, ListTree, type LucideIcon } from 'lucide-react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useAppStore, type SidebarView } from '../../state';

const VIEWS: Array<{ view: SidebarView; label: string; icon: LucideIcon }> = [
  { view: 'services', label: 'Services', icon: ListTree },
  { view: 'collections', label: 'Collections', icon: FolderOpen },
  { view: 'history', label: 'History', icon: History },
  { view: 'drift', label: 'Drift', icon: GitCompareArrows },
];

/** The left sidebar: the server's services, the workspace's collections, the call history, or contract drift. */
export function Sidebar({ views }: { views: Record<SidebarView, ReactNode> }) {
  const current = useAppStore((s) => s.sidebarView);
  const setView = useAppStore((s) => s.setSidebarView);
  // A tablist is one tab stop; arrows move between its tabs (and show them, as the views are cheap).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const at = VIEWS.findIndex((v) => v.view === current);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: VIEWS.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = VIEWS[(to + VIEWS.length) % VIEWS.length]?.view;
    if (!next) return;
    setView(next);
    document.getElementById(`sidebar-tab-${next}`)?.focus();
  };
  return (
    <>
      <div className="ws-sidebar-switch" role="tablist" aria-label="Sidebar" onKeyDown={onKeyDown}>
        {VIEWS.map(({ view, label, icon: Icon }) => (
          <button
            key={view}
            type="button"
            role="tab"
            id={`sidebar-tab-${view}`}
            aria-selected={current === view}
            aria-controls="sidebar-panel"
            tabIndex={current === view ? 0 : -1}
            title={label}
            className={current === view ? 'active' : undefined}
            onClick={() => setView(view)}
          >
            <Icon size={14} aria-hidden="true" />
            <span className="ws-sidebar-label">{label}</span>
          </button>
        ))}
      </div>
      <div className="ws-sidebar-panel" role="tabpanel" id="sidebar-panel" aria-labelledby={`sidebar-tab-${current}`}>
        {views[current]}
      </div>
    </>
  );
}
