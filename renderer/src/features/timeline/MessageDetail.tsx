import { toErrorData } from '../../../../shared/model/errors';
import { memo, useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { useLogValue, type TimelineLog } from '../../state';
import { CompareButton } from '../../ui/compare/CompareButton';
import { JsonEditor } from '../../ui/monaco/lazy';
import { UnknownFields } from '../../ui/UnknownFields';
import type { UnknownField } from '../../../../shared/model/unknown-fields';
import { describeEvent, formatBytes, formatClock, formatRelative } from './format';
import { DetailFormatSwitch, MessageInFormat, type DetailFormat } from './MessageFormats';

type Loaded = { key: string; text: string; unknown?: UnknownField[] } | { key: string; gone: string };

/**
 * The selected row in full: a message's JSON read from the engine, or an event's data. Memoized:
 * it re-renders when the selection changes or its row is let go, not with every redraw.
 */
export const MessageDetail = memo(function MessageDetail({
  callId,
  log,
  row,
  showDefaults,
}: {
  callId: string;
  log: TimelineLog;
  row: number | undefined;
  showDefaults: boolean;
}) {
  const kept = useLogValue(log, (l) => row !== undefined && row >= l.first);
  const selected = row === undefined || !kept ? undefined : log.row(row);
  const position = selected && selected.kind !== 'event' ? selected.position : undefined;
  const key = `${callId}:${position}:${showDefaults}`;
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  // JSON, text format or the wire: the choice holds as other messages are selected.
  const [format, setFormat] = useState<DetailFormat>('json');
  const [asText, setAsText] = useState<{ key: string; text: string } | undefined>(undefined);
  const onText = useCallback((text: string) => setAsText({ key, text }), [key]);

  useEffect(() => {
    if (position === undefined) return;
    let current = true;
    api()
      .request('call.messages', {
        callId,
        from: position,
        count: 1,
        emitDefaults: showDefaults,
        pretty: true,
        unknownFields: true,
      })
      .then(
        (page) => {
          const m = page.messages[0];
          if (!current) return;
          if (m?.position === position) setLoaded({ key, text: m.json, unknown: m.unknown });
          else
            setLoaded({
              key,
              gone: `This message was let go: the engine keeps the last ${(page.total - page.first).toLocaleString('en-US')} messages of a call.`,
            });
        },
        (error: unknown) => current && setLoaded({ key, gone: toErrorData(error).message }),
      );
    return () => {
      current = false;
    };
  }, [callId, position, showDefaults, key]);

  if (!selected)
    return (
      <div className="message-detail empty">
        <p className="hint">Select a row to see it in full.</p>
      </div>
    );

  const clock = log.startedAt === undefined ? '' : formatClock(log.startedAt + selected.t);
  let title: string;
  let text: string | undefined;
  let note: string | undefined;
  let unknown: UnknownField[] | undefined;
  if (selected.kind === 'event') {
    const { label } = describeEvent(selected.event);
    title = label;
    const { type: _type, t: _t, ...data } = selected.event ?? { type: 'event', t: 0 };
    text = JSON.stringify(data, null, 2);
  } else {
    title = `${selected.kind === 'sent' ? '↑ Sent' : '↓ Received'} #${selected.index + 1} · ${formatBytes(selected.size)}`;
    if (loaded?.key === key) {
      if ('text' in loaded) ({ text, unknown } = loaded);
      else note = loaded.gone;
    }
  }
  // What Copy takes: the form shown (the wire view has no text to copy).
  const copied =
    position === undefined || format === 'json'
      ? text
      : format === 'text' && asText?.key === key
        ? asText.text
        : undefined;
  return (
    <div className="message-detail" aria-label="Selected message" role="region">
      <header className="detail-header">
        <strong data-testid="detail-title">{title}</strong>
        <span className="hint">
          {formatRelative(selected.t)} {clock}
        </span>
        <span className="spacer" />
        {position !== undefined && <DetailFormatSwitch format={format} onChange={setFormat} />}
        <CompareButton disabled={text === undefined} side={() => ({ label: title, text: text ?? '' })} />
        <button
          type="button"
          disabled={copied === undefined}
          onClick={() => copied !== undefined && void navigator.clipboard.writeText(copied)}
        >
          Copy
        </button>
      </header>
      {position !== undefined && format !== 'json' ? (
        <MessageInFormat callId={callId} position={position} format={format} onText={onText} />
      ) : (
        <>
          {note && <p className="hint">{note}</p>}
          {text === undefined && !note && <p className="hint">Loading…</p>}
          {unknown && <UnknownFields groups={[{ fields: unknown }]} />}
          {text !== undefined && (
            <JsonEditor
              documentId="timeline-detail"
              value={text}
              readOnly
              ariaLabel="Selected message JSON"
              testId="detail-viewer"
            />
          )}
        </>
      )}
    </div>
  );
});
