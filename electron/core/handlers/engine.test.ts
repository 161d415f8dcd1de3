import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import {
  useEngineWithDemo,
  until,
  types,
  received,
  lastStatus,
  failure,
  freePort,
} from '../test-support/engine-with-demo';

/* The engine's app, schema and call entries of the contract, against the demo server. */

const kit = useEngineWithDemo();
const { connect, openCall } = kit;

describe('Engine: app and schema', () => {
  it('answers app.info', async () => {
    const { client } = connect();
    expect(await client.request('app.info', {})).toEqual({
      name: 'Loupe',
      version: '9.9.9-test',
      demoAddress: kit.demo.address,
      capabilities: { nativeFileDialogs: false },
    });
  });

  it('schema.load reflects the demo services', async () => {
    const { client } = connect();
    const summary = await client.request('schema.load', { target: { address: kit.demo.address } });
    const demoService = summary.services.find((s) => s.fullName === 'loupe.demo.v1.Demo');
    expect(demoService?.methods.map((m) => `${m.name}:${m.kind}`)).toEqual([
      'Echo:unary',
      'GetSample:unary',
      'Mirror:unary',
      'Ticker:server_streaming',
      'Sum:client_streaming',
      'Chat:bidi_streaming',
    ]);
    expect(summary.sources).toEqual(['reflection v1']);
  });

  it('schema.method returns the template, the JSON Schema and the description', async () => {
    const { client } = connect();
    const details = await client.request('schema.method', {
      target: { address: kit.demo.address },
      method: 'loupe.demo.v1.Demo/Ticker',
    });
    expect(details.method).toMatchObject({
      fullName: 'loupe.demo.v1.Demo.Ticker',
      kind: 'server_streaming',
      requestType: 'loupe.demo.v1.TickerRequest',
    });
    expect(JSON.parse(details.template)).toEqual({
      count: 0,
      intervalMs: 0,
      payloadBytes: 0,
      failAfter: 0,
      fail: { code: 0, message: '', withDetails: false },
    });
    expect(details.requestSchema).toMatchObject({
      title: 'loupe.demo.v1.TickerRequest',
      type: 'object',
      properties: { count: { type: 'integer', minimum: 0, maximum: 4294967295 } },
    });
    expect(details.description).toContain(
      'rpc Ticker ( .loupe.demo.v1.TickerRequest ) returns ( stream .loupe.demo.v1.Tick );',
    );
    expect(details.description).toContain('// Server streaming. Sends `count` ticks');
  });

  it('schema.load of an unreachable address fails with UNAVAILABLE, as data', async () => {
    const { client } = connect();
    const address = `127.0.0.1:${await freePort()}`;
    const err = await failure(client.request('schema.load', { target: { address } }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('UNAVAILABLE');
    // Re-diagnosed in plain language rather than grpc-js's transport text.
    expect(err.message).toMatch(
      new RegExp(`^Connection refused: nothing is listening on ${address.replace(/\./g, '\\.')}`),
    );
  });
});

describe('Engine: calls', () => {
  it('unary Echo: started, sent, headers, received, trailers, status OK, in that order', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'echo-1',
      method: 'loupe.demo.v1.Demo/Echo',
      messages: ['{"message":"hello"}'],
      metadata: [{ name: 'x-test', value: 'yes' }],
    });
    expect(await call.ended).toBeUndefined();
    expect(types(call.events)).toEqual(['started', 'sent', 'half-closed', 'headers', 'received', 'trailers', 'status']);
    const reply = received(call.events)[0]!;
    expect(JSON.parse(reply.json!)).toMatchObject({ message: 'hello', metadataCount: 1 });
    expect(call.events.find((e) => e.type === 'headers')).toMatchObject({
      metadata: expect.arrayContaining([{ name: 'x-test', value: 'yes' }]),
    });
    expect(lastStatus(call.events)).toMatchObject({ code: 0, name: 'OK' });
  });

  it('a call without auth shows it started while the server is still answering (nothing held back)', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'echo-slow',
      method: 'loupe.demo.v1.Demo/Echo',
      messages: ['{"message":"slow","delayMs":5000}'],
    });
    await until('started and sent shown', () => types(call.events).includes('sent'));
    expect(types(call.events)).not.toContain('received');
    call.sub.cancel();
  });

  it("every demo method's template, sent unchanged, succeeds (a new user's first call)", async () => {
    const { client } = connect();
    const target = { address: kit.demo.address };
    const summary = await client.request('schema.load', { target });
    const methods = summary.services.find((s) => s.fullName === 'loupe.demo.v1.Demo')!.methods;
    const outcomes: Record<string, string | undefined> = {};
    for (const m of methods) {
      const { template } = await client.request('schema.method', { target, method: m.fullName });
      const callId = `template-${m.name}`;
      const call = openCall(client, { callId, method: m.fullName, messages: [template] });
      // Client and bidi streams end when the client does.
      if (m.kind === 'client_streaming' || m.kind === 'bidi_streaming')
        await client.request('call.halfClose', { callId });
      expect(await call.ended).toBeUndefined();
      outcomes[m.name] = lastStatus(call.events)?.name;
    }
    expect(outcomes).toEqual({ Echo: 'OK', GetSample: 'OK', Mirror: 'OK', Ticker: 'OK', Sum: 'OK', Chat: 'OK' });
  });

  it('invalid request JSON ends the stream with VALIDATION naming the field, before any event', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'bad-1',
      method: 'loupe.demo.v1.Demo/Echo',
      messages: ['{"mesage":"typo"}'],
    });
    const error = await call.ended;
    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toContain('mesage');
    expect(call.events).toEqual([]);
    expect(kit.engine.calls.openCalls).toBe(0);
  });

  it('call.open on an unreachable target ends the stream with UNAVAILABLE, before any event', async () => {
    const { client } = connect();
    const call = openCall(client, {
      target: { address: `127.0.0.1:${await freePort()}` },
      callId: 'nowhere',
      method: 'loupe.demo.v1.Demo/Echo',
    });
    expect(await call.ended).toMatchObject({ code: 'UNAVAILABLE' });
    expect(call.events).toEqual([]);
  });

  it('a 20,000-message server stream arrives complete, in order, in batches', async () => {
    const { client } = connect();
    const count = 20_000;
    const call = openCall(client, {
      callId: 'ticker-20k',
      method: 'loupe.demo.v1.Demo/Ticker',
      messages: [JSON.stringify({ count, payloadBytes: 16 })],
    });
    expect(await call.ended).toBeUndefined();
    const rx = received(call.events);
    expect(rx.map((e) => e.index)).toEqual(Array.from({ length: count }, (_, i) => i));
    // Only the first 20 messages, and those arriving 50 ms or more after the last one that carried
    // JSON (slow stretches), carry it; the rest is read on demand. Checked against the arrival
    // times themselves, so it holds however fast this machine delivered the stream.
    expect(JSON.parse(rx[0]!.json!)).toMatchObject({ seq: '1' });
    let lastCarried = Number.NEGATIVE_INFINITY;
    const carriesJson = rx.map((e) => {
      const expected = e.index < 20 || e.t - lastCarried >= 50;
      if (expected) lastCarried = e.t;
      return expected;
    });
    expect(rx.map((e) => e.json !== undefined)).toEqual(carriesJson);
    // ...and the others travel packed: runs of consecutive messages, at most 256 to an event.
    const runs = call.events.filter((e) => e.type === 'received-run');
    expect(runs.reduce((n, r) => n + r.times.length, 0)).toBe(carriesJson.filter((c) => !c).length);
    expect(Math.max(...runs.map((r) => r.times.length))).toBeLessThanOrEqual(256);
    const last = await client.request('call.messages', { callId: 'ticker-20k', count: 1 });
    expect(last).toMatchObject({ total: count + 1, first: 0 }); // the request counts too
    expect(last.messages[0]).toMatchObject({
      position: count,
      index: count - 1,
      direction: 'received',
      size: rx.at(-1)!.size,
    });
    expect(JSON.parse(last.messages[0]!.json)).toMatchObject({ seq: String(count) });
    expect(lastStatus(call.events)?.code).toBe(0);
    // A batch holds at most 512 events (how many there are depends on timing: see npm run bench).
    expect(call.batches).toBeGreaterThanOrEqual(Math.ceil(call.events.length / 512));
  }, 120_000);

  it('client streaming Sum: call.send x N, then call.halfClose', async () => {
    const { client } = connect();
    const call = openCall(client, { callId: 'sum-1', method: 'loupe.demo.v1.Demo.Sum', messages: ['{"value":"1"}'] });
    // The id is addressable only once the call started (see the known-gap test below).
    await until('call started', () => call.events.some((e) => e.type === 'started'));
    for (let v = 2; v <= 10; v++)
      expect(
        await client.request('call.send', { callId: 'sum-1', message: JSON.stringify({ value: String(v) }) }),
      ).toBeNull();
    // A huge int64 crosses as a string and stays exact.
    await client.request('call.send', { callId: 'sum-1', message: '{"value":"9007199254740993"}' });
    await client.request('call.halfClose', { callId: 'sum-1' });
    expect(await call.ended).toBeUndefined();
    expect(call.events.filter((e) => e.type === 'sent')).toHaveLength(11);
    expect(JSON.parse(received(call.events)[0]!.json!)).toMatchObject({ total: '9007199254741048', count: 11 });
    expect(lastStatus(call.events)?.code).toBe(0);
  });

  it('bidi Chat: each message is answered before the next is sent', async () => {
    const { client } = connect();
    let answered = 0;
    let onAnswer = (): void => undefined;
    const call = openCall(client, { callId: 'chat-1', method: 'loupe.demo.v1.Demo/Chat' }, (events) => {
      answered += received(events).length;
      onAnswer();
    });
    await until('call started', () => call.events.some((e) => e.type === 'started'));
    const waitAnswers = (n: number) => new Promise<void>((r) => (onAnswer = () => answered >= n && r()));
    for (const [i, text] of ['one', 'two', 'three'].entries()) {
      const answer = waitAnswers(i + 1);
      await client.request('call.send', { callId: 'chat-1', message: JSON.stringify({ user: 'ann', text }) });
      await answer;
    }
    await client.request('call.halfClose', { callId: 'chat-1' });
    expect(await call.ended).toBeUndefined();
    const log = call.events
      .filter((e) => e.type === 'sent' || e.type === 'received')
      .map((e) => `${e.type}:${(JSON.parse(e.json) as { text: string }).text}`);
    expect(log).toEqual([
      'sent:one',
      'received:ann said: one',
      'sent:two',
      'received:ann said: two',
      'sent:three',
      'received:ann said: three',
    ]);
  });

  it('call.cancel ends a running stream with its CANCELLED status, delivered to the caller like any end', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'stop-me',
      method: 'loupe.demo.v1.Demo/Ticker',
      messages: ['{"count":100000,"intervalMs":5}'],
    });
    await until('a tick arrived', () => received(call.events).length > 0);
    expect(await client.request('call.cancel', { callId: 'stop-me' })).toBeNull();
    expect(await call.ended).toBeUndefined();
    expect(lastStatus(call.events)).toMatchObject({ code: 1, name: 'CANCELLED' });
    // No plain-language "failure" for what the user asked for.
    expect(call.events.some((e) => e.type === 'error')).toBe(false);
    await until('no calls left open', () => kit.engine.calls.openCalls === 0);
    // A call that already ended: nothing to do, and no error either.
    expect(await client.request('call.cancel', { callId: 'stop-me' })).toBeNull();
  });

  it('call.cancel right after call.open, while the schema may still load, cancels the call as it starts', async () => {
    const { client } = connect();
    const target = { address: kit.demo.address, authority: 'cancel-early.test' }; // a schema not loaded yet
    const call = openCall(client, { target, callId: 'early-stop', method: 'loupe.demo.v1.Demo/Chat' });
    expect(await client.request('call.cancel', { callId: 'early-stop' })).toBeNull();
    expect(await call.ended).toBeUndefined();
    expect(lastStatus(call.events)).toMatchObject({ code: 1, name: 'CANCELLED' });
    await until('no calls left open', () => kit.engine.calls.openCalls === 0);
  });

  // call.open reserves its id before loading the schema: sends that arrive meanwhile wait, in order.
  it('accepts call.send sent right after call.open, while the schema still loads', async () => {
    const { client } = connect();
    const call = openCall(client, { callId: 'early', method: 'loupe.demo.v1.Demo/Sum' });
    expect(await client.request('call.send', { callId: 'early', message: '{"value":"5"}' })).toBeNull();
    await client.request('call.halfClose', { callId: 'early' });
    expect(await call.ended).toBeUndefined();
    expect(JSON.parse(received(call.events)[0]!.json!)).toMatchObject({ total: '5', count: 1 });
  });

  it('refuses a second call with an id that is still open', async () => {
    const { client } = connect();
    const first = openCall(client, { callId: 'dup', method: 'loupe.demo.v1.Demo/Chat' });
    await until('first call open', () => first.events.some((e) => e.type === 'started'));
    const openBefore = kit.engine.calls.openCalls;
    const second = openCall(client, { callId: 'dup', method: 'loupe.demo.v1.Demo/Echo', messages: ['{}'] });
    expect(await second.ended).toMatchObject({ code: 'VALIDATION', message: "A call with id 'dup' is already open" });
    expect(second.events).toEqual([]);
    expect(kit.engine.calls.openCalls).toBe(openBefore);
    await client.request('call.halfClose', { callId: 'dup' });
    expect(await first.ended).toBeUndefined();
  });

  it('keeps the live stream of a call whose id a refused duplicate reused', async () => {
    const { client } = connect();
    const first = openCall(client, { callId: 'live', method: 'loupe.demo.v1.Demo/Chat' });
    await until('first call open', () => first.events.some((e) => e.type === 'started'));
    await client.request('call.send', { callId: 'live', message: '{"text": "one"}' });
    await until('first answer', () => first.events.some((e) => e.type === 'received'));
    for (const method of ['loupe.demo.v1.Demo/Chat', 'loupe.demo.v1.Demo/Ticker']) {
      const dup = openCall(client, { callId: 'live', method, messages: ['{}'] });
      expect(await dup.ended).toMatchObject({ code: 'VALIDATION', message: "A call with id 'live' is already open" });
    }
    // The original still sends, receives and keeps its messages, and ends only when its user ends it.
    await client.request('call.send', { callId: 'live', message: '{"text": "two"}' });
    await until('second answer', () => first.events.filter((e) => e.type === 'received').length === 2);
    const kept = await client.request('call.messages', { callId: 'live', from: 0, count: 10 });
    expect(kept.messages.map((m) => JSON.parse(m.json) as { text: string }).map((m) => m.text)).toEqual([
      'one',
      'you said: one',
      'two',
      'you said: two',
    ]);
    await client.request('call.halfClose', { callId: 'live' });
    expect(await first.ended).toBeUndefined();
    expect(lastStatus(first.events)).toMatchObject({ name: 'OK' });
  });

  it('refuses a duplicate id sent before the first call finished opening, and leaves nothing running for it', async () => {
    const { client } = connect();
    // A fresh target (the schema is not loaded yet) so both opens wait on the same schema load.
    const target = { address: kit.demo.address, authority: 'dup-race.test' };
    const first = openCall(client, { target, callId: 'race', method: 'loupe.demo.v1.Demo/Chat' });
    const second = openCall(client, { target, callId: 'race', method: 'loupe.demo.v1.Demo/Chat' });
    expect(await second.ended).toMatchObject({ code: 'VALIDATION', message: "A call with id 'race' is already open" });
    // The id is reserved before the schema loads, so the duplicate never started at all.
    expect(second.events).toEqual([]);
    await until('first call started', () => first.events.some((e) => e.type === 'started'));
    await client.request('call.halfClose', { callId: 'race' });
    expect(await first.ended).toBeUndefined();
    // Nothing may be left running for the refused duplicate.
    await until('no calls left open', () => kit.engine.calls.openCalls === 0);
  });
});
