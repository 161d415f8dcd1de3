import { ArrowDownToLine, Play, Send, SendHorizontal, Square } from 'lucide-react';
import { cancelCall, halfCloseStream, sendCall, sendOnStream } from '../../api';
import { useAppStore } from '../../state';
import type { CallKind } from '../../../../shared/model/schema';
import { Button } from '../../ui/Button';

const writes = (kind: CallKind) => kind === 'client_streaming' || kind === 'bidi_streaming';

/**
 * Send / Cancel, and for client and bidi streams the composer's buttons: while the stream is
 * open the editor's text goes out as the next message, End stream half-closes, Cancel aborts.
 * The call's state is always shown.
 */
export function StreamControls({ tabId, kind }: { tabId: string; kind: CallKind }) {
  const call = useAppStore((s) => s.tabs[tabId]?.call);
  const running = call?.phase === 'running';
  const open = running && writes(kind) && !call.halfClosed;
  let state: string | undefined;
  if (call && writes(kind))
    state = !running ? 'Finished' : !call.kind ? 'Opening…' : call.halfClosed ? 'Half-closed' : 'Open';
  return (
    <>
      {state && (
        <span className={`call-state ${state.toLowerCase().replace(/\W+/g, '-')}`} data-testid="request-call-state">
          {state}
        </span>
      )}
      {open && (
        <>
          <Button
            variant="primary"
            icon={<SendHorizontal />}
            onClick={() => void sendOnStream(tabId)}
            title="Send the editor's message on the open stream (Ctrl+Enter)"
          >
            Send message
          </Button>
          <Button
            icon={<ArrowDownToLine />}
            onClick={() => void halfCloseStream(tabId)}
            title="Half-close: tell the server no more messages will come"
          >
            End stream
          </Button>
        </>
      )}
      {running ? (
        <Button variant="danger" icon={<Square />} onClick={() => cancelCall(tabId)} title="Cancel the call">
          Cancel
        </Button>
      ) : (
        <Button
          variant="primary"
          icon={writes(kind) ? <Play /> : <Send />}
          onClick={() => sendCall(tabId)}
          title={writes(kind) ? 'Open the stream with the editor’s message (Ctrl+Enter)' : 'Send (Ctrl+Enter)'}
        >
          {writes(kind) ? 'Start stream' : 'Send'}
        </Button>
      )}
    </>
  );
}
