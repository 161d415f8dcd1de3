import { beforeAll, describe, expect, it } from 'vitest';
import type { DescMessage } from '@bufbuild/protobuf';
import type { SchemaRegistry } from '../schema/registry';
import { loadCorpus } from '../schema/testdata/corpus';
import { messageRenderer, type MessageRenderer } from './codec';
import { MessageEvent, wireBytesOf, wireProblem } from './message-event';

let reg: SchemaRegistry;
let sink: DescMessage;
beforeAll(async () => {
  reg = await loadCorpus();
  sink = reg.message('kitchen.Sink');
});

/** The engine's renderer, counting how often it decodes. */
function counting(): { render: MessageRenderer; calls: () => number } {
  const render = messageRenderer(sink, sink, reg.registry);
  let calls = 0;
  return {
    render: (...args) => {
      calls++;
      return render(...args);
    },
    calls: () => calls,
  };
}

const BIG = '{"fInt64":"-9007199254740993","fUint64":"18446744073709551615","fFixed64":"9007199254740993"}';

describe('MessageEvent', () => {
  it('decodes nothing until its JSON is read, then once however often it is read', () => {
    const { render, calls } = counting();
    const event = new MessageEvent('received', 1.5, 0, reg.messageFromJson(sink, BIG), { render, emitDefaults: false });
    expect(calls()).toBe(0);
    const first = event.json;
    expect(event.json).toBe(first);
    expect((JSON.parse(JSON.stringify(event)) as { json: string }).json).toBe(first);
    expect(calls()).toBe(1);
  });

  it('keeps 64-bit integers exact, as strings', () => {
    const { render } = counting();
    const event = new MessageEvent('received', 0, 0, reg.messageFromJson(sink, BIG), { render, emitDefaults: false });
    expect(JSON.parse(event.json)).toEqual(JSON.parse(BIG));
  });

  it('serializes as a plain event and keeps its bytes to the engine', () => {
    const { render } = counting();
    const bytes = reg.messageFromJson(sink, '{"fString":"x"}');
    const event = new MessageEvent('sent', 2, 3, bytes, { render, emitDefaults: true });
    expect(JSON.parse(JSON.stringify(event))).toEqual({
      type: 'sent',
      t: 2,
      index: 3,
      size: bytes.length,
      json: JSON.stringify({ ...JSON.parse(event.json) }),
    });
    expect(JSON.parse(event.json)).toMatchObject({ fString: 'x', fInt32: 0 }); // emitDefaults applies
    expect(Object.keys({ ...event })).toEqual(['type', 't', 'index', 'size']);
    expect(wireBytesOf(event)).toBe(bytes);
    expect(wireBytesOf({ type: 'sent', json: '{}' })).toBeUndefined();
  });
});

describe('wireProblem', () => {
  it('passes well-formed bytes without decoding them', () => {
    expect(wireProblem(sink, reg.messageFromJson(sink, BIG))).toBeUndefined();
  });

  it("says the decoder's reason and the field where reading stopped", () => {
    // f_message (17) holding f_string (14) whose length runs past the end.
    const bytes = Uint8Array.from([0x8a, 0x01, 0x03, 0x72, 0x05, 0x61]);
    expect(wireProblem(sink, bytes)).toBe('premature EOF (in field f_message.f_string)');
  });

  it('lets the decoder decide what the strict scan would refuse', () => {
    // f_int32 (3) tagged as a fixed32 but holding a varint, then f_int32 again: the decoder
    // reads a field by its type, whatever its tag says.
    const bytes = Uint8Array.from([0x1d, 0x01, 0x18, 0x01]);
    expect(wireProblem(sink, bytes)).toBeUndefined();
  });
});
