import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model';
import type { SchemaRegistry } from './registry';
import { loadCorpus } from './testdata/corpus';

let reg: SchemaRegistry;
beforeAll(async () => {
  reg = await loadCorpus();
});

/** JSON text -> binary -> canonical JSON value. */
function roundTrip(type: string, input: unknown, opts: { emitDefaults?: boolean } = {}): unknown {
  const desc = reg.message(type);
  const bytes = reg.messageFromJson(desc, typeof input === 'string' ? input : JSON.stringify(input));
  return JSON.parse(reg.messageToJson(desc, bytes, opts));
}

function validationError(type: string, text: string, opts?: { ignoreUnknownFields?: boolean }): AppError {
  try {
    reg.messageFromJson(reg.message(type), text, opts);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('JSON <-> binary', () => {
  it('round-trips every scalar kind in canonical form', () => {
    const canonical = {
      fDouble: 1.5,
      fFloat: -2.25,
      fInt32: -7,
      fInt64: '-9007199254740993',
      fUint32: 4294967295,
      fUint64: '18446744073709551615',
      fSint32: -3,
      fSint64: '-4',
      fFixed32: 5,
      fFixed64: '6',
      fSfixed32: -8,
      fSfixed64: '-9',
      fBool: true,
      fString: 'héllo',
      fBytes: 'AAEC/w==',
      fEnum: 'HIGH',
      fMessage: { fString: 'inner' },
      rInt64: ['1', '9007199254740993'],
      rEnum: ['LOW', 'HIGH'],
      rMessage: [{ fInt32: 1 }, {}],
      mStringInt64: { a: '1' },
      mInt64String: { '-5': 'x' },
      mBoolSink: { true: { fBool: true } },
      cMessage: { fString: 'chosen' },
      oInt32: 0,
      customName: 'json_name field',
    };
    expect(roundTrip('kitchen.Sink', canonical)).toEqual(canonical);
  });

  it('keeps int64 precision beyond 2^53, also for unquoted numbers', () => {
    expect(roundTrip('kitchen.Sink', '{"fInt64": "9007199254740993"}')).toEqual({ fInt64: '9007199254740993' });
    expect(roundTrip('kitchen.Sink', '{"fInt64": 9007199254740993, "fUint64": 18446744073709551615}')).toEqual({
      fInt64: '9007199254740993',
      fUint64: '18446744073709551615',
    });
    expect(roundTrip('kitchen.Sink', '{"fInt64": 42, "fString": "9007199254740993"}')).toEqual({
      fInt64: '42',
      fString: '9007199254740993',
    });
  });

  it('reads unquoted big integers by the field they land in: exact for 64-bit integers, a double where JSON means one', () => {
    const text = `{
      "rInt64": [9223372036854775807, -9223372036854775808],
      "mInt64String": {"1": "x"},
      "wInt64": 9007199254740993,
      "wDouble": 9007199254740993,
      "wList": [18446744073709551615],
      "wAny": {"@type": "type.googleapis.com/google.protobuf.Value", "value": 9007199254740993},
      "rMessage": [{"wAny": {"@type": "type.googleapis.com/kitchen.Sink", "fUint64": 18446744073709551615, "fDouble": 18446744073709551615}}]
    }`;
    expect(roundTrip('kitchen.Sink', text)).toEqual({
      rInt64: ['9223372036854775807', '-9223372036854775808'],
      mInt64String: { '1': 'x' },
      wInt64: '9007199254740993',
      wDouble: 9007199254740992,
      wList: [18446744073709552000],
      wAny: { '@type': 'type.googleapis.com/google.protobuf.Value', value: 9007199254740992 },
      rMessage: [
        {
          wAny: {
            '@type': 'type.googleapis.com/kitchen.Sink',
            fUint64: '18446744073709551615',
            fDouble: 18446744073709552000,
          },
        },
      ],
    });
    // ...and refused, quoting the digits typed, where no number belongs.
    expect(validationError('kitchen.Sink', '{"fString": 9007199254740993}').message).toBe(
      'fString: expected a string, got 9007199254740993',
    );
    expect(validationError('kitchen.Sink', '{"wTimestamp": 9007199254740993}').message).toMatch(
      /^wTimestamp: expected a Timestamp .*, got 9007199254740993$/,
    );
  });

  it('reads a 64-bit integer written with an exponent exactly, and refuses one with a fraction', () => {
    // A double would round 9007199254740993e0 to ...992 and 9007199254740993.5 to ...994 silently.
    expect(
      roundTrip(
        'kitchen.Sink',
        '{"fInt64": 9007199254740993e0, "fUint64": 1.8446744073709551615E19, "fSint64": -1e3, "fFixed64": 1e19, "fSfixed64": 12.0, "rInt64": [90071992547409930e-1]}',
      ),
    ).toEqual({
      fInt64: '9007199254740993',
      fUint64: '18446744073709551615',
      fSint64: '-1000',
      fFixed64: '10000000000000000000',
      fSfixed64: '12',
      rInt64: ['9007199254740993'],
    });
    expect(roundTrip('kitchen.Sink', '{"fInt64": 0e999999999, "wInt64": 1.5e1}')).toEqual({ wInt64: '15' });
    for (const [text, message] of [
      ['{"fInt64": 9007199254740993.5}', 'fInt64: expected an integer (int64), got 9007199254740993.5'],
      [
        '{"fUint64": 1.00000000000000000001e19}',
        'fUint64: expected an integer (uint64), got 1.00000000000000000001e19',
      ],
      ['{"rInt64": [1, 9007199254740992.25]}', 'rInt64[1]: expected an integer (int64), got 9007199254740992.25'],
      ['{"mStringInt64": {"a": 5e-1}}', 'mStringInt64["a"]: expected an integer (int64), got 0.5'],
      ['{"wInt64": 1.0000000000000001}', 'wInt64: expected an integer (int64), got 1.0000000000000001'],
      ['{"fUint64": 1.9e19}', 'fUint64: 19000000000000000000 is out of range for uint64 (0 to 18446744073709551615)'],
    ]) {
      expect(validationError('kitchen.Sink', text!).message).toBe(message);
    }
  });

  it('reads 32-bit integers written with an exponent, and refuses a fraction a double would drop', () => {
    expect(
      roundTrip('kitchen.Sink', '{"fInt32": 1e3, "fUint32": 4.294967295e9, "rMessage": [{"fFixed32": 7.0}]}'),
    ).toEqual({
      fInt32: 1000,
      fUint32: 4294967295,
      rMessage: [{ fFixed32: 7 }],
    });
    expect(validationError('kitchen.Sink', '{"fInt32": 1.0000000000000001}').message).toBe(
      'fInt32: expected an integer (int32), got 1.0000000000000001',
    );
    expect(validationError('kitchen.Sink', '{"fInt32": 2.5}').message).toBe(
      'fInt32: expected an integer (int32), got 2.5',
    );
    // Quoted, as protobuf's JSON allows for 32-bit integers: the same, with the text as typed.
    expect(roundTrip('kitchen.Sink', '{"fInt32": "1e3", "fUint32": "7.0", "wUint32": "2E1"}')).toEqual({
      fInt32: 1000,
      fUint32: 7,
      wUint32: 20,
    });
    expect(validationError('kitchen.Sink', '{"rMessage": [{"fSint32": "1.0000000000000001"}]}').message).toBe(
      'rMessage[0].fSint32: expected an integer (sint32), got "1.0000000000000001"',
    );
    expect(validationError('kitchen.Sink', '{"wUint32": "4.00000000000000001e0"}').message).toBe(
      'wUint32: expected an integer (uint32), got "4.00000000000000001e0"',
    );
  });

  it('keeps doubles and Struct values as doubles whatever form they are written in', () => {
    expect(
      roundTrip(
        'kitchen.Sink',
        '{"fDouble": 1e3, "fFloat": 2.0, "wStruct": {"a": 1.0000000000000001}, "wDouble": 9007199254740993.5}',
      ),
    ).toEqual({
      fDouble: 1000,
      fFloat: 2,
      wStruct: { a: 1 },
      wDouble: 9007199254740994,
    });
  });

  it('refuses a quoted 64-bit integer with a fraction or an exponent, as protobuf-es and the C++ parser do', () => {
    expect(validationError('kitchen.Sink', '{"fInt64": "9007199254740993.0"}').message).toBe(
      'fInt64: expected an integer (int64), got "9007199254740993.0"',
    );
    expect(validationError('kitchen.Sink', '{"fUint64": "1e3"}').message).toBe(
      'fUint64: expected an integer (uint64), got "1e3"',
    );
  });

  it('names stream messages by position, also for syntax errors', () => {
    const sink = reg.message('kitchen.Sink');
    expect(() => reg.messageFromJson(sink, '{"fInt32": 1', { index: 2 })).toThrow(
      /^Request message #3 is not valid JSON at line 1, column 13: /,
    );
    expect(() => reg.messageFromJson(sink, '{"rEnum": ["LOW", "NOPE"]}', { index: 0 })).toThrow(
      /^Request message #1: rEnum\[1\]: unknown value "NOPE" of enum kitchen\.Level /,
    );
  });

  it('accepts original field names and enum numbers on input, writes lowerCamelCase and names', () => {
    expect(roundTrip('kitchen.Sink', { f_int32: 1, json_named: 'x', f_enum: 2, r_enum: [1] })).toEqual({
      fInt32: 1,
      customName: 'x',
      fEnum: 'HIGH',
      rEnum: ['LOW'],
    });
    expect(roundTrip('shop.v1.Product', { display_name: 'Book' })).toEqual({ title: 'Book' });
  });

  it('maps the well-known types to their JSON forms', () => {
    const wkt = {
      wTimestamp: '2024-02-29T12:34:56.789Z',
      wDuration: '-1.500s',
      wInt64: '9007199254740993',
      wString: '',
      wBool: false,
      wBytes: 'AQ==',
      wDouble: 'NaN',
      wUint32: 7,
      wStruct: { a: 1, b: [true, null, 'x'], c: { d: {} } },
      wValue: 'just a string',
      wList: [1, 'two'],
      wMask: 'fInt32,fMessage.fString',
      wEmpty: {},
      wDate: { year: 2024, month: 2, day: 29 },
    };
    expect(roundTrip('kitchen.Sink', wkt)).toEqual({ ...wkt, wDuration: '-1.500s' });
  });

  it('resolves Any "@type" through the registry, including WKTs in their value form', () => {
    const any = {
      wAny: {
        '@type': 'type.googleapis.com/shop.v1.Product',
        id: 'p1',
        title: 'Dune',
        price: { currencyCode: 'EUR', units: '12' },
      },
      wStatus: {
        code: 3,
        message: 'bad',
        details: [{ '@type': 'type.googleapis.com/google.protobuf.Duration', value: '2s' }],
      },
    };
    expect(roundTrip('kitchen.Sink', any)).toEqual(any);
    const err = validationError('kitchen.Sink', '{"wAny": {"@type": "type.googleapis.com/no.Such"}}');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^wAny: .*no\.Such/);
  });

  it('handles proto2 required fields, defaults, groups and extensions', () => {
    const order = {
      id: 'o1',
      quantity: 3,
      shipping: { address: 'Main St' },
      '[legacy.gift_message]': 'Happy birthday',
      '[legacy.coupons]': ['9007199254740993'],
      '[legacy.Holder.holder]': { label: 'h' },
    };
    expect(roundTrip('legacy.Order', order)).toEqual(order);
    const missing = validationError('legacy.Order', '{"quantity": 2}');
    expect(missing.message).toBe('id: required field is not set');
    expect(missing.details).toEqual({ path: 'id', type: 'legacy.Order' });
  });

  it('emits default-valued fields on request', () => {
    const out = roundTrip('shop.v1.ImportSummary', {}, { emitDefaults: true });
    expect(out).toEqual({ imported: '0', errors: [] });
    expect(roundTrip('shop.v1.ImportSummary', {})).toEqual({});
  });

  it('rejects unknown fields with their path, unless told to ignore them', () => {
    const err = validationError('kitchen.Sink', '{"rMessage": [{}, {"fMessage": {"zz": 1}}]}');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(
      /^rMessage\[1\]\.fMessage\.zz: unknown field "zz" in kitchen\.Sink \(fields: fDouble, fFloat, /,
    );
    expect(err.details).toEqual({ path: 'rMessage[1].fMessage.zz', type: 'kitchen.Sink' });
    expect(err.locations).toEqual([{ file: 'rMessage[1].fMessage.zz' }]);
    expect(roundTrip('kitchen.Sink', '{"zz": 1, "fInt32": 2}'.replace('"zz": 1, ', ''))).toEqual({ fInt32: 2 });
    const bytes = reg.messageFromJson(reg.message('kitchen.Sink'), '{"zz": 1, "fMessage": {"yy": [1]}, "fInt32": 2}', {
      ignoreUnknownFields: true,
    });
    expect(JSON.parse(reg.messageToJson(reg.message('kitchen.Sink'), bytes))).toEqual({ fInt32: 2, fMessage: {} });
  });

  it('explains bad values with the field path in protobuf terms', () => {
    expect(validationError('kitchen.Sink', '{"fMessage": {"fInt64": "abc"}}').message).toBe(
      'fMessage.fInt64: expected an integer (int64), got "abc"',
    );
    expect(validationError('kitchen.Sink', '{"mBoolSink": {"true": {"fEnum": "NOPE"}}}').message).toMatch(
      /^mBoolSink\["true"\]\.fEnum: unknown value "NOPE" of enum kitchen\.Level /,
    );
    expect(validationError('kitchen.Sink', '{"fString": 5}').message).toBe('fString: expected a string, got 5');
    expect(validationError('kitchen.Sink', '{"cString": "a", "c_message": {}}').message).toMatch(
      /^c_message: "cString" is set too; only one field of oneof \w+ may be set$/,
    );
    expect(validationError('kitchen.Sink', '[]').message).toBe('expected an object (kitchen.Sink), got an array');
    expect(validationError('kitchen.Sink', '{"rMessage": [3]}').message).toBe(
      'rMessage[0]: expected an object (kitchen.Sink), got 3',
    );
  });

  it('points at JSON syntax errors by line and column', () => {
    const err = validationError('kitchen.Sink', '{\n  "fInt32": 1,\n  oops\n}');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/^The request is not valid JSON at line 3, column 3: /);
  });

  it('treats an empty body as an empty message and reports undecodable responses', () => {
    expect(roundTrip('kitchen.Sink', '  ')).toEqual({});
    expect(() => reg.messageToJson(reg.message('kitchen.Sink'), new Uint8Array([0x0a, 0xff]))).toThrow(
      /^The bytes are not a valid kitchen\.Sink/,
    );
  });

  it('turns status details (Any) into JSON when the type is known, base64 otherwise', () => {
    const money = reg.message('acme.Money');
    const bytes = reg.messageFromJson(money, '{"currencyCode": "EUR", "units": "3"}');
    expect(reg.anyToStatusDetail('type.googleapis.com/acme.Money', bytes)).toEqual({
      type: 'acme.Money',
      json: { currencyCode: 'EUR', units: '3' },
    });
    expect(reg.anyToStatusDetail('type.googleapis.com/other.Thing', bytes)).toEqual({
      type: 'other.Thing',
      raw: Buffer.from(bytes).toString('base64'),
    });
  });

  it('encodes requests for a method', () => {
    const method = reg.method('shop.v1.ShopService/GetProduct');
    const bytes = reg.requestFromJson(method, '{"id": "42", "readMask": "id,title"}');
    expect(JSON.parse(reg.messageToJson(method.input, bytes))).toEqual({ id: '42', readMask: 'id,title' });
  });
});
