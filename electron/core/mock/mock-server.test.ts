import { afterEach, describe, expect, it } from 'vitest';
import { loadRules } from './load-rules';
import { startMockServer, type MockServer } from './mock-server';
import type { MockCallEntry } from './call-log';
import { demoSchema, JsonClient, rulesDir } from './test-support/mock-fixture';

/* A mock server from the demo's schema, called by a real grpc-js client, for every kind of method and rule. */

const schema = demoSchema();
const open: { server: MockServer; client: JsonClient }[] = [];
const NOW = Date.parse('2030-01-02T03:04:05.000Z');

async function mockWith(files: Record<string, unknown>, log: MockCallEntry[] = []) {
  const rules = await loadRules(rulesDir(files), schema);
  expect(rules.problems).toEqual([]);
  const server = await startMockServer({ schema, rules: rules.byPath, now: () => NOW, onCall: (e) => log.push(e) });
  const client = new JsonClient(server.address, schema);
  open.push({ server, client });
  return client;
}

afterEach(async () => {
  for (const { server, client } of open.splice(0)) {
    client.close();
    await server.stop();
  }
});

describe('default answers: the sample message of every method', () => {
  it('answers all four kinds without rules', async () => {
    const log: MockCallEntry[] = [];
    const c = await mockWith({}, log);
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { message: 'hi' })).toEqual({ receivedAt: '1970-01-01T00:00:00Z' });
    expect(await c.serverStream('loupe.demo.v1.Demo/Ticker', { count: 3 })).toEqual({
      messages: [{ time: '1970-01-01T00:00:00Z' }],
    });
    expect(await c.clientStream('loupe.demo.v1.Demo/Sum', [{ value: 1 }, { value: 2 }])).toEqual({ elapsed: '0s' });
    const chat = await c.bidi('loupe.demo.v1.Demo/Chat', [{ text: 'a' }, { text: 'b' }]);
    expect(chat.messages).toHaveLength(2);
    expect(log.map((e) => [e.method, e.rule, e.code])).toEqual([
      ['loupe.demo.v1.Demo/Echo', 'default answer', 0],
      ['loupe.demo.v1.Demo/Ticker', 'default answer', 0],
      ['loupe.demo.v1.Demo/Sum', 'default answer', 0],
      ['loupe.demo.v1.Demo/Chat', 'default answer', 0],
    ]);
    expect(log[0]!.requests).toEqual([{ message: 'hi', delayMs: 0 }]);
  });
});

