import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageForm } from '../../../shared/model/message-form';
import { getAt, readBody, setAt, writeBody, type JsonPath } from '../../../shared/form/body-tree';
import { anyHolding, chosenMember, pickMember } from '../../../shared/form/fields';
import { base64ToHex, hexToBase64, parseMapKey, parseScalar, scalarText } from '../../../shared/form/scalars';
import { joinTimestamp, parseDuration, parseFieldMask, splitTimestamp } from '../../../shared/form/well-known';
import type { SchemaRegistry } from './registry';
import { loadCorpus } from './testdata/corpus';

/*
 * The form model (shared/form) against the real schema and the engine's own JSON codec: what a
 * form writes is what protobuf reads, exactly, and reading back gives the form the same values.
 */

let reg: SchemaRegistry;
let sink: MessageForm;
beforeAll(async () => {
  reg = await loadCorpus();
  sink = reg.messageForm('kitchen.Sink');
});

/** Text a form writes, through protobuf and back out as the engine's JSON. */
function viaProtobuf(text: string): unknown {
  const desc = reg.message('kitchen.Sink');
  const json = reg.messageToJson(desc, reg.messageFromJson(desc, text));
  const read = readBody(json);
  if (!read.ok) throw new Error(read.reason);
  return read.value;
}

/** Types text into a scalar input at path, as the form does. */
function typeInto(body: unknown, path: JsonPath, scalar: Parameters<typeof parseScalar>[0], text: string): unknown {
  const parsed = parseScalar(scalar, text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.problem}`);
  return setAt(body, path, parsed.json);
}

describe('form description', () => {
  it('names each field kind, oneof, map key and well-known type', () => {
    const fields = Object.fromEntries(sink.messages['kitchen.Sink']!.fields.map((f) => [f.name, f]));
    expect(fields.f_sint64!.type).toEqual({ kind: 'scalar', scalar: 'int64' });
    expect(fields.f_fixed64!.type).toEqual({ kind: 'scalar', scalar: 'uint64' });
    expect(fields.f_enum!.type).toEqual({ kind: 'enum', enum: 'kitchen.Level' });
    expect(fields.m_int64_string).toMatchObject({ cardinality: 'map', mapKey: 'int64' });
    expect(fields.r_message).toMatchObject({ cardinality: 'list', type: { kind: 'message', message: 'kitchen.Sink' } });
    expect(fields.o_int32!.explicitPresence).toBe(true);
    expect(fields.f_int32!.explicitPresence).toBeUndefined();
    expect(fields.json_named!.jsonName).toBe('customName');
    expect(sink.messages['kitchen.Sink']!.oneofs).toEqual([{ name: 'choice', members: ['cString', 'cMessage'] }]);
    expect(sink.messages['kitchen.Sink']!.comment).toBe('Every field kind, for JSON round trips.');
    expect(sink.messages['google.protobuf.Int64Value']).toMatchObject({ wellKnown: 'wrapper', wrapped: 'int64' });
    expect(sink.messages['google.protobuf.Timestamp']!.wellKnown).toBe('Timestamp');
    expect(sink.messages['google.protobuf.Any']!.wellKnown).toBe('Any');
    // Reached types are described once each, recursion included; well-known types' insides are not.
    expect(sink.messages['google.rpc.Status']!.fields.map((f) => f.name)).toEqual(['code', 'message', 'details']);
    expect(sink.messages['google.protobuf.Struct']!.fields).toEqual([]);
    expect(sink.enums['kitchen.Level']!.values.map((v) => v.name)).toEqual(['LEVEL_UNSPECIFIED', 'LOW', 'HIGH']);
    expect(sink.anyTypes).toContain('kitchen.Sink');
    expect(sink.anyTypes).toEqual([...sink.anyTypes].sort());
  });

  it("lists a proto2 message's extensions as fields keyed as proto3 JSON writes them", () => {
    const form = reg.messageForm('legacy.Order');
    const order = form.messages['legacy.Order']!;
    const byKey = Object.fromEntries(order.fields.map((f) => [f.jsonName, f]));
    expect(byKey['[legacy.gift_message]']).toMatchObject({
      name: '[legacy.gift_message]',
      number: 100,
      extension: true,
      explicitPresence: true,
      type: { kind: 'scalar', scalar: 'string' },
    });
    expect(byKey['[legacy.coupons]']).toMatchObject({ cardinality: 'list', type: { kind: 'scalar', scalar: 'int64' } });
    // An extension declared inside another message: its type is reached and described too.
    expect(byKey['[legacy.Holder.holder]']!.type).toEqual({ kind: 'message', message: 'legacy.Holder' });
    expect(form.messages['legacy.Holder']!.fields.map((f) => f.name)).toEqual(['label']);
    expect(byKey.id).toMatchObject({ required: true, explicitPresence: true });
    expect(byKey.id!.extension).toBeUndefined();
    expect(byKey['[legacy.gift_message]']!.required).toBeUndefined();

    // What the form writes under those keys is what protobuf reads, exactly.
    let body: unknown = { id: 'o-1' };
    body = setAt(body, ['[legacy.gift_message]'], 'happy birthday');
    body = setAt(body, ['[legacy.coupons]'], ['9007199254740993']);
    body = setAt(body, ['[legacy.Holder.holder]', 'label'], 'box');
    const desc = reg.message('legacy.Order');
    const json = reg.messageToJson(desc, reg.messageFromJson(desc, writeBody(body)));
    const read = readBody(json);
    expect(read.ok && read.value).toEqual(body);
  });
});

describe('JSON text <-> form', () => {
  it('keeps 64-bit extremes exact, typed quoted or not, through edits of other fields', () => {
    const typed = '{"fInt64": 9223372036854775807, "fUint64": "18446744073709551615", "fSint64": -9223372036854775808}';
    const read = readBody(typed);
    expect(read.ok).toBe(true);
    const body = read.ok ? read.value : undefined;
    expect(scalarText('int64', getAt(body, ['fInt64']))).toBe('9223372036854775807');
    expect(scalarText('int64', getAt(body, ['fSint64']))).toBe('-9223372036854775808');
    const edited = writeBody(typeInto(body, ['fString'], 'string', 'x'));
    expect(edited).toContain('"fInt64": 9223372036854775807');
    expect(viaProtobuf(edited)).toMatchObject({
      fInt64: '9223372036854775807',
      fUint64: '18446744073709551615',
      fSint64: '-9223372036854775808',
    });
    // Typed into the form: written as exact strings.
    const typedIn = typeInto(
      typeInto({}, ['fFixed64'], 'uint64', '18446744073709551615'),
      ['fInt64'],
      'int64',
      '-9223372036854775808',
    );
    expect(viaProtobuf(writeBody(typedIn))).toMatchObject({
      fFixed64: '18446744073709551615',
      fInt64: '-9223372036854775808',
    });
  });

  it('refuses out-of-range and malformed numbers with what is wrong', () => {
    expect(parseScalar('int64', '9223372036854775808')).toEqual({
      ok: false,
      problem: 'out of range: int64 holds -9223372036854775808 to 9223372036854775807',
    });
    expect(parseScalar('uint64', '-1').ok).toBe(false);
    expect(parseScalar('int32', '2147483648').ok).toBe(false);
    expect(parseScalar('int32', '1.5').ok).toBe(false);
    expect(parseScalar('uint32', '4294967295')).toEqual({ ok: true, json: 4294967295 });
    expect(parseScalar('float', '1e39').ok).toBe(false);
    expect(parseScalar('double', '1e39')).toEqual({ ok: true, json: 1e39 });
    expect(parseScalar('double', 'abc').ok).toBe(false);
    expect(parseScalar('bool', 'yes').ok).toBe(false);
  });

  it('writes NaN and the infinities as proto3 JSON strings', () => {
    let body: unknown = {};
    body = typeInto(body, ['fFloat'], 'float', 'NaN');
    body = typeInto(body, ['fDouble'], 'double', '-Infinity');
    body = typeInto(body, ['wDouble'], 'double', 'Infinity');
    expect(viaProtobuf(writeBody(body))).toMatchObject({ fFloat: 'NaN', fDouble: '-Infinity', wDouble: 'Infinity' });
  });

  it('keeps bytes as base64, from hex, and empty bytes as set', () => {
    const hex = hexToBase64('0x00 ff:10');
    expect(hex).toEqual({ ok: true, json: 'AP8Q' });
    expect(base64ToHex('AP8Q')).toBe('00 ff 10');
    expect(hexToBase64('abc').ok).toBe(false);
    expect(parseScalar('bytes', 'not base64!').ok).toBe(false);
    let body = setAt({}, ['fBytes'], hex.ok ? hex.json : '');
    body = typeInto(body, ['rMessage', 0, 'fBytes'], 'bytes', '');
    // An empty BytesValue is set, unlike an absent one.
    body = setAt(body, ['wBytes'], '');
    expect(viaProtobuf(writeBody(body))).toEqual({ fBytes: 'AP8Q', rMessage: [{}], wBytes: '' });
  });

  it('keys maps exactly, int64 keys included', () => {
    let body: unknown = {};
    for (const key of ['9223372036854775807', '-9223372036854775808']) {
      const k = parseMapKey('int64', key);
      if (!k.ok) throw new Error(k.problem);
      body = setAt(body, ['mInt64String', k.key], `v${key}`);
    }
    expect(parseMapKey('int64', '9223372036854775808').ok).toBe(false);
    expect(parseMapKey('bool', 'yes').ok).toBe(false);
    body = setAt(body, ['mBoolSink', 'true'], {});
    expect(viaProtobuf(writeBody(body))).toEqual({
      mInt64String: { '9223372036854775807': 'v9223372036854775807', '-9223372036854775808': 'v-9223372036854775808' },
      mBoolSink: { true: {} },
    });
  });

  it('picks one oneof member at a time, clearing the other (written by either name)', () => {
    const message = sink.messages['kitchen.Sink']!;
    let body: unknown = { c_string: 'typed by proto name', fInt32: 1 };
    expect(chosenMember(body, message, 'choice')?.name).toBe('c_string');
    body = pickMember(body, message, 'choice', 'cMessage', sink);
    expect(body).toEqual({ fInt32: 1, cMessage: {} });
    body = typeInto(body, ['cMessage', 'fString'], 'string', 'inner');
    // Picking the member already set keeps its value.
    expect(pickMember(body, message, 'choice', 'cMessage', sink)).toEqual(body);
    expect(viaProtobuf(writeBody(body))).toEqual({ fInt32: 1, cMessage: { fString: 'inner' } });
    expect(pickMember(body, message, 'choice', undefined, sink)).toEqual({ fInt32: 1 });
  });

  it('tells a wrapper unset from a wrapper holding zero', () => {
    let body = setAt({}, ['wInt64'], '0');
    body = setAt(body, ['wBool'], false);
    body = setAt(body, ['wString'], 'x');
    body = setAt(body, ['wString'], undefined);
    expect(viaProtobuf(writeBody(body))).toEqual({ wInt64: '0', wBool: false });
  });

  it('writes well-known types the way protobuf reads them', () => {
    const at = joinTimestamp('2024-02-29T23:59:59', '5000');
    expect(at).toEqual({ ok: true, json: '2024-02-29T23:59:59.000005Z' });
    expect(splitTimestamp('2024-03-01T01:59:59.000005+02:00')).toEqual({
      ok: true,
      utc: '2024-02-29T23:59:59',
      nanos: 5000,
    });
    expect(splitTimestamp('yesterday').ok).toBe(false);
    expect(joinTimestamp('2024-02-29T23:59', '1000000000').ok).toBe(false);
    expect(parseDuration('1.5').ok).toBe(false);
    expect(parseDuration('315576000001s').ok).toBe(false);
    expect(parseFieldMask('fString, rMessage.fInt64')).toEqual({ ok: true, json: 'fString,rMessage.fInt64' });
    expect(parseFieldMask('f_string').ok).toBe(false);
    const struct = readBody('{"big": 12345678901234567890, "list": [1, "a", null]}');
    let body = setAt({}, ['wTimestamp'], at.ok ? at.json : '');
    body = setAt(body, ['wDuration'], '-0.000000001s');
    body = setAt(body, ['wMask'], 'fString,rMessage.fInt64');
    body = setAt(body, ['wStruct'], struct.ok ? struct.value : undefined);
    body = setAt(body, ['wList'], []);
    body = setAt(body, ['wEmpty'], {});
    expect(viaProtobuf(writeBody(body))).toEqual({
      wTimestamp: '2024-02-29T23:59:59.000005Z',
      wDuration: '-0.000000001s',
      wMask: 'fString,rMessage.fInt64',
      // A Struct's numbers are doubles in protobuf itself: the digits past a double's are gone.
      wStruct: { big: 12345678901234567000n, list: [1, 'a', null] },
      wList: [],
      wEmpty: {},
    });
  });

  it('fills nested Anys: a message beside "@type", a well-known type under "value"', () => {
    let body: unknown = setAt({}, ['wAny'], anyHolding('kitchen.Sink', sink));
    body = setAt(body, ['wAny', 'wAny'], anyHolding('google.protobuf.Int64Value', sink));
    body = typeInto(body, ['wAny', 'wAny', 'value'], 'int64', '-9223372036854775808');
    body = setAt(body, ['wAny', 'fEnum'], 'HIGH');
    expect(viaProtobuf(writeBody(body))).toEqual({
      wAny: {
        '@type': 'type.googleapis.com/kitchen.Sink',
        fEnum: 'HIGH',
        wAny: { '@type': 'type.googleapis.com/google.protobuf.Int64Value', value: '-9223372036854775808' },
      },
    });
  });

  it('says where broken JSON is broken, and never rewrites it', () => {
    expect(readBody('{\n  "fInt32": 1,\n}')).toMatchObject({ ok: false, line: 3, column: 1 });
    expect(readBody('')).toEqual({ ok: true, value: {} });
  });

  it('edits lists and maps by path, keeping key order and "__proto__" as a plain key', () => {
    const read = readBody('{"b": 1, "__proto__": {"x": 1}, "a": [1, 2, 3]}');
    const body = read.ok ? read.value : undefined;
    const edited = setAt(setAt(body, ['a', 1], undefined), ['b'], 2);
    expect(writeBody(edited)).toBe('{\n  "b": 2,\n  "__proto__": {\n    "x": 1\n  },\n  "a": [\n    1,\n    3\n  ]\n}');
    expect(Object.getPrototypeOf(edited)).toBe(Object.prototype);
  });
});
