import { reformatJson } from '../../../../shared/json/json-text';
import { canSendOnStream, sendOnStream } from '../../api';
import { useAppStore } from '../../state';

/** On one line, every literal as sent (JSON.parse + stringify would show 64-bit integers rounded). */
function oneLine(text: string): string {
  return reformatJson(text, 0) ?? text.replace(/\s+/g, ' ');
}

/** Messages this tab sent, newest first: put one back in the editor, or send it again. */
export function SentHistory({ tabId }: { tabId: string }) {
  const history = useAppStore((s) => s.tabs[tabId]?.sentHistory);
  const canResend = useAppStore(() => canSendOnStream(tabId));
  const updateTab = useAppStore((s) => s.updateTab);
  if (!history?.length) return null;
  return (
    <details className="sent-history">
      <summary>Sent messages ({history.length})</summary>
      <ul aria-label="Sent messages">
        {[...history].reverse().map((text) => (
          <li key={text}>
            <code title={text}>{oneLine(text)}</code>
            <button
              type="button"
              onClick={() => updateTab(tabId, { body: text })}
              title="Put this message in the editor"
            >
              Edit
            </button>
            <button
              type="button"
              disabled={!canResend}
              onClick={() => void sendOnStream(tabId, text)}
              title="Send it again on the open stream"
            >
              Resend
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
