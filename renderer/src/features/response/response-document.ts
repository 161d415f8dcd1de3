import { indentMessage } from './messages-as-json';
import { LineStore } from './line-store';

/** A received message as the response view first reads it: whole, or its first slice. */
export interface ShownMessage {
  position: number;
  json: string;
  /** Only the first part of the text came with the page; the rest is read with `readSlice`. */
  truncated?: boolean;
}

/** Reads the text of the message at `position` from `offset` on (call.jsonSlice). */
export type ReadSlice = (position: number, offset: number) => Promise<{ text: string; total: number }>;

export interface DocumentProgress {
  /** Characters of the messages' texts read so far. */
  loaded: number;
  /** Characters of them all, once known (the length of a cut message comes with its first slice). */
  total: number | undefined;
  done: boolean;
  error?: string;
}

/**
 * The response view's document for a response too big to give an editor at once: the same JSON
 * as `messagesAsJson` (one message, or an array of them), built slice by slice as the engine
 * sends them. Each slice is a short task (receive, parse its envelope, split its lines), and the
 * view shows what has arrived, so the window keeps answering clicks and keys while a 40 MB text
 * comes in, however slow or busy the machine.
 */
export class ResponseDocument {
  readonly lines = new LineStore();
  private state: DocumentProgress = { loaded: 0, total: undefined, done: false };
  private readonly listeners = new Set<() => void>();
  private cancelled = false;

  constructor(
    private readonly messages: readonly ShownMessage[],
    private readonly readSlice: ReadSlice,
  ) {
    void this.load().catch((error: unknown) => {
      this.update({ error: error instanceof Error ? error.message : String(error) });
    });
  }

  get progress(): DocumentProgress {
    return this.state;
  }

  /** Called after each slice, and when the document is complete or failed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops reading (a newer document replaced this one). */
  cancel(): void {
    this.cancelled = true;
    this.listeners.clear();
  }

  private update(change: Partial<DocumentProgress>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }

  private async load(): Promise<void> {
    const many = this.messages.length > 1;
    const totals = this.messages.map((m) => (m.truncated ? undefined : m.json.length));
    const known = (): number | undefined =>
      totals.every((t) => t !== undefined) ? totals.reduce<number>((sum, t) => sum + (t ?? 0), 0) : undefined;
    let loaded = 0;
    if (many) this.lines.append('[\n');
    for (const [i, message] of this.messages.entries()) {
      if (i > 0) this.lines.append(',\n');
      // Inside an array each message is indented by two spaces, as messagesAsJson does.
      this.lines.append(many ? indentMessage(message.json) : message.json);
      loaded += message.json.length;
      let offset = message.json.length;
      while (message.truncated && (totals[i] === undefined || offset < (totals[i] ?? 0))) {
        this.update({ loaded, total: known() });
        const slice = await this.readSlice(message.position, offset);
        if (this.cancelled) return;
        totals[i] = slice.total;
        // A text that ends early (it cannot, but a loop must end): stop at what there is.
        if (slice.text === '') break;
        this.lines.append(many ? slice.text.replace(/\n/g, '\n  ') : slice.text);
        offset += slice.text.length;
        loaded += slice.text.length;
      }
    }
    if (many) this.lines.append('\n]');
    this.update({ loaded, total: known(), done: true });
  }
}

let current: { key: string; document: ResponseDocument } | undefined;

/**
 * The document for `key` (a call, its form and the messages shown), made once: it keeps loading
 * while its view is hidden (another part of the response shown), and a newer one replaces it,
 * so at most one big text is held.
 */
export function responseDocument(key: string, create: () => ResponseDocument): ResponseDocument {
  if (current?.key === key) return current.document;
  current?.document.cancel();
  current = { key, document: create() };
  return current.document;
}
