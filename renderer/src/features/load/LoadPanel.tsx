import { useState } from 'react';
import { startLoad, stopLoad } from '../../api';
import { activeMethodDetails, useAppStore, type RequestTab } from '../../state';
import { ExportK6Button } from './ExportK6Button';
import { KeptRuns } from './KeptRuns';
import { LiveRun } from './LiveRun';
import { scheduleFromDraft } from './plan-form';
import { PlanForm } from './PlanForm';
import { planKey } from './remembered-plans';
import { usePlanDraft } from './use-plan-draft';
import { Tabs } from '../../ui/Tabs';

/**
 * The Load view, in place of the response: the active tab's load test (its plan, the live run,
 * its report) and the kept runs to open and compare.
 */
export function LoadPanel() {
  const tab = useAppStore((s) => s.tabs[s.activeTabId]);
  const setLoadOpen = useAppStore((s) => s.setLoadOpen);
  const [view, setView] = useState<'run' | 'runs'>('run');
  const details = useAppStore((s) => (tab?.method ? activeMethodDetails(s, tab.method) : undefined));

  const header = (
    <header className="panel-header">
      <h2>Load test</h2>
      {tab?.method && <span className="types">{tab.method}</span>}
      <span className="spacer" />
      <button type="button" onClick={() => setLoadOpen(false)} title="Show the response again (the run goes on)">
        Back to the response
      </button>
    </header>
  );
  if (!tab?.method || details?.status !== 'ready') {
    return (
      <section className="load-panel" aria-label="Load test">
        {header}
        <p className="hint">{tab?.method ? `Loading ${tab.method}…` : 'Pick a method on the left to load-test it.'}</p>
      </section>
    );
  }
  const kind = details.value.method.kind;
  return (
    <section className="load-panel" aria-label="Load test">
      {header}
      <Tabs
        label="Load test parts"
        items={[
          { id: 'run', label: 'Plan and run' },
          { id: 'runs', label: 'Kept runs' },
        ]}
        selected={view}
        onSelect={setView}
      />
      <div role="tabpanel" className="tab-panel load-body">
        {view === 'run' ? (
          <PlanAndRun
            key={planKey(tab)}
            planKeyOf={planKey(tab)}
            tab={tab}
            template={details.value.template}
            streaming={kind !== 'unary'}
          />
        ) : (
          <KeptRuns request={{ method: tab.method, ...(tab.saved ? { requestPath: tab.saved.path } : {}) }} />
        )}
      </div>
    </section>
  );
}

function PlanAndRun({
  planKeyOf,
  tab,
  template,
  streaming,
}: {
  planKeyOf: string;
  tab: RequestTab;
  template: string;
  streaming: boolean;
}) {
  const run = useAppStore((s) => s.loadRuns[tab.id]);
  const { draft, change, result } = usePlanDraft(planKeyOf, tab, template, streaming);
  const [attempted, setAttempted] = useState(false);
  const plan = 'plan' in result ? result.plan : undefined;
  const active = run?.phase === 'starting' || run?.phase === 'running' || run?.phase === 'stopping';
  const start = (): void => {
    setAttempted(true);
    if (plan && !active) startLoad(tab.id, plan);
  };
  return (
    <>
      <div className="toolbar load-controls">
        {active ? (
          <button type="button" className="danger" onClick={() => stopLoad(tab.id)} disabled={run.phase === 'stopping'}>
            {run.phase === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="button" className="primary" onClick={start}>
            {run ? 'Run again' : 'Start load test'}
          </button>
        )}
        <ExportK6Button plan={plan} onInvalid={() => setAttempted(true)} />
        {attempted && !plan && (
          <span className="load-error" role="alert">
            Fix the plan first: see the fields marked below.
          </span>
        )}
      </div>
      {run && <LiveRun run={run} />}
      <h3 className="load-section">Plan</h3>
      <PlanForm
        draft={draft}
        onChange={change}
        errors={attempted && 'errors' in result ? result.errors : {}}
        schedule={scheduleFromDraft(draft)}
        durationMs={plan?.durationMs}
        streaming={streaming}
        onSubmit={start}
        actions={null}
      />
    </>
  );
}
