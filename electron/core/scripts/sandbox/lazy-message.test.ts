import { join } from 'node:path';
import {
  create,
  createFileRegistry,
  fromBinary,
  ScalarType,
  type DescField,
  type DescMessage,
} from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import * as chai from 'chai';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageToJson } from '../../calls/codec';
import { compileProtoFiles } from '../../schema/compile-protos';
import { TESTDATA } from '../../schema/testdata/oracle';
import { DEMO_DESCRIPTOR_SET_BASE64 } from '../../demo/demo-descriptor.generated';
import { messagePlans } from '../worker/message-plans';
import { MessageReader } from './lazy-message';
import { base64Text, utf8Text } from './wire-text';
import { seededRandom } from '../../test-support/seeded-random';

/*
 * The lazy objects must read exactly as the JSON the eager printer made (what scripts saw before
 * and what every other view shows): random wire encodings of every kind of field, repeated
 * occurrences, interleaved oneof members, packed and unpacked lists, groups, unknown fields,
 * values the printer refuses, compared on everything a script can observe.
 */

type Registry = ReturnType<typeof createFileRegistry>;
let registry: Registry;
let corpus: Registry;

beforeAll(async () => {
  const files = await compileProtoFiles(['lazy3.proto', 'lazy2.proto'], [join(__dirname, '../testdata')]);
  registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
  const more = await compileProtoFiles(
    ['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'],
    [join(TESTDATA, 'protos'), join(TESTDATA, 'common')],
  );
  corpus = createFileRegistry(create(FileDescriptorSetSchema, { file: more }));
}, 60_000);

const INT64S = [
  '0',
  '1',
  '-1',
  '9007199254740993',
  '-9007199254740993',
  '9223372036854775807',
  '-9223372036854775808',
  '4294967296',
  '-4294967297',
];
const UINT64S = ['0', '1', '18446744073709551615', '9007199254740993', '4294967295', '2097152', '9007199254740991'];
const DOUBLES = [0, -0, 1.5, -2.25, NaN, Infinity, -Infinity, 1e21, 5e-324, 0.1, 3.4028234663852886e38];
const STRINGS = ['', 'a', 'héllo ✓', '\u{1F600}', '\uFEFFbom', 'toString', 'x'.repeat(40)];
const INT32S = [0, 1, -1, 2147483647, -2147483648, 300];

/** Random wire bytes for `desc`, some of them beyond what a serializer writes (repeats, unknowns, odd UTF-8). */
function randomWire(desc: DescMessage, rnd: () => number, depth: number): Uint8Array {
  const w = new BinaryWriter();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const fields = desc.fields.slice();
  const rounds = 1 + Math.floor(rnd() * 2);
  for (let round = 0; round < rounds; round++) {
    for (const f of fields.sort(() => rnd() - 0.5)) {
      if (rnd() < 0.45) continue;
      writeField(w, f, rnd, depth, pick);
    }
    if (rnd() < 0.2) w.tag(900 + Math.floor(rnd() * 50), WireType.Varint).uint64(pick(UINT64S));
    if (rnd() < 0.1) w.tag(999, WireType.LengthDelimited).bytes(new Uint8Array([1, 2, 3]));
  }
  return w.finish();
}

function scalar(
  w: BinaryWriter,
  type: ScalarType,
  rnd: () => number,
  pick: <T>(l: readonly T[]) => T,
  strict = true,
): void {
  switch (type) {
    case ScalarType.DOUBLE:
      return void w.double(pick(DOUBLES));
    case ScalarType.FLOAT:
      return void w.float(pick(DOUBLES));
    case ScalarType.INT64:
      return void w.int64(pick(INT64S));
    case ScalarType.SINT64:
      return void w.sint64(pick(INT64S));
    case ScalarType.SFIXED64:
      return void w.sfixed64(pick(INT64S));
    case ScalarType.UINT64:
      return void w.uint64(pick(UINT64S));
    case ScalarType.FIXED64:
      return void w.fixed64(pick(UINT64S));
    case ScalarType.INT32:
      return void w.int32(pick(INT32S));
    case ScalarType.SINT32:
      return void w.sint32(pick(INT32S));
    case ScalarType.SFIXED32:
      return void w.sfixed32(pick(INT32S));
    case ScalarType.UINT32:
      return void w.uint32(pick([0, 1, 4294967295, 128]));
    case ScalarType.FIXED32:
      return void w.fixed32(pick([0, 1, 4294967295, 128]));
    case ScalarType.BOOL:
      // A bool may arrive as any varint.
      return void (rnd() < 0.2 ? w.uint64('4294967296') : w.bool(rnd() < 0.5));
    case ScalarType.STRING:
      // Sometimes bytes that are not UTF-8: proto3 refuses them, proto2 reads U+FFFD.
      if (!strict && rnd() < 0.3)
        return void w.bytes(new Uint8Array([0x61, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]));
      return void w.string(pick(STRINGS));
    case ScalarType.BYTES:
      return void w.bytes(new Uint8Array(Math.floor(rnd() * 7)).map(() => rnd() * 256));
  }
}

