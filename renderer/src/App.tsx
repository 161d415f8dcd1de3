import { Group, Panel, Separator } from 'react-resizable-panels';
import { MethodPalette, useGlobalShortcuts } from './features/palette';
import { RequestPanel } from './features/request';
import { ResponsePanel } from './features/response';
import { ServiceTree } from './features/services';
import { TabStrip } from './features/tabs';
import { Timeline } from './features/timeline';
import { SchemaStatus, TargetBar } from './features/target';

export function App() {
  useGlobalShortcuts();
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">
          <img src="./icon.svg" alt="" width={20} height={20} /> Loupe
        </span>
        <TargetBar />
      </header>
      <Group orientation="horizontal" className="app-body">
        <Panel defaultSize="20" minSize="14%" className="pane">
          <SchemaStatus />
          <ServiceTree />
        </Panel>
        <Separator className="separator" />
        <Panel minSize="25%" className="pane">
          <TabStrip />
          <RequestPanel />
        </Panel>
        <Separator className="separator" />
        <Panel defaultSize="44" minSize="20%" className="pane">
          <ResponsePanel timeline={<Timeline />} />
        </Panel>
      </Group>
      <MethodPalette />
    </div>
  );
}
