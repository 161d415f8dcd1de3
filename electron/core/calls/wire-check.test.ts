import { beforeAll, describe, expect, it } from 'vitest';
import { fromBinary, type DescMessage } from '@bufbuild/protobuf';
import type { SchemaRegistry } from '../schema/registry';
import { loadCorpus } from '../schema/testdata/corpus';
import { wellFormed } from './wire-check';
import { seededRandom } from '../test-support/seeded-random';

/*
 * The arrival check must never pass bytes the decoder refuses: a message it lets through is
 * decoded only later (or never), so a lenient check would turn a call that should fail into
 * a message that cannot be shown. Mutated encodings of rich messages are put to both.
 */

let reg: SchemaRegistry;
beforeAll(async () => {
  reg = await loadCorpus();
});

const SINK = JSON.stringify({
  fDouble: 1.5,
  fFloat: -2.25,
  fInt32: -7,
  fInt64: '-9007199254740993',
  fUint32: 4000000000,
  fUint64: '18446744073709551615',
  fSint32: -300,
  fSint64: '-123456789012345',
  fFixed32: 77,
  fFixed64: '9007199254740993',
  fSfixed32: -5,
  fSfixed64: '-6',
  fBool: true,
  fString: 'héllo ✓',
  fBytes: 'AAEC/w==',
  fEnum: 'HIGH',
  fMessage: { fString: 'inner', rInt64: ['1', '2', '3'] },
  rInt64: ['1', '-1', '300'],
  rEnum: ['LOW', 'HIGH'],
  rMessage: [{ fInt32: 1 }, { fString: 'x' }],
  mStringInt64: { a: '1', ü: '2' },
  mInt64String: { '5': 'five' },
  mBoolSink: { true: { fBool: true } },
  cString: 'chosen',
  oInt32: 0,
  wTimestamp: '2024-01-02T03:04:05.5Z',
  wInt64: '42',
  wString: 's',
  wStruct: { k: [1, 'two', null, { n: true }] },
  wAny: { '@type': 'type.googleapis.com/google.protobuf.Duration', value: '1.5s' },
  customName: 'named',
});

const ORDER = JSON.stringify({ id: 'o-1', quantity: 3, note: 'n', shipping: { address: 'street' }, codes: [1, 2] });

function samples(): { desc: DescMessage; bytes: Uint8Array }[] {
  return [
    { desc: reg.message('kitchen.Sink'), bytes: reg.messageFromJson(reg.message('kitchen.Sink'), SINK) },
    { desc: reg.message('legacy.Order'), bytes: reg.messageFromJson(reg.message('legacy.Order'), ORDER) },
  ];
}

const decodes = (desc: DescMessage, bytes: Uint8Array) => {
  try {
    fromBinary(desc, bytes);
    return true;
  } catch {
    return false;
  }
};

function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  let out = Uint8Array.from(bytes);
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.5) out[at] = Math.floor(next() * 256);
    else if (kind < 0.7) out = out.subarray(0, at);
    else if (kind < 0.85)
      out = Uint8Array.from([...out.subarray(0, at), Math.floor(next() * 256), ...out.subarray(at)]);
    else out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + 1)]);
  }
  return out;
}

describe('wellFormed', () => {
  it('passes what the encoder wrote, every field kind, group and map included', () => {
    for (const { desc, bytes } of samples()) expect(wellFormed(desc, bytes)).toEqual({ ok: true });
  });

  it('never passes bytes the decoder refuses (2,000 seeded mutations per message)', () => {
    const next = seededRandom(23);
    let refusedByDecoder = 0;
    for (const { desc, bytes } of samples()) {
      for (let i = 0; i < 2000; i++) {
        const mutated = mutate(bytes, next);
        if (decodes(desc, mutated)) continue;
        refusedByDecoder++;
        expect(
          wellFormed(desc, mutated).ok,
          `mutation ${i} of ${desc.typeName}: ${Buffer.from(mutated).toString('hex')}`,
        ).toBe(false);
      }
    }
    // The mutations must exercise the refusals, or the test proves nothing.
    expect(refusedByDecoder).toBeGreaterThan(500);
  });

  it('names the field where the bytes stop reading', () => {
    const desc = reg.message('kitchen.Sink');
    // f_message (17) holding f_string (14) whose length runs past the end.
    const inner = [0x72, 0x05, 0x61];
    const bytes = Uint8Array.from([0x8a, 0x01, inner.length, ...inner]);
    expect(wellFormed(desc, bytes)).toEqual({ ok: false, field: 'f_message.f_string' });
    // Invalid UTF-8 in a proto3 string.
    expect(wellFormed(desc, Uint8Array.from([0x72, 0x02, 0xc3, 0x28]))).toEqual({ ok: false, field: 'f_string' });
  });
});
