import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { UnknownFieldGroup } from '../../ui/UnknownFields';
import type { ShownMessage } from './response-document';

/** How many of the last received messages the response view shows. */
export const RESPONSE_MESSAGES = 50;
/**
 * Characters of each message that come with the page. A longer message is cut here and read in
 * slices (call.jsonSlice) by the big response view, so no answer is one huge envelope to parse.
 */
export const INLINE_CHARS = 512 * 1024;
/** While a stream runs, read again at most this often. */
const REFRESH_MS = 300;

export interface ResponseMessages {
  messages: ShownMessage[];
  /** Received messages not shown (older ones). */
  omitted: number;
  /** Fields of the shown messages that the loaded schema does not know. */
  unknown: UnknownFieldGroup[];
}

/**
 * The last received messages of a call, read from the engine, which keeps a call's messages
 * (optionally rendered with default values; nothing is sent to the server again). Re-read as
 * the call grows, at most every few hundred milliseconds.
 */
export function useResponseMessages(
  callId: string,
  version: number,
  received: number,
  showDefaults: boolean,
): ResponseMessages | undefined {
  const [result, setResult] = useState<{ key: string; value: ResponseMessages } | undefined>(undefined);
  const key = `${callId}:${showDefaults}`;
  const [due, setDue] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => setDue(version), result?.key === key ? REFRESH_MS : 0);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new version (or call) schedules a read
  }, [version, key]);

  useEffect(() => {
    if (received === 0) return;
    let current = true;
    api()
      .request('call.messages', {
        callId,
        count: RESPONSE_MESSAGES * 2,
        emitDefaults: showDefaults,
        pretty: true,
        preview: INLINE_CHARS,
        unknownFields: true,
      })
      .then(
        (page) => {
          if (!current) return;
          const shown = page.messages.filter((m) => m.direction === 'received').slice(-RESPONSE_MESSAGES);
          const messages = shown.map((m) => ({ position: m.position, json: m.json, truncated: m.truncated }));
          const unknown = shown
            .filter((m) => m.unknown)
            .map((m) => ({ label: shown.length > 1 ? `Message #${m.index + 1}` : undefined, fields: m.unknown ?? [] }));
          setResult({ key, value: { messages, omitted: Math.max(0, received - messages.length), unknown } });
        },
        () => undefined, // released (tab closed or re-sent): nothing to show
      );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `due` throttles re-reads of a growing call
  }, [callId, showDefaults, due]);

  return result?.key === key ? result.value : undefined;
}