describe('unary rules', () => {
  const echo = (rules: unknown[], vars: Record<string, unknown> = {}) => ({
    'echo.json': { method: 'loupe.demo.v1.Demo/Echo', vars, rules },
  });

  it('matches on equality, regex and presence, in request fields and metadata; the first match wins', async () => {
    const c = await mockWith(
      echo([
        { name: 'exact', when: { request: { message: 'hello' } }, body: { message: 'exact' } },
        { name: 'regex', when: { request: { message: { regex: '^he' } } }, body: { message: 'regex' } },
        { name: 'header', when: { metadata: { 'x-user': { present: true } } }, body: { message: 'header' } },
        { name: 'nested', when: { request: { 'fail.code': 7 } }, body: { message: 'nested' } },
        { name: 'no header', when: { metadata: { 'x-user': { present: false } } }, body: { message: 'anyone' } },
      ]),
    );
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { message: 'hello' })).toMatchObject({ message: 'exact' });
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { message: 'help' })).toMatchObject({ message: 'regex' });
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { message: 'x' }, { 'x-user': 'ann' })).toMatchObject({
      message: 'header',
    });
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { fail: { code: 7 } })).toMatchObject({ message: 'nested' });
    expect(await c.unary('loupe.demo.v1.Demo/Echo', { message: 'x' })).toMatchObject({ message: 'anyone' });
  });

  it('renders templates: request fields, metadata, vars, seq, uuid, now and random in a range', async () => {
    const c = await mockWith(
      echo(
        [
          {
            body: {
              message:
                '{{vars.greeting}} {{request.message}} from {{metadata.x-user}} #{{seq}} {{uuid}} {{random 5 7}}',
              receivedAt: '{{now}}',
              metadataCount: '{{request.delayMs}}',
            },
          },
        ],
        { greeting: 'hello' },
      ),
    );
    const answers: { message: string }[] = [];
    for (let i = 0; i < 3; i++) {
      answers.push(
        (await c.unary('loupe.demo.v1.Demo/Echo', { message: 'ann', delayMs: 3 }, { 'x-user': 'bob' })) as {
          message: string;
        },
      );
    }
    const pattern = /^hello ann from bob #(\d) ([0-9a-f-]{36}) ([5-7])$/;
    expect(answers.map((a) => pattern.exec(a.message)?.[1])).toEqual(['1', '2', '3']);
    expect(new Set(answers.map((a) => pattern.exec(a.message)?.[2])).size).toBe(3);
    expect(answers[0]).toMatchObject({ receivedAt: '2030-01-02T03:04:05Z', metadataCount: 3 });
  });

  it('answers with a status and google.rpc details a client decodes', async () => {
    const c = await mockWith(
      echo([
        {
          status: {
            code: 'INVALID_ARGUMENT',
            message: 'message is required',
            details: [
              {
                type: 'google.rpc.BadRequest',
                json: { fieldViolations: [{ field: 'message', description: 'empty' }] },
              },
              { type: 'google.rpc.ErrorInfo', json: { reason: 'EMPTY', domain: 'demo.loupe' } },
            ],
          },
        },
      ]),
    );
    await expect(c.unary('loupe.demo.v1.Demo/Echo', {})).rejects.toMatchObject({
      code: 3,
      message: 'message is required',
      details: [
        { type: 'google.rpc.BadRequest', json: { fieldViolations: [{ field: 'message', description: 'empty' }] } },
        { type: 'google.rpc.ErrorInfo', json: { reason: 'EMPTY', domain: 'demo.loupe' } },
      ],
    });
  });

  it('waits at least the fixed or random latency before answering', async () => {
    const c = await mockWith(
      echo([
        { when: { request: { message: 'fixed' } }, delayMs: 150, body: { message: 'slow' } },
        { when: { request: { message: 'range' } }, delayMs: { min: 100, max: 120 }, body: { message: 'slow' } },
        { body: { message: 'fast' } },
      ]),
    );
    // Lower bounds only; a timer may fire up to 1 ms before the clock's reading says.
    for (const [message, least] of [
      ['fixed', 149],
      ['range', 99],
    ] as const) {
      const started = performance.now();
      expect(await c.unary('loupe.demo.v1.Demo/Echo', { message })).toMatchObject({ message: 'slow' });
      expect(performance.now() - started).toBeGreaterThanOrEqual(least);
    }
    // Ordering: a fast answer asked after a slow one arrives first.
    const order: string[] = [];
    await Promise.all([
      c.unary('loupe.demo.v1.Demo/Echo', { message: 'fixed' }).then(() => order.push('slow')),
      c.unary('loupe.demo.v1.Demo/Echo', { message: 'other' }).then(() => order.push('fast')),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });
});

