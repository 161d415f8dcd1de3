import { useMemo, useState } from 'react';
import { callEvents, useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { JsonEditor } from '../../ui/monaco/JsonEditor';
import { StatusBadge } from '../../ui/StatusBadge';
import { MetadataList } from './MetadataList';
import { messagesAsJson, summarizeCall } from './summarize-call';
import { useMessagesWithDefaults } from './use-messages-with-defaults';

type Tab = 'response' | 'headers' | 'trailers' | 'details';

/** The active tab's last call: status, messages, headers, trailers and error details. */
export function ResponsePanel() {
  const call = useAppStore((s) => s.tabs[s.activeTabId]?.call);
  const [tab, setTab] = useState<Tab>('response');
  const callId = call?.callId;
  const version = call?.version ?? 0;
  // The buffer lives outside React; `version` says when it grew.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer is mutable; version is its change signal
  const view = useMemo(() => (callId ? summarizeCall(callEvents(callId)) : undefined), [callId, version]);
  const showDefaults = useAppStore((s) => s.showDefaults);
  const setShowDefaults = useAppStore((s) => s.setShowDefaults);
  const withDefaults = useMessagesWithDefaults(callId, version, showDefaults);

  if (!call || !view) return <section className="response-panel empty"><p className="hint">Send a request to see the response here.</p></section>;

  const shown = withDefaults ?? view.messages;
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: 'response', label: `Response${call.received > 1 ? ` (${call.received})` : ''}` },
    { id: 'headers', label: `Headers (${view.headers.length})` },
    { id: 'trailers', label: `Trailers (${view.trailers.length})` },
    { id: 'details', label: `Error details (${view.details.length})` },
  ];
  return (
    <section className="response-panel" aria-label="Response">
      <header className="panel-header">
        {call.status ? <StatusBadge code={call.status.code} name={call.status.name} /> : <span className="status-badge">{call.phase === 'running' ? 'Running…' : 'No status'}</span>}
        {call.durationMs !== undefined && <span className="duration">{call.durationMs} ms</span>}
        {call.status && call.status.code !== 0 && <span className="status-message" data-testid="status-message">{call.status.message}</span>}
        <span className="spacer" />
        <label className="checkbox">
          <input type="checkbox" checked={showDefaults} onChange={(e) => setShowDefaults(e.target.checked)} />
          Show default values
        </label>
        {shown.length > 0 && (
          <button type="button" onClick={() => void navigator.clipboard.writeText(messagesAsJson(shown))}>
            Copy response
          </button>
        )}
      </header>
      {call.error && <ErrorBox error={call.error} />}
      {view.errors.map((message, i) => (
        <ErrorBox key={i} error={{ code: 'UNAVAILABLE', message }} />
      ))}
      <div role="tablist" aria-label="Response parts" className="tabs">
        {tabs.map((t) => (
          <button key={t.id} role="tab" type="button" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {tab === 'response' &&
          (view.messages.length > 0 ? (
            <>
              {view.omitted > 0 && <p className="hint">Showing the last {view.messages.length} messages; {view.omitted} earlier ones are not shown.</p>}
              <JsonEditor documentId="response" value={messagesAsJson(shown)} readOnly ariaLabel="Response body" testId="response-viewer" />
            </>
          ) : (
            <p className="hint">{call.phase === 'running' ? 'Waiting for the response…' : 'No messages were received.'}</p>
          ))}
        {tab === 'headers' && <MetadataList entries={view.headers} empty="No response headers." />}
        {tab === 'trailers' && <MetadataList entries={view.trailers} empty="No trailers." />}
        {tab === 'details' &&
          (view.details.length > 0 ? (
            <JsonEditor documentId="details" value={JSON.stringify(view.details, null, 2)} readOnly ariaLabel="Error details" testId="details-viewer" />
          ) : (
            <p className="hint">No error details.</p>
          ))}
      </div>
    </section>
  );
}
