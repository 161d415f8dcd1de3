import { ListTree } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { reformatJson } from '../../../../shared/json/json-text';
import { loadMethodDetails, submit } from '../../api';
import { protocolLimit } from '../../../../shared/model/protocol-limits';
import { activeMethodDetails, activeSchema, activeTarget, useAppStore } from '../../state';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorBox } from '../../ui/ErrorBox';
import { Kbd } from '../../ui/Kbd';
import { KindBadge } from '../../ui/KindBadge';
import { Spinner } from '../../ui/Spinner';
import { disposeEditableDocumentsExcept, JsonEditor } from '../../ui/monaco/lazy';
import { BodyViewPanel, BodyViewSwitch } from './BodyViewSwitch';
import { MetadataTable } from './MetadataTable';
import { RequestParts } from './RequestParts';
import { SchemaFlags } from './SchemaFlags';
import { SentHistory } from './SentHistory';
import { StreamControls } from './StreamControls';

/**
 * The active tab's request: body in Monaco with the method's schema, metadata, deadline; or its
 * script, which the caller gives (scripts are a feature of their own), as it gives more `actions`
 * beside Send (the load test's button).
 */
export function RequestPanel({ script, actions }: { script: (tabId: string) => ReactNode; actions?: ReactNode }) {
  const tabId = useAppStore((s) => s.activeTabId);
  const openTabIds = useAppStore((s) => s.order);
  // A closed tab's editor model (and undo history) is freed with it.
  useEffect(() => disposeEditableDocumentsExcept(new Set(openTabIds)), [openTabIds]);
  const method = useAppStore((s) => s.tabs[s.activeTabId]?.method);
  const details = useAppStore((s) => (method ? activeMethodDetails(s, method) : undefined));
  const schemaReady = useAppStore((s) => activeSchema(s).status === 'ready');
  const schemaError = useAppStore((s) => {
    const schema = activeSchema(s);
    return schema.status === 'error' ? schema.error : undefined;
  });
  const metadataCount = useAppStore((s) => s.tabs[s.activeTabId]?.metadata.length ?? 0);
  const body = useAppStore((s) => s.tabs[s.activeTabId]?.body);
  const deadline = useAppStore((s) => s.tabs[s.activeTabId]?.deadlineSeconds ?? '');
  const sendError = useAppStore((s) => s.tabs[s.activeTabId]?.call?.sendError);
  const target = useAppStore((s) => activeTarget(s));
  const updateTab = useAppStore((s) => s.updateTab);
  const part = useAppStore((s) => s.requestPart);

  // Tabs restored from the last session know their method but not yet its template and schema.
  useEffect(() => {
    if (method && schemaReady && !details) void loadMethodDetails(method);
  }, [method, schemaReady, details]);

  if (!method)
    return (
      <section className="request-panel empty">
        <EmptyState icon={<ListTree size={20} />} title="No method open">
          <p>
            Pick a method in <em>Services</em> on the left, or find one by name with <Kbd keys="Mod+K" />.
          </p>
        </EmptyState>
      </section>
    );
  const setBody = (text: string): void => updateTab(tabId, { body: text });
  if (details?.status !== 'ready') {
    const problem = details?.status === 'error' ? details.error : schemaError;
    const why = problem ? (
      <ErrorBox
        title={
          details?.status === 'error'
            ? `Could not open ${method}`
            : 'The schema did not load: edit and save the request; send it once the schema loads'
        }
        error={problem}
      />
    ) : (
      <Spinner label={schemaReady ? `Loading ${method}…` : `Loading the schema for ${method}…`} />
    );
    // Nothing of the tab's own to show yet (a new tab waits for its template).
    if (body === undefined) return <section className="request-panel">{why}</section>;
    // A saved request stays readable and editable while its server is down: its body, metadata
    // and script, without schema help; sending waits for the schema.
    return (
      <section className="request-panel" aria-label="Request">
        <header className="panel-header">
          <h2>{method}</h2>
        </header>
        <SchemaFlags tabId={tabId} />
        {why}
        <RequestParts tabId={tabId} actions={null} />
        {part === 'script' ? (
          script(tabId)
        ) : (
          <>
            <JsonEditor
              documentId={tabId}
              value={body}
              onChange={setBody}
              ariaLabel="Request body"
              testId="request-editor"
            />
            <details className="metadata" open={metadataCount > 0}>
              <summary>Metadata</summary>
              <MetadataTable tabId={tabId} />
            </details>
          </>
        )}
      </section>
    );
  }

  const send = (): void => submit(tabId);
  const info = details.value.method;
  // Said before the call: the engine would refuse it the same way.
  const limit = protocolLimit(target, info.kind);
  return (
    <section className="request-panel" aria-label="Request">
      <header className="panel-header">
        <KindBadge kind={info.kind} />
        <h2 title={info.fullName}>{info.fullName}</h2>
        <span className="types" title={`${info.requestType} → ${info.responseType}`}>
          {info.requestType} → {info.responseType}
        </span>
      </header>
      {info.comment && <p className="doc-comment">{info.comment}</p>}
      <SchemaFlags tabId={tabId} />
      {/* Send stays in reach from the body and the script alike. */}
      <RequestParts
        tabId={tabId}
        actions={
          <>
            <StreamControls tabId={tabId} kind={info.kind} />
            {actions}
          </>
        }
      />
      {part === 'script' ? (
        script(tabId)
      ) : (
        <>
          <div className="toolbar">
            <BodyViewSwitch />
            <button type="button" onClick={() => setBody(details.value.template)}>
              Insert template
            </button>
            <button
              type="button"
              onClick={() => {
                // Re-indents only: JSON.parse + stringify would round 64-bit integers typed unquoted.
                const formatted = reformatJson(body ?? '');
                if (formatted !== undefined) setBody(formatted);
              }}
            >
              Format
            </button>
            <label className="field inline">
              <span>Deadline (s)</span>
              <input
                aria-label="Deadline in seconds"
                value={deadline}
                placeholder="none"
                size={6}
                onChange={(e) => updateTab(tabId, { deadlineSeconds: e.target.value })}
              />
            </label>
          </div>
          {limit && (
            <p className="protocol-limit" role="note" data-testid="protocol-limit">
              {limit}
            </p>
          )}
          {sendError && <ErrorBox title="The message was not sent" error={sendError} />}
          <BodyViewPanel
            tabId={tabId}
            text={body ?? details.value.template}
            onChange={setBody}
            details={details.value}
            onSubmit={send}
          />
          {(info.kind === 'client_streaming' || info.kind === 'bidi_streaming') && <SentHistory tabId={tabId} />}
          <details className="metadata">
            <summary>Metadata</summary>
            <MetadataTable tabId={tabId} />
          </details>
        </>
      )}
    </section>
  );
}