function wireTypeOf(type: ScalarType): WireType {
  switch (type) {
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    default:
      return WireType.Varint;
  }
}

function enumValue(f: DescField, rnd: () => number): number {
  const values = f.enum!.values;
  return rnd() < 0.15 ? 7 + Math.floor(rnd() * 3) : values[Math.floor(rnd() * values.length)]!.number;
}

function messageValue(w: BinaryWriter, message: DescMessage, rnd: () => number, depth: number): void {
  if (message.typeName === 'google.protobuf.Timestamp' || message.typeName === 'google.protobuf.Duration') {
    const inner = new BinaryWriter();
    const range =
      message.typeName === 'google.protobuf.Timestamp'
        ? [0, 1700000000, -62135596800, 253402300799, -62135596801, 253402300800]
        : [0, 1, -1, 315576000000, 315576000001, -5];
    if (rnd() < 0.9) inner.tag(1, WireType.Varint).int64(range[Math.floor(rnd() * range.length)]!);
    if (rnd() < 0.7)
      inner.tag(2, WireType.Varint).int32([0, 500000000, 1000, 1, -1, 1000000000, 123456789][Math.floor(rnd() * 7)]!);
    w.bytes(inner.finish());
    return;
  }
  if (message.typeName === 'google.protobuf.FieldMask') {
    const inner = new BinaryWriter();
    for (const p of ['a_b', 'foo__bar', 'fooBar', 'x1_y'].filter(() => rnd() < 0.5))
      inner.tag(1, WireType.LengthDelimited).string(p);
    w.bytes(inner.finish());
    return;
  }
  w.bytes(depth > 0 ? randomWire(message, rnd, depth - 1) : new Uint8Array());
}

function writeField(
  w: BinaryWriter,
  f: DescField,
  rnd: () => number,
  depth: number,
  pick: <T>(l: readonly T[]) => T,
): void {
  const n = f.number;
  if (f.fieldKind === 'map') {
    const entry = new BinaryWriter();
    if (rnd() < 0.9) {
      entry.tag(1, wireTypeOf(f.mapKey));
      scalar(entry, f.mapKey, rnd, pick);
    }
    if (rnd() < 0.9) {
      if (f.mapKind === 'message') {
        entry.tag(2, WireType.LengthDelimited);
        messageValue(entry, f.message, rnd, depth);
      } else if (f.mapKind === 'enum') entry.tag(2, WireType.Varint).int32(enumValue(f, rnd));
      else {
        entry.tag(2, wireTypeOf(f.scalar));
        scalar(entry, f.scalar, rnd, pick);
      }
    }
    w.tag(n, WireType.LengthDelimited).bytes(entry.finish());
    return;
  }
  const kind = f.fieldKind === 'list' ? f.listKind : f.fieldKind;
  const count = f.fieldKind === 'list' ? Math.floor(rnd() * 4) : 1;
  if (kind === 'message') {
    for (let i = 0; i < count; i++) {
      if ((f as { delimitedEncoding?: boolean }).delimitedEncoding) {
        w.tag(n, WireType.StartGroup);
        w.raw(depth > 0 ? randomWire(f.message!, rnd, depth - 1) : new Uint8Array());
        w.tag(n, WireType.EndGroup);
      } else {
        w.tag(n, WireType.LengthDelimited);
        messageValue(w, f.message!, rnd, depth);
      }
    }
    return;
  }
  const type = kind === 'enum' ? ScalarType.INT32 : f.scalar!;
  const one = () => (kind === 'enum' ? w.int32(enumValue(f, rnd)) : scalar(w, type, rnd, pick, f.utf8Validation));
  if (f.fieldKind === 'list' && type !== ScalarType.STRING && type !== ScalarType.BYTES && rnd() < 0.5) {
    w.tag(n, WireType.LengthDelimited).fork();
    for (let i = 0; i < count; i++) one();
    w.join();
    return;
  }
  for (let i = 0; i < count; i++) {
    w.tag(n, kind === 'enum' ? WireType.Varint : wireTypeOf(type));
    one();
  }
}

/** Everything a script can see of a value, as plain data (keys in order, -0 kept apart). */
function observe(value: unknown): unknown {
  if (typeof value === 'number' && Object.is(value, -0)) return '(-0)';
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(observe);
  const keys = Object.keys(value);
  const own = keys.every((k) => Object.hasOwn(value, k) && k in value);
  return {
    keys,
    own,
    spread: Object.keys({ ...value }),
    values: keys.map((k) => observe((value as Record<string, unknown>)[k])),
  };
}

