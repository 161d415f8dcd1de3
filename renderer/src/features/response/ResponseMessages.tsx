import { Copy } from 'lucide-react';
import { useMemo } from 'react';
import { api } from '../../api';
import { useAppStore, useLogVersion, type TimelineLog } from '../../state';
import { Button } from '../../ui/Button';
import { CompareButton } from '../../ui/compare/CompareButton';
import { EmptyState } from '../../ui/EmptyState';
import { JsonEditor } from '../../ui/monaco/lazy';
import { Spinner } from '../../ui/Spinner';
import { UnknownFields } from '../../ui/UnknownFields';
import { BigTextView, useDocumentProgress } from './BigTextView';
import { ResponseDocument, responseDocument, type ShownMessage } from './response-document';
import { messagesAsJson } from './messages-as-json';
import { useResponseMessages } from './use-response-messages';

/**
 * Above this many characters a response is shown by the big response view instead of the
 * editor: giving Monaco a text is one task as long as the text (it splits every line at once),
 * which for a 20 MB response held the window's main thread for hundreds of milliseconds.
 */
const EDITOR_MAX_CHARS = 1024 * 1024;
/** Characters per call.jsonSlice slice: each is a task of a few milliseconds to receive and split. */
const SLICE_CHARS = 512 * 1024;

interface ResponseMessagesProps {
  callId: string;
  log: TimelineLog;
  running: boolean;
  showDefaults: boolean;
}

/** The received messages of the tab's call: in the editor, or in the big response view. */
export function ResponseMessages({ callId, log, running, showDefaults }: ResponseMessagesProps) {
  const version = useLogVersion(log);
  const received = log.received;
  const view = useResponseMessages(callId, version, received, showDefaults);
  if (received === 0)
    return running ? (
      <EmptyState compact title="Waiting for the response…" icon={<Spinner size={20} />} />
    ) : (
      <EmptyState compact title="No messages were received">
        <p>The call ended without a response message: see its status, trailers and the timeline.</p>
      </EmptyState>
    );
  if (!view) return <Spinner label="Loading the response…" />;
  const omitted = view.omitted > 0 && (
    <p className="hint">
      Showing the last {view.messages.length} messages; {view.omitted.toLocaleString('en-US')} earlier ones are in the
      timeline.
    </p>
  );
  const chars = view.messages.reduce((sum, m) => sum + m.json.length, 0);
  if (view.messages.some((m) => m.truncated) || chars > EDITOR_MAX_CHARS)
    return (
      <BigResponse callId={callId} messages={view.messages} showDefaults={showDefaults}>
        {omitted}
        <UnknownFields groups={view.unknown} />
      </BigResponse>
    );
  const text = messagesAsJson(view.messages.map((m) => m.json));
  return (
    <>
      <div className="toolbar">
        {omitted}
        <span className="spacer" />
        <CompareButton side={() => ({ label: responseLabel(), text })} />
        <Button size="sm" icon={<Copy />} onClick={() => void navigator.clipboard.writeText(text)}>
          Copy response
        </Button>
      </div>
      <UnknownFields groups={view.unknown} />
      <JsonEditor documentId="response" value={text} readOnly ariaLabel="Response body" testId="response-viewer" />
    </>
  );
}

function BigResponse({
  callId,
  messages,
  showDefaults,
  children,
}: {
  callId: string;
  messages: ShownMessage[];
  showDefaults: boolean;
  children: React.ReactNode;
}) {
  const key = `${callId}:${showDefaults}:${messages.map((m) => m.position).join(',')}`;
  const document = useMemo(
    () =>
      responseDocument(
        key,
        () =>
          new ResponseDocument(messages, (position, offset) =>
            api().request('call.jsonSlice', {
              callId,
              position,
              offset,
              length: SLICE_CHARS,
              emitDefaults: showDefaults,
              pretty: true,
            }),
          ),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names the call, its form and the messages
    [key],
  );
  const { done } = useDocumentProgress(document);
  return (
    <>
      <div className="toolbar">
        {children}
        <span className="spacer" />
        {done && <CompareButton side={() => ({ label: responseLabel(), text: document.lines.text() })} />}
        <Button
          size="sm"
          icon={<Copy />}
          disabled={!done}
          title={done ? undefined : 'Available once the whole response is here'}
          onClick={() => void navigator.clipboard.writeText(document.lines.text())}
        >
          Copy response
        </Button>
      </div>
      <BigTextView document={document} testId="response-viewer" />
    </>
  );
}

/** Which response a side of a comparison is: the tab's method and when its call started. */
function responseLabel(): string {
  const s = useAppStore.getState();
  const tab = s.tabs[s.activeTabId];
  const method = tab?.method?.split(/[/.]/).pop() ?? 'response';
  const at = tab?.call?.startedAt;
  return `${method} response${at ? ` at ${new Date(at).toLocaleTimeString()}` : ''}`;
}
