import { describe, expect, it } from 'vitest';
import { messagesAsJson } from './messages-as-json';
import { ResponseDocument, type DocumentProgress, type ReadSlice } from './response-document';

/** call.jsonSlice over fixed texts, `size` characters at a time, recording what was asked. */
function engine(texts: Record<number, string>, size: number) {
  const asked: Array<[number, number]> = [];
  const read: ReadSlice = async (position, offset) => {
    asked.push([position, offset]);
    const text = texts[position] ?? '';
    return { text: text.slice(offset, offset + size), total: text.length };
  };
  return { asked, read };
}

function finished(document: ResponseDocument): Promise<DocumentProgress> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (document.progress.done || document.progress.error) resolve(document.progress);
    };
    document.subscribe(check);
    check();
  });
}

const whole = (d: ResponseDocument) => Array.from({ length: d.lines.lineCount }, (_, i) => d.lines.line(i)).join('\n');

describe('ResponseDocument', () => {
  const big = `{\n  "id": "9223372036854775807",\n  "rows": [\n${'    "row",\n'.repeat(50)}    "end"\n  ]\n}`;

  it('reads the rest of a cut message slice by slice, exactly, with its progress', async () => {
    const { asked, read } = engine({ 1: big }, 100);
    const document = new ResponseDocument([{ position: 1, json: big.slice(0, 40), truncated: true }], read);
    // What came with the page is there at once; the whole length is not known yet.
    expect(document.progress).toEqual({ loaded: 40, total: undefined, done: false });
    expect(document.lines.line(0)).toBe('{');
    const seen: DocumentProgress[] = [];
    document.subscribe(() => seen.push(document.progress));
    const end = await finished(document);
    expect(end).toEqual({ loaded: big.length, total: big.length, done: true });
    expect(document.lines.text()).toBe(big);
    expect(whole(document)).toBe(big);
    expect(asked.map(([, offset]) => offset)).toEqual([40, 140, 240, 340, 440, 540]);
    // Progress grows, and the whole length is known from the first slice on.
    expect(seen.map((p) => p.loaded)).toEqual([140, 240, 340, 440, 540, big.length]);
    expect(seen.every((p) => p.total === big.length)).toBe(true);
  });

  it('builds the same array as messagesAsJson from several messages, cut or whole', async () => {
    const small = '{\n  "n": 1\n}';
    const { read } = engine({ 2: big, 4: small }, 64);
    const document = new ResponseDocument(
      [
        { position: 2, json: big.slice(0, 10), truncated: true },
        { position: 4, json: small },
      ],
      read,
    );
    await finished(document);
    expect(document.lines.text()).toBe(messagesAsJson([big, small]));
  });

  it('says why when the engine no longer has the message', async () => {
    const document = new ResponseDocument([{ position: 0, json: '{', truncated: true }], () =>
      Promise.reject(new Error("No messages are kept for call 'c' (it was released)")),
    );
    expect((await finished(document)).error).toMatch(/released/);
  });
});
