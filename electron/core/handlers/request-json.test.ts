import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { startDemoServer, type DemoServer } from '../demo';
import { Engine } from '../engine';

/* Request JSON as the UI sends it (call.open / call.send through the contract) to the demo server:
 * 64-bit integers typed without quotes arrive exactly, and every kind of bad value is refused
 * with the path the user typed. Mirror answers with what the server decoded, so the response
 * shows the value that arrived. */

let demo: DemoServer;
let engine: Engine;
let client: RpcClient<LoupeContract>;

beforeAll(async () => {
  demo = await startDemoServer();
});
beforeEach(() => {
  engine = new Engine({ version: '9.9.9-test', demoAddress: demo.address });
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  client = new RpcClient<LoupeContract>(clientPort);
});
afterEach(() => {
  client.close();
  engine.dispose();
});
afterAll(() => demo.stop());

interface Opened {
  events: CallEvent[];
  ended: Promise<ErrorData | undefined>;
}

function open(callId: string, method: string, messages: string[]): Opened {
  const events: CallEvent[] = [];
  const ended = new Promise<ErrorData | undefined>((resolve) => {
    client.subscribe(
      'call.open',
      { target: { address: demo.address }, callId, method, messages },
      { onEvents: (e) => void events.push(...e), onEnd: resolve },
    );
  });
  return { events, ended };
}

const answer = (events: CallEvent[]): string => {
  const e = events.find((x) => x.type === 'received');
  if (!e || e.type !== 'received' || e.json === undefined)
    throw new Error(`no response in ${events.map((x) => x.type).join(', ')}`);
  return e.json;
};

async function mirror(body: string): Promise<Record<string, unknown>> {
  const call = open(`m-${Math.random()}`, 'loupe.demo.v1.Demo/Mirror', [body]);
  expect(await call.ended).toBeUndefined();
  // 64-bit integers come back as JSON strings, so JSON.parse keeps them exact.
  return JSON.parse(answer(call.events)) as Record<string, unknown>;
}

async function refusal(body: string): Promise<string> {
  const call = open(`bad-${Math.random()}`, 'loupe.demo.v1.Demo/Mirror', [body]);
  const error = await call.ended;
  expect(error?.code).toBe('VALIDATION');
  expect(call.events).toEqual([]);
  return error!.message;
}

describe('request JSON through the engine: 64-bit integers typed without quotes', () => {
  it('arrive exactly at the server, at their extremes, in fields, maps, lists and wrappers', async () => {
    const body = `{
      "bigSigned": -9223372036854775808,
      "zigzag": 9223372036854775807,
      "bigUnsigned": 18446744073709551615,
      "fixed": 9007199254740993,
      "counters": {"a": 9007199254740993, "b": -9223372036854775808},
      "wrappedInt": 9223372036854775807
    }`;
    expect(await mirror(body)).toEqual({
      bigSigned: '-9223372036854775808',
      zigzag: '9223372036854775807',
      bigUnsigned: '18446744073709551615',
      fixed: '9007199254740993',
      counters: { a: '9007199254740993', b: '-9223372036854775808' },
      wrappedInt: '9223372036854775807',
    });
  });

  it('arrive exactly when written with an exponent or a zero fraction, also inside an Any', async () => {
    const body = `{
      "bigSigned": 9007199254740993e0,
      "bigUnsigned": 1.8446744073709551615e19,
      "zigzag": -1e3,
      "small": 1e3,
      "counters": {"a": 90071992547409930E-1},
      "wrappedInt": 12.0,
      "extra": {"@type": "type.googleapis.com/loupe.demo.v1.Sample", "bigSigned": 9.007199254740993e15}
    }`;
    expect(await mirror(body)).toEqual({
      bigSigned: '9007199254740993',
      bigUnsigned: '18446744073709551615',
      zigzag: '-1000',
      small: 1000,
      counters: { a: '9007199254740993' },
      wrappedInt: '12',
      extra: { '@type': 'type.googleapis.com/loupe.demo.v1.Sample', bigSigned: '9007199254740993' },
    });
  });

  it('stay numbers where the field is a double (a double rounds them, as any JSON reader would)', async () => {
    const out = await mirror(
      '{"precise": 12345678901234567890, "anything": 9007199254740993, "attributes": {"id": 18446744073709551615}}',
    );
    expect(out).toEqual({
      precise: 12345678901234567000,
      anything: 9007199254740992,
      attributes: { id: 18446744073709552000 },
    });
  });

  it('arrive exactly on a client stream, from call.open and call.send', async () => {
    const call = open('sum-exact', 'loupe.demo.v1.Demo/Sum', ['{"value": 9223372036854775807}']);
    await new Promise<void>((resolve, reject) => {
      const started = setInterval(
        () => call.events.some((e) => e.type === 'started') && (clearInterval(started), resolve()),
        5,
      );
      void call.ended.then((e) => (clearInterval(started), reject(new Error(`ended: ${e?.message}`))));
    });
    for (const message of [
      '{"value": -9223372036854775808}',
      '{"value": 9007199254740993}',
      '{"value": 9007199254740993}',
    ]) {
      expect(await client.request('call.send', { callId: 'sum-exact', message })).toBeNull();
    }
    await client.request('call.halfClose', { callId: 'sum-exact' });
    expect(await call.ended).toBeUndefined();
    // 2^63-1 - 2^63 + 2 * (2^53 + 1); rounded inputs would give ...984 or an out-of-range error.
    expect(JSON.parse(answer(call.events))).toMatchObject({ total: '18014398509481985', count: 4 });
  });
});