/** Compares `seeds` random messages; counts those that decoded, and those the printer refused. */
function compare(reg: Registry, typeName: string, seeds: number, depth = 2): { checked: number; refused: number } {
  const desc = reg.getMessage(typeName)!;
  const plans = messagePlans(desc, reg)!;
  expect(plans, typeName).toBeDefined();
  const reader = new MessageReader(JSON.parse(JSON.stringify(plans)));
  let checked = 0;
  let refused = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const bytes = randomWire(desc, seededRandom(seed), depth);
    let message;
    try {
      message = fromBinary(desc, bytes);
    } catch {
      continue; // the engine stops a call on bytes its decoder refuses: they never reach scripts
    }
    const eager: unknown = JSON.parse(messageToJson(desc, message, reg, true, bytes));
    const text = Buffer.from(bytes).toString('latin1');
    const lazy = reader.message(text, 0, text.length);
    const context = `${typeName}, seed ${seed}`;
    expect(JSON.stringify(lazy), context).toBe(JSON.stringify(eager));
    expect(observe(lazy), context).toEqual(observe(eager));
    chai.expect(lazy, context).to.deep.equal(eager);
    // A second message read in another order: each field's value does not depend on what was read first.
    const again = reader.message(text, 0, text.length) as Record<string, unknown>;
    if (again && typeof again === 'object') {
      for (const key of Object.keys(eager as object).reverse())
        chai.expect(again[key], context).to.deep.equal((eager as Record<string, unknown>)[key]);
      // Writes and deletes behave as on the parsed object.
      const parsed = structuredClone(eager) as Record<string, unknown>;
      const [first] = Object.keys(parsed);
      if (first !== undefined) {
        delete again[first];
        delete parsed[first];
      }
      again.added = 1;
      parsed.added = 1;
      expect(observe(again), context).toEqual(observe(parsed));
    }
    checked++;
    if (typeof eager === 'object' && eager !== null && '@loupe.error' in eager) refused++;
  }
  return { checked, refused };
}

describe('lazy received messages', () => {
  it('read as the printed JSON: every proto3 field kind and well-known type', () => {
    const { checked, refused } = compare(registry, 'lazy.Everything', 600);
    expect(checked).toBeGreaterThan(300);
    // Timestamps and durations out of range, Values without a kind, irreversible field masks.
    expect(refused).toBeGreaterThan(20);
  });

  it('read as the printed JSON: proto2 groups, closed enums, required fields, unchecked UTF-8', () => {
    const { checked, refused } = compare(registry, 'lazy.Old', 600);
    expect(checked).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(20); // required fields missing
  });

  it('read as the printed JSON: the test corpus and the demo', () => {
    const demo = createFileRegistry(
      fromBinary(FileDescriptorSetSchema, Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64')),
    );
    for (const name of ['loupe.demo.v1.Tick', 'loupe.demo.v1.TickerRequest'])
      expect(compare(demo, name, 100).checked).toBeGreaterThan(50);
    for (const type of corpus) {
      if (type.kind !== 'message' || !messagePlans(type, corpus)) continue;
      compare(corpus, type.typeName, 40);
    }
  });

  it('leaves messages with an Any or extensions to the eager printer', () => {
    expect(messagePlans(corpus.getMessage('kitchen.Sink')!, corpus)).toBeUndefined();
    expect(messagePlans(corpus.getMessage('legacy.Order')!, corpus)).toBeUndefined();
    expect(messagePlans(corpus.getMessage('legacy.Holder')!, corpus)).toBeDefined();
  });

  it('decodes UTF-8 as TextDecoder does and base64 as Buffer does, for any bytes', () => {
    const rnd = seededRandom(7);
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const interesting = [
      0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0xa0, 0x9f, 0x90, 0x8f,
    ];
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 12) }, () =>
        rnd() < 0.7 ? interesting[Math.floor(rnd() * interesting.length)]! : Math.floor(rnd() * 256),
      );
      const text = 'xx' + Buffer.from(bytes).toString('latin1');
      expect(utf8Text(text, 2, text.length), String(bytes)).toBe(decoder.decode(bytes));
      expect(base64Text(text, 2, text.length)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('decodes a field only when read, and keeps what it read', () => {
    const desc = registry.getMessage('lazy.Everything')!;
    const reader = new MessageReader(messagePlans(desc, registry)!);
    const w = new BinaryWriter();
    w.tag(4, WireType.Varint).int64('7');
    w.tag(17, WireType.LengthDelimited).bytes(
      new BinaryWriter().tag(14, WireType.LengthDelimited).string('in').finish(),
    );
    const text = Buffer.from(w.finish()).toString('latin1');
    const m = reader.message(text, 0, text.length) as Record<string, Record<string, unknown>>;
    expect(m.fInt64).toBe('7');
    expect(m.fMessage).toBe(m.fMessage);
    expect(m.fMessage!.fString).toBe('in');
    expect('cString' in m).toBe(false);
    expect(Object.keys(m)).toContain('fMessage');
  });
});
