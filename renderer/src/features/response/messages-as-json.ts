import type { CallEvent, MetadataEntry, StatusDetail } from '../../../../shared/model/call';

export interface CallView {
  messages: string[];
  /** How many received messages are not in `messages` (only the last ones are kept for display). */
  omitted: number;
  headers: MetadataEntry[];
  trailers: MetadataEntry[];
  details: StatusDetail[];
  errors: string[];
}

/** Derives what the response panel shows from a call's events. */
export function summarizeCall(events: readonly CallEvent[], keepMessages = 50): CallView {
  const view: CallView = { messages: [], omitted: 0, headers: [], trailers: [], details: [], errors: [] };
  let received = 0;
  for (const event of events) {
    switch (event.type) {
      case 'received':
        received++;
        view.messages.push(event.json);
        if (view.messages.length > keepMessages) view.messages.shift();
        break;
      case 'headers':
        view.headers = event.metadata;
        break;
      case 'trailers':
        view.trailers = event.metadata;
        break;
      case 'status':
        view.details = event.status.details;
        break;
      case 'error':
        view.errors.push(event.hint ? `${event.message} (${event.hint})` : event.message);
        break;
      default:
        break;
    }
  }
  view.omitted = received - view.messages.length;
  return view;
}

/** The received messages as one JSON document: the message itself for one, an array for more. */
export function messagesAsJson(messages: string[]): string {
  if (messages.length === 1) return prettify(messages[0] ?? '');
  return `[\n${messages.map((m) => indent(prettify(m))).join(',\n')}\n]`;
}

function prettify(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