describe('request JSON through the engine: each kind of bad value names the path as typed', () => {
  const cases: Array<[string, string]> = [
    ['{"small": 3000000000}', 'small: 3000000000 is out of range for int32 (-2147483648 to 2147483647)'],
    [
      '{"big_unsigned": 18446744073709551616}',
      'big_unsigned: 18446744073709551616 is out of range for uint64 (0 to 18446744073709551615)',
    ],
    [
      '{"bigSigned": -9223372036854775809}',
      'bigSigned: -9223372036854775809 is out of range for int64 (-9223372036854775808 to 9223372036854775807)',
    ],
    ['{"bigUnsigned": -1}', 'bigUnsigned: -1 is out of range for uint64 (0 to 18446744073709551615)'],
    ['{"small": 1.5}', 'small: expected an integer (int32), got 1.5'],
    // Fractions a double would round away are refused, not rounded.
    ['{"bigSigned": 9007199254740993.5}', 'bigSigned: expected an integer (int64), got 9007199254740993.5'],
    [
      '{"counters": {"a": 1e19}}',
      'counters["a"]: 10000000000000000000 is out of range for int64 (-9223372036854775808 to 9223372036854775807)',
    ],
    ['{"small": 1.0000000000000001}', 'small: expected an integer (int32), got 1.0000000000000001'],
    ['{"small": "1.0000000000000001"}', 'small: expected an integer (int32), got "1.0000000000000001"'],
    ['{"wrappedInt": 2.00000000000000001e1}', 'wrappedInt: expected an integer (int64), got 2.00000000000000001e1'],
    [
      '{"extra": {"@type": "type.googleapis.com/loupe.demo.v1.Sample", "zigzag": 1.5e0}}',
      'extra.zigzag: expected an integer (sint64), got 1.5',
    ],
    ['{"points": [{}, {"x": "abc"}]}', 'points[1].x: expected a number (double), got "abc"'],
    ['{"name": 5}', 'name: expected a string, got 5'],
    ['{"flag": "yes"}', 'flag: expected true or false, got "yes"'],
    ['{"tags": "x"}', 'tags: expected an array, got "x"'],
    ['{"origin": 5}', 'origin: expected an object (loupe.demo.v1.Sample.Point), got 5'],
    ['{"counters": {"a": "x"}}', 'counters["a"]: expected an integer (int64), got "x"'],
    ['{"pointsById": {"x": {}}}', 'pointsById["x"]: expected an int32 map key, got "x"'],
    ['{"wrappedInt": "x"}', 'wrappedInt: expected an integer (int64), got "x"'],
    [
      '{"color": "PURPLE"}',
      'color: unknown value "PURPLE" of enum loupe.demo.v1.Color (expected one of COLOR_UNSPECIFIED, COLOR_RED, COLOR_GREEN, COLOR_BLUE, or its number)',
    ],
    [
      '{"createdAt": "yesterday"}',
      'createdAt: expected a Timestamp in RFC 3339 form, e.g. "2024-01-31T12:00:00Z", got "yesterday"',
    ],
    ['{"ttl": "5 min"}', 'ttl: expected a Duration in seconds with an "s" suffix, e.g. "1.5s", got "5 min"'],
    [
      '{"mask": "name,points_by_id"}',
      'mask: expected a FieldMask of comma-separated lowerCamelCase paths, e.g. "name,address.city", got "name,points_by_id"',
    ],
    ['{"blob": "***"}', 'blob: expected base64-encoded bytes, got "***"'],
    ['{"email": "a@b.c", "phone": "123"}', 'phone: "email" is set too; only one field of oneof contact may be set'],
    [
      '{"extra": {"@type": "type.googleapis.com/no.Such"}}',
      'extra: unknown type "type.googleapis.com/no.Such" in "@type": the loaded schema has no message no.Such',
    ],
    [
      '{"extra": {"@type": "type.googleapis.com/loupe.demo.v1.Sample.Point", "x": "abc"}}',
      'extra.x: expected a number (double), got "abc"',
    ],
    ['{"points": [{"z": 1}]}', 'points[0].z: unknown field "z" in loupe.demo.v1.Sample.Point (fields: x, y, label)'],
    [
      '{"name": "a",}',
      'The request is not valid JSON at line 1, column 14: expected a double-quoted property name, unexpected "}"',
    ],
  ];
  it.each(cases)('%s', async (body, message) => {
    expect(await refusal(body)).toBe(message);
  });

  it('a bad message on a stream says which message it was', async () => {
    const call = open('sum-bad', 'loupe.demo.v1.Demo/Sum', ['{"value": 1}']);
    await new Promise<void>((resolve) => {
      const started = setInterval(
        () => call.events.some((e) => e.type === 'started') && (clearInterval(started), resolve()),
        5,
      );
    });
    const err = await client
      .request('call.send', { callId: 'sum-bad', message: '{"value": 18446744073709551615}' })
      .then(
        () => undefined,
        (e: ErrorData) => e,
      );
    expect(err).toMatchObject({
      code: 'VALIDATION',
      message:
        'Request message #2: value: 18446744073709551615 is out of range for int64 (-9223372036854775808 to 9223372036854775807)',
    });
    await client.request('call.halfClose', { callId: 'sum-bad' });
    expect(await call.ended).toBeUndefined();
  });
});
