import { useEffect, useState } from 'react';
import type { MessageWire } from '../../../../shared/model/formats';
import { toErrorData } from '../../../../shared/model/errors';
import { api } from '../../api';
import { JsonEditor } from '../../ui/monaco/lazy';
import { WireView } from '../../ui/WireView';
import { Tabs } from '../../ui/Tabs';

export const DETAIL_FORMATS = [
  { id: 'json', label: 'JSON' },
  { id: 'text', label: 'Text' },
  { id: 'wire', label: 'Wire' },
] as const;
export type DetailFormat = (typeof DETAIL_FORMATS)[number]['id'];

export function DetailFormatSwitch({
  format,
  onChange,
}: {
  format: DetailFormat;
  onChange: (f: DetailFormat) => void;
}) {
  return (
    <Tabs
      label="Message format"
      className="detail-formats"
      items={DETAIL_FORMATS}
      selected={format}
      onSelect={onChange}
    />
  );
}

type Loaded<T> = { key: string; value: T } | { key: string; error: string };

/** A kept message in text format, or its bytes and wire tree, read from the engine when shown. */
export function MessageInFormat({
  callId,
  position,
  format,
  onText,
}: {
  callId: string;
  position: number;
  format: 'text' | 'wire';
  /** Told the message's text format once it is read, for Copy. */
  onText?: (text: string) => void;
}) {
  const key = `${callId}:${position}:${format}`;
  const [loaded, setLoaded] = useState<Loaded<string | MessageWire> | undefined>(undefined);
  useEffect(() => {
    let current = true;
    const request =
      format === 'text'
        ? api().request('call.text', { callId, position })
        : api().request('call.wire', { callId, position });
    request.then(
      (value: string | MessageWire) => {
        if (!current) return;
        setLoaded({ key, value });
        if (typeof value === 'string') onText?.(value);
      },
      (error: unknown) => current && setLoaded({ key, error: toErrorData(error).message }),
    );
    return () => {
      current = false;
    };
  }, [callId, position, format, key, onText]);
  if (loaded?.key !== key) return <p className="hint">Loading…</p>;
  if ('error' in loaded) return <p className="hint">{loaded.error}</p>;
  if (typeof loaded.value === 'string')
    return (
      <JsonEditor
        documentId="timeline-detail-text"
        value={loaded.value}
        readOnly
        language="textproto"
        ariaLabel="Selected message in text format"
        testId="detail-text-viewer"
      />
    );
  return <WireView base64={loaded.value.base64} tree={loaded.value.tree} />;
}
