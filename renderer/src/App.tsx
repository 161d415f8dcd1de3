import { Group, Panel, Separator } from 'react-resizable-panels';
import { SignInNotice } from './features/auth';
import { CompareChoice, CompareView } from './features/compare';
import { DriftView } from './features/drift';
import { HistoryView } from './features/history';
import { LoadButton, LoadOr, LoadPanel } from './features/load';
import { MockButton } from './features/mock';
import { FirstRunHint } from './features/onboarding';
import { MethodPalette, ShortcutHelp, useGlobalShortcuts } from './features/palette';
import { RequestPanel } from './features/request';
import { ResponsePanel } from './features/response';
import { ScriptTab, TestsPanel, TestsTabLabel, TrustBanner } from './features/scripts';
import { ServiceTree } from './features/services';
import { TabStrip } from './features/tabs';
import { Timeline } from './features/timeline';
import { SchemaStatus, TargetBar } from './features/target';
import {
  CollectionsView,
  EnvironmentSwitcher,
  RequestMenu,
  SaveAsHost,
  SaveConflictHost,
  Sidebar,
  useWorkspaceAtStart,
} from './features/workspace';

export function App() {
  useGlobalShortcuts();
  useWorkspaceAtStart();
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
      <MethodPalette />
      <ShortcutHelp />
      <SaveAsHost />
      <SaveConflictHost />
      <SignInNotice />
      <CompareChoice />
      <CompareView />
    </div>
  );
}
