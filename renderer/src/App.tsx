import { Group, Panel, Separator } from 'react-resizable-panels';
import { LoadButton, LoadOr } from './features/load/LoadButton';
import { MockButton } from './features/mock';
import { FirstRunHint } from './features/onboarding';
import { useGlobalShortcuts } from './features/palette/use-global-shortcuts';
import { RequestPanel } from './features/request';
import { ResponsePanel } from './features/response';
import { TestsPanel, TestsTabLabel } from './features/scripts/TestsPanel';
import { TrustBanner } from './features/scripts/TrustBanner';
import { ServiceTree } from './features/services';
import { TabStrip } from './features/tabs';
import { Timeline } from './features/timeline';
import { SchemaStatus, TargetBar } from './features/target';
import { EnvironmentSwitcher } from './features/workspace/EnvironmentSwitcher';
import { RequestMenu } from './features/workspace/RequestMenu';
import { Sidebar } from './features/workspace/SidebarSwitch';
import { useWorkspaceAtStart } from './features/workspace/use-workspace-at-start';
import { activeSchema, useAppStore } from './state';
import { lazyPart, OnceNeeded, PANE_FALLBACK, usePreloadWhenIdle } from './ui/lazy-part';
// With the first screen, not on demand: Ctrl+K and typing at once must find the palette there,
// however slowly a chunk would load (a fetched chunk still leaves the first keys to chance).
import { MethodPalette } from './features/palette/MethodPalette';
import { preloadEditor } from './ui/monaco/lazy';

// Not on the first screen: behind a sidebar tab, the Load button, the Script part, or an overlay
// that opens on demand. Each loads as a chunk of its own when first shown (ui/lazy-part.tsx).
const CollectionsView = lazyPart(
  () => import('./features/workspace/CollectionsView'),
  'CollectionsView',
  PANE_FALLBACK,
);
const HistoryView = lazyPart(() => import('./features/history/HistoryView'), 'HistoryView', PANE_FALLBACK);
const DriftView = lazyPart(() => import('./features/drift/DriftView'), 'DriftView', PANE_FALLBACK);
const LoadPanel = lazyPart(() => import('./features/load/LoadPanel'), 'LoadPanel', PANE_FALLBACK);
const ScriptTab = lazyPart(() => import('./features/scripts/ScriptTab'), 'ScriptTab', PANE_FALLBACK);
const ShortcutHelp = lazyPart(() => import('./features/palette/ShortcutHelp'), 'ShortcutHelp');
const SaveAsHost = lazyPart(() => import('./features/workspace/SaveAsHost'), 'SaveAsHost');
const SaveConflictHost = lazyPart(() => import('./features/workspace/SaveConflictHost'), 'SaveConflictHost');
const SignInNotice = lazyPart(() => import('./features/auth/SignInNotice'), 'SignInNotice');
const CompareChoice = lazyPart(() => import('./features/compare/CompareView'), 'CompareChoice');
const CompareView = lazyPart(() => import('./features/compare/CompareView'), 'CompareView');

// What a key opens, fetched once services are listed (so not competing with that): the small
// dialogs first (Ctrl+S, ?), then the editor a chosen method shows, then the collections view.
// Keys typed right after them then land in them instead of being lost while a chunk loads.
const PRELOAD_AFTER_FIRST_SCREEN = [SaveAsHost.preload, ShortcutHelp.preload, preloadEditor, CollectionsView.preload];

export function App() {
  useGlobalShortcuts();
  useWorkspaceAtStart();
  const servicesListed = useAppStore((s) => activeSchema(s).status === 'ready');
  usePreloadWhenIdle(servicesListed, PRELOAD_AFTER_FIRST_SCREEN);
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">
          <img src="./icon.svg" alt="" width={20} height={20} /> Loupe
        </span>
        <TargetBar />
        <MockButton />
        <EnvironmentSwitcher />
      </header>
      <Group orientation="horizontal" className="app-body">
        <Panel defaultSize="20" minSize="14%" className="pane">
          <Sidebar
            views={{
              services: (
                <>
                  <SchemaStatus />
                  <ServiceTree />
                </>
              ),
              collections: <CollectionsView />,
              history: <HistoryView />,
              drift: <DriftView />,
            }}
          />
        </Panel>
        <Separator className="separator" />
        <Panel minSize="25%" className="pane">
          <TabStrip actions={<RequestMenu />} />
          <TrustBanner />
          <RequestPanel script={(tabId) => <ScriptTab tabId={tabId} />} actions={<LoadButton />} />
        </Panel>
        <Separator className="separator" />
        <Panel defaultSize="44" minSize="20%" className="pane">
          <LoadOr load={<LoadPanel />}>
            <ResponsePanel
              timeline={<Timeline />}
              intro={<FirstRunHint />}
              tests={{ label: (call) => <TestsTabLabel call={call} />, panel: (call) => <TestsPanel call={call} /> }}
            />
          </LoadOr>
        </Panel>
      </Group>
      <Overlays />
      {/* Sign-in prompts arrive from the engine at any time: listened for from the start. */}
      <SignInNotice />
    </div>
  );
}

/** The window's overlays, each mounted (and its chunk loaded) when it first opens. */
function Overlays() {
  const palette = useAppStore((s) => s.paletteOpen);
  const shortcuts = useAppStore((s) => s.windowDialog === 'shortcuts');
  const saveAs = useAppStore((s) => s.saveAsTabId !== undefined);
  const conflict = useAppStore((s) => s.saveConflict !== undefined);
  const choice = useAppStore((s) => s.compareFirst !== undefined);
  const compare = useAppStore((s) => s.comparePair !== undefined);
  return (
    <>
      <OnceNeeded needed={palette}>
        <MethodPalette />
      </OnceNeeded>
      <OnceNeeded needed={shortcuts}>
        <ShortcutHelp />
      </OnceNeeded>
      <OnceNeeded needed={saveAs}>
        <SaveAsHost />
      </OnceNeeded>
      <OnceNeeded needed={conflict}>
        <SaveConflictHost />
      </OnceNeeded>
      <OnceNeeded needed={choice}>
        <CompareChoice />
      </OnceNeeded>
      <OnceNeeded needed={compare}>
        <CompareView />
      </OnceNeeded>
    </>
  );
}
