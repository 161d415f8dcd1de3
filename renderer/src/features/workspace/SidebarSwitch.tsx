import type { ReactNode } from 'react';
import { useAppStore, type SidebarView } from '../../state';

const VIEWS: Array<{ view: SidebarView; label: string }> = [
  { view: 'services', label: 'Services' },
  { view: 'collections', label: 'Collections' },
  { view: 'history', label: 'History' },
  { view: 'drift', label: 'Drift' },
];

/** The left sidebar: the server's services, the workspace's collections, the call history, or contract drift. */
export function Sidebar({ views }: { views: Record<SidebarView, ReactNode> }) {
  const current = useAppStore((s) => s.sidebarView);
  const setView = useAppStore((s) => s.setSidebarView);
  return (
    <>
      <div className="ws-sidebar-switch" role="tablist" aria-label="Sidebar">
        {VIEWS.map(({ view, label }) => (
          <button
            key={view}
            type="button"
            role="tab"
            id={`sidebar-tab-${view}`}
            aria-selected={current === view}
            aria-controls="sidebar-panel"
            className={current === view ? 'active' : undefined}
            onClick={() => setView(view)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="ws-sidebar-panel" role="tabpanel" id="sidebar-panel" aria-labelledby={`sidebar-tab-${current}`}>
        {views[current]}
      </div>
    </>
  );
}