describe('stream rules', () => {
  it('server stream: a list of messages, then a status', async () => {
    const c = await mockWith({
      'ticker.json': {
        method: 'loupe.demo.v1.Demo/Ticker',
        rules: [
          { when: { request: { count: 2 } }, messages: [{ seq: '1' }, { seq: '{{request.count}}' }] },
          { when: { request: { count: 9 } }, messages: [{ seq: '1' }], status: { code: 14, message: 'gone' } },
        ],
      },
    });
    expect(await c.serverStream('loupe.demo.v1.Demo/Ticker', { count: 2 })).toEqual({
      messages: [{ seq: '1' }, { seq: '2' }],
    });
    expect(await c.serverStream('loupe.demo.v1.Demo/Ticker', { count: 9 })).toEqual({
      messages: [{ seq: '1' }],
      failure: { code: 14, message: 'gone', details: [] },
    });
  });

  it('server stream: a generator with count, index and fail after N', async () => {
    const c = await mockWith({
      'ticker.json': {
        method: 'loupe.demo.v1.Demo/Ticker',
        rules: [
          { when: { request: { count: 1 } }, generate: { count: 4, body: { seq: '{{index}}' } } },
          {
            generate: { count: 10, failAfter: 3, intervalMs: 5, body: { seq: '{{index}}' } },
            status: { code: 'RESOURCE_EXHAUSTED', message: 'quota' },
          },
        ],
      },
    });
    const all = await c.serverStream('loupe.demo.v1.Demo/Ticker', { count: 1 });
    expect(all).toEqual({ messages: [{}, { seq: '1' }, { seq: '2' }, { seq: '3' }] });
    const failed = await c.serverStream('loupe.demo.v1.Demo/Ticker', {});
    expect(failed).toEqual({
      messages: [{}, { seq: '1' }, { seq: '2' }],
      failure: { code: 8, message: 'quota', details: [] },
    });
  });

  it('client stream: one answer after the client ends, from all the messages received', async () => {
    const c = await mockWith({
      'sum.json': {
        method: 'loupe.demo.v1.Demo/Sum',
        rules: [
          { when: { request: { value: 0 } }, status: { code: 'FAILED_PRECONDITION', message: 'ends on zero' } },
          { body: { total: '{{request.value}}', count: '{{count}}', elapsed: '1s' } },
        ],
      },
    });
    expect(await c.clientStream('loupe.demo.v1.Demo/Sum', [{ value: 4 }, { value: 5 }, { value: 6 }])).toEqual({
      total: '6',
      count: 3,
      elapsed: '1s',
    });
    await expect(c.clientStream('loupe.demo.v1.Demo/Sum', [{ value: 4 }, { value: 0 }])).rejects.toMatchObject({
      code: 9,
    });
  });

  it('bidi: a reply per message, and messages sent unprompted when the call opens', async () => {
    const c = await mockWith({
      'chat.json': {
        method: 'loupe.demo.v1.Demo/Chat',
        rules: [
          { when: { request: { text: 'bye' } }, status: { code: 'CANCELLED', message: 'left' } },
          { when: { request: { text: { regex: '.' } } }, reply: { user: 'bot', text: 'you said {{request.text}}' } },
          { when: { metadata: { 'x-room': 'lobby' } }, messages: [{ user: 'bot', text: 'welcome' }] },
        ],
      },
    });
    const chat = await c.bidi('loupe.demo.v1.Demo/Chat', [{ text: 'a' }, { text: 'b' }], { 'x-room': 'lobby' });
    expect(chat).toEqual({
      messages: [
        { user: 'bot', text: 'welcome' },
        { user: 'bot', text: 'you said a' },
        { user: 'bot', text: 'you said b' },
      ],
    });
    const ended = await c.bidi('loupe.demo.v1.Demo/Chat', [{ text: 'a' }, { text: 'bye' }, { text: 'c' }]);
    expect(ended).toEqual({
      messages: [{ user: 'bot', text: 'you said a' }],
      failure: { code: 1, message: 'left', details: [] },
    });
  });
});

describe('answers a template cannot make', () => {
  it('ends the call INTERNAL naming the rule and the field, instead of crashing or sending garbage', async () => {
    const log: MockCallEntry[] = [];
    const c = await mockWith(
      {
        'echo.json': {
          method: 'loupe.demo.v1.Demo/Echo',
          rules: [{ name: 'count from text', body: { metadataCount: '{{request.message}}' } }],
        },
        'ticker.json': { method: 'loupe.demo.v1.Demo/Ticker', rules: [{ generate: { count: 5, failAfter: 2 } }] },
      },
      log,
    );
    await expect(c.unary('loupe.demo.v1.Demo/Echo', { message: 'lots' })).rejects.toMatchObject({
      code: 13,
      message: expect.stringMatching(
        /^The mock rule count from text made an invalid answer: body \(rendered\) is not a valid loupe\.demo\.v1\.EchoResponse: metadataCount: /,
      ) as unknown,
    });
    // failAfter without a status of its own ends INTERNAL, saying why.
    const failed = await c.serverStream('loupe.demo.v1.Demo/Ticker', {});
    expect(failed.messages).toHaveLength(2);
    expect(failed.failure).toEqual({
      code: 13,
      message: 'failed after 2 messages, as the mock rule says',
      details: [],
    });
    expect(log.map((e) => [e.rule, e.code, e.responses])).toEqual([
      ['count from text', 13, 0],
      [expect.stringMatching(/\/ticker\.json rules\[0\]$/), 13, 2],
    ]);
  });
});
