import { Send } from 'lucide-react';
import type { ReactNode } from 'react';
import {
  callLog,
  shownResponsePart,
  useAppStore,
  useLogValue,
  type CallSummary,
  type ResponsePart,
  type TimelineLog,
} from '../../state';
import { Badge } from '../../ui/Badge';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBox } from '../../ui/ErrorBox';
import { Kbd } from '../../ui/Kbd';
import { formatCount } from '../../ui/numbers';
import { Spinner } from '../../ui/Spinner';
import { JsonEditor } from '../../ui/monaco/lazy';
import { StatusBadge } from '../../ui/StatusBadge';
import { MetadataList } from './MetadataList';
import { ResponseMessages } from './ResponseMessages';
import { Tabs } from '../../ui/Tabs';

/** The Tests tab of a call, given by the caller: its label (with counts) and its contents. */
export interface TestsPart {
  label: (call: CallSummary) => ReactNode;
  panel: (call: CallSummary) => ReactNode;
}

/** What the panel shows of the log besides its counts (the status comes through the store). */
function shownOfLog(log: TimelineLog): string {
  return `${log.headers.length} ${log.trailers.length} ${log.errors.length} ${log.scriptsOutcome.errors.length}`;
}

function ResponseTabLabel({ log }: { log: TimelineLog }) {
  const received = useLogValue(log, (l) => l.received) ?? 0;
  return `Response${received > 1 ? ` (${formatCount(received)})` : ''}`;
}

/**
 * The active tab's last call: status, the timeline of every event and the call's tests (given by
 * the caller), the response messages, headers, trailers and error details.
 */
export function ResponsePanel({
  timeline,
  tests,
  intro,
}: {
  timeline: ReactNode;
  tests: TestsPart;
  /** Shown above the empty panel before any call (the first-run hint). */
  intro?: ReactNode;
}) {
  const call = useAppStore((s) => s.tabs[s.activeTabId]?.call);
  const activeTabId = useAppStore((s) => s.activeTabId);
  const updateTabCall = useAppStore((s) => s.updateTabCall);
  const showDefaults = useAppStore((s) => s.showDefaults);
  const setShowDefaults = useAppStore((s) => s.setShowDefaults);
  const log = callLog(call?.callId);
  // What this panel shows of the log; the counts that move with every redraw are watched by the
  // parts that show them (the Response tab's label, the messages, the timeline).
  useLogValue(log, shownOfLog);

  if (!call || !log)
    return (
      <section className="response-panel empty" aria-label="Response">
        {intro}
        <EmptyState icon={<Send size={20} />} title="No response yet" testId="response-empty">
          <p>
            Pick a method, then press <Kbd keys="Mod+Enter" /> or <em>Send</em>.
          </p>
          <p>The status, the response, headers, trailers and every event of a stream show here.</p>
        </EmptyState>
      </section>
    );

  // The part picked belongs to this call: another tab's call, or the next one, opens on its own.
  const tab = shownResponsePart(call);
  const details = log.status?.details ?? [];
  // A client-side failure the engine explained in plain language.
  const explained = log.errors.length > 0 || log.scriptsOutcome.errors.length > 0;
  const rawStatus = call.status && call.status.code !== 0 ? call.status.message.trim() || undefined : undefined;
  const tabs: Array<{ id: ResponsePart; label: ReactNode }> = [
    { id: 'timeline', label: 'Timeline' },
    { id: 'response', label: <ResponseTabLabel log={log} /> },
    { id: 'tests', label: tests.label(call) },
    { id: 'headers', label: `Headers (${log.headers.length})` },
    { id: 'trailers', label: `Trailers (${log.trailers.length})` },
    { id: 'details', label: `Error details (${details.length})` },
  ];
  return (
    <section className="response-panel" aria-label="Response">
      <header className="panel-header">
        {call.status ? (
          <StatusBadge code={call.status.code} name={call.status.name} />
        ) : (
          <Badge tone={call.phase === 'running' ? 'accent' : 'neutral'} className="status-pending">
            {call.phase === 'running' ? (
              <>
                <Spinner size={14} /> Running…
              </>
            ) : (
              'No status'
            )}
          </Badge>
        )}
        {call.durationMs !== undefined && <span className="duration">{call.durationMs} ms</span>}
        {call.status && call.status.code !== 0 && !explained && (
          <span className="status-message" data-testid="status-message">
            {call.status.message}
          </span>
        )}
        <span className="spacer" />
        <label className="checkbox">
          <input type="checkbox" checked={showDefaults} onChange={(e) => setShowDefaults(e.target.checked)} />
          Show default values
        </label>
      </header>
      {call.error && <ErrorBox error={call.error} />}
      {log.errors.map((message, i) => (
        // The explanation first; the library's own text for the status (timings, resolver notes)
        // only on request, under the last explanation.
        <ErrorBox
          key={i}
          error={{ code: 'UNAVAILABLE', message }}
          raw={i === log.errors.length - 1 ? rawStatus : undefined}
        />
      ))}
      {log.scriptsOutcome.errors.map((message, i) => (
        <ErrorBox key={`script-${i}`} title="A script failed" error={{ code: 'SCRIPT', message }} />
      ))}
      <Tabs
        label="Response parts"
        items={tabs}
        selected={tab}
        onSelect={(id) => updateTabCall(activeTabId, call.callId, { shownPart: id })}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'timeline' && timeline}
        {tab === 'response' && (
          <ResponseMessages
            callId={call.callId}
            log={log}
            running={call.phase === 'running'}
            showDefaults={showDefaults}
          />
        )}
        {tab === 'tests' && tests.panel(call)}
        {tab === 'headers' && <MetadataList entries={log.headers} empty="No response headers." />}
        {tab === 'trailers' && <MetadataList entries={log.trailers} empty="No trailers." />}
        {tab === 'details' &&
          (details.length > 0 ? (
            <JsonEditor
              documentId="details"
              value={JSON.stringify(details, null, 2)}
              readOnly
              ariaLabel="Error details"
              testId="details-viewer"
            />
          ) : (
            <p className="hint">No error details.</p>
          ))}
      </div>
    </section>
  );
}
