import { api, cancelCall, sendCall } from '../../api';
import { useAppStore } from '../../state';
import { ErrorBox } from '../../ui/ErrorBox';
import { KindBadge } from '../../ui/KindBadge';
import { JsonEditor } from '../../ui/monaco/JsonEditor';
import { MetadataTable } from './MetadataTable';

function formatJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

/** The selected method's request: body in Monaco with the method's schema, metadata, deadline. */
export function RequestPanel() {
  const method = useAppStore((s) => s.selectedMethod);
  const details = useAppStore((s) => (s.selectedMethod ? s.methodDetails[s.selectedMethod] : undefined));
  const body = useAppStore((s) => (s.selectedMethod ? s.bodies[s.selectedMethod] : undefined));
  const deadline = useAppStore((s) => s.deadlineSeconds);
  const running = useAppStore((s) => s.currentCall?.phase === 'running');
  const runningCallId = useAppStore((s) => (s.currentCall?.phase === 'running' ? s.currentCall.callId : undefined));
  const setBody = useAppStore((s) => s.setBody);
  const setDeadline = useAppStore((s) => s.setDeadlineSeconds);

  if (!method) return <section className="request-panel empty"><p className="hint">Pick a method on the left.</p></section>;
  if (!details || details.status === 'loading' || details.status === 'idle') {
    return <section className="request-panel empty"><p className="hint">Loading {method}…</p></section>;
  }
  if (details.status === 'error') return <section className="request-panel"><ErrorBox title={`Could not open ${method}`} error={details.error} /></section>;

  const info = details.value.method;
  const streamsRequests = info.kind === 'client_streaming' || info.kind === 'bidi_streaming';
  return (
    <section className="request-panel" aria-label="Request">
      <header className="panel-header">
        <KindBadge kind={info.kind} />
        <h2 title={info.comment}>{info.fullName}</h2>
        <span className="types">
          {info.requestType} → {info.responseType}
        </span>
      </header>
      {info.comment && <p className="doc-comment">{info.comment}</p>}
      <div className="toolbar">
        <button type="button" onClick={() => setBody(method, details.value.template)}>
          Insert template
        </button>
        <button
          type="button"
          onClick={() => {
            const formatted = formatJson(body ?? '');
            if (formatted !== undefined) setBody(method, formatted);
          }}
        >
          Format
        </button>
        <label className="field inline">
          <span>Deadline (s)</span>
          <input aria-label="Deadline in seconds" value={deadline} placeholder="none" size={6} onChange={(e) => setDeadline(e.target.value)} />
        </label>
        <span className="spacer" />
        {running && streamsRequests && runningCallId && (
          <button type="button" onClick={() => void api().request('call.halfClose', { callId: runningCallId })}>
            End stream
          </button>
        )}
        {running ? (
          <button type="button" className="danger" onClick={cancelCall}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={sendCall} title="Send (Ctrl+Enter)">
            Send
          </button>
        )}
      </div>
      <JsonEditor
        documentId={method}
        value={body ?? details.value.template}
        onChange={(text) => setBody(method, text)}
        schema={details.value.requestSchema}
        onSubmit={sendCall}
        ariaLabel="Request body"
        testId="request-editor"
      />
      <details className="metadata">
        <summary>Metadata</summary>
        <MetadataTable />
      </details>
    </section>
  );
}
