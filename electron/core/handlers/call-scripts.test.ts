import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { RpcClient } from '../../../shared/protocol/client';
import { startDemoServer, type DemoServer } from '../demo';
import { liveScriptWorkers } from '../scripts/script-session';
import { until } from '../test-support/call-helpers';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(() => demo.stop());
afterEach(disposeEngines);

async function workspace() {
  const dataDir = await mkdtemp(join(tmpdir(), 'loupe-cs-data-'));
  const root = await mkdtemp(join(tmpdir(), 'loupe-cs-'));
  const { client } = connectEngine({ dataDir });
  await client.request('workspace.open', { root, create: true });
  await client.request('workspace.saveSettings', {
    root,
    workspace: { version: 1, targets: { demo: { address: demo.address } } },
  });
  await client.request('environment.save', {
    root,
    name: 'dev',
    environment: { version: 1, variables: [{ name: 'session', secret: true }] },
  });
  await client.request('workspace.saveRequest', {
    root,
    path: 'orders/create',
    request: {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Echo',
      body: '{"message": "{{greeting}}"}',
      metadata: [{ name: 'x-session', value: '{{session}}' }],
    },
  });
  await client.request('workspace.saveRequest', {
    root,
    path: 'orders/chat',
    request: { version: 1, target: 'demo', method: 'loupe.demo.v1.Demo/Chat', messages: [] },
  });
  return { client, root, dataDir };
}

/** Opens a call of a saved request as the window does, and collects its events until it ends. */
async function call(
  client: RpcClient<LoupeContract>,
  root: string,
  path: string,
  input: { method: string; messages: string[]; metadata?: Array<{ name: string; value: string }>; script?: string },
  whileOpen?: (callId: string) => Promise<void>,
): Promise<{ events: CallEvent[]; error?: unknown }> {
  const events: CallEvent[] = [];
  const callId = `c-${Math.random()}`;
  const ended = new Promise<unknown>((resolve) => {
    client.subscribe(
      'call.open',
      {
        target: { address: demo.address },
        callId,
        method: input.method,
        messages: input.messages,
        metadata: input.metadata ?? [],
        environment: { root, name: 'dev' },
        requestPath: path,
        ...(input.script !== undefined ? { script: input.script } : {}),
      },
      { onEvents: (batch) => void events.push(...batch), onEnd: (error) => resolve(error) },
    );
  });
  if (whileOpen) await whileOpen(callId);
  const error = await ended;
  return { events, ...(error ? { error } : {}) };
}

const echo = {
  method: 'loupe.demo.v1.Demo/Echo',
  messages: ['{"message": "{{greeting}}"}'],
  metadata: [{ name: 'x-session', value: '{{session}}' }],
};

describe('scripts in the app', () => {
  it('holds back the scripts of an untrusted workspace and says so; trusting it runs them', async () => {
    const { client, root } = await workspace();
    await writeFile(
      join(root, 'requests', 'orders', '_folder.js'),
      `beforeCall(() => { env.set('greeting', 'hi'); env.set('session', 's-1'); });
       afterCall((res) => { log('answered', res.message.message); test('echoed', () => expect(res.message.message).to.equal('hi')); });\n`,
    );
    expect(await client.request('scripts.status', { root })).toEqual({
      trusted: false,
      files: ['requests/orders/_folder.js'],
    });
    // Untrusted: the call goes without them (and fails on the variable only a script would set).
    const held = await call(client, root, 'orders/create', {
      ...echo,
      messages: ['{"message": "plain"}'],
      metadata: [],
    });
    expect(held.events.find((e) => e.type === 'scripts')).toMatchObject({
      trusted: false,
      files: ['requests/orders/_folder.js'],
    });
    expect(held.events.some((e) => e.type === 'test')).toBe(false);

    await client.request('scripts.trust', { root, trusted: true });
    const ran = await call(client, root, 'orders/create', echo);
    expect(ran.error).toBeUndefined();
    const types = ran.events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['started', 'scripts']);
    expect(types.at(-1)).toBe('status');
    expect(ran.events.find((e) => e.type === 'log')).toMatchObject({ text: 'answered hi', hook: 'afterCall' });
    expect(ran.events.find((e) => e.type === 'test')).toMatchObject({ result: { name: 'echoed', passed: true } });
    expect(ran.events.filter((e) => e.type === 'tests').at(-1)).toMatchObject({ summary: { passed: 1, failed: 0 } });
    // The secret the script set was sent, and never comes back to the window.
    const headers = ran.events.find((e) => e.type === 'headers');
    expect(JSON.stringify(headers)).toContain('{{session}}');
    expect(JSON.stringify(ran.events)).not.toContain('s-1');
    // Plain values are kept for this user, outside the workspace.
    expect(await client.request('scripts.values', { root, environment: 'dev' })).toEqual({ greeting: 'hi' });
    await client.request('scripts.clearValues', { root, environment: 'dev' });
    expect(await client.request('scripts.values', { root, environment: 'dev' })).toEqual({});
  });

  it("runs the editor's script text, rewrites and drops streamed messages in beforeSend, and saves scripts", async () => {
    const { client, root } = await workspace();
    await client.request('scripts.trust', { root, trusted: true });
    const script = `beforeSend((m, { index }) => { if (m.text === 'skip') return false; m.text = m.text.toUpperCase() + '#' + index; });
      onMessage((m) => test('replies quote what was sent', () => expect(m.text).to.match(/HELLO#0|BYE#2|bye/i)));`;
    const result = await call(
      client,
      root,
      'orders/chat',
      { method: 'loupe.demo.v1.Demo/Chat', messages: [], script },
      async (callId) => {
        await client.request('call.send', { callId, message: '{"text": "hello"}' });
        await client.request('call.send', { callId, message: '{"text": "skip"}' });
        await client.request('call.send', { callId, message: '{"text": "bye"}' });
        await client.request('call.halfClose', { callId });
      },
    );
    const sent = result.events
      .filter((e) => e.type === 'sent')
      .map((e) => JSON.parse((e as { json: string }).json) as { text: string });
    expect(sent.map((m) => m.text)).toEqual(['HELLO#0', 'BYE#2']);
    expect(result.events.filter((e) => e.type === 'tests').at(-1)).toMatchObject({ summary: { failed: 0 } });

    await client.request('scripts.save', { root, path: 'orders/chat', text: script });
    const read = await client.request('scripts.read', { root, path: 'orders/chat' });
    expect(read.files.map((f) => [f.file, f.text !== null])).toEqual([
      ['loupe.workspace.js', false],
      ['requests/orders/_folder.js', false],
      ['requests/orders/chat.js', true],
    ]);
    // A moved request keeps its script.
    await client.request('workspace.move', { root, from: 'orders/chat', to: 'chat' });
    expect(await readFile(join(root, 'requests', 'chat.js'), 'utf8')).toContain('beforeSend');
    await client.request('scripts.save', { root, path: 'chat', text: '' });
    expect((await client.request('scripts.read', { root, path: 'chat' })).files.at(-1)).toEqual({
      file: 'requests/chat.js',
      text: null,
    });
  });

  it('a script that throws ends its call with the hook, file and line; a snapshot is approved through the contract', async () => {
    const { client, root } = await workspace();
    await client.request('scripts.trust', { root, trusted: true });
    const thrown = await call(client, root, 'orders/create', {
      ...echo,
      messages: ['{"message": "x"}'],
      metadata: [],
      script: `\n\nbeforeCall(() => { undefined.boom; });`,
    });
    expect(thrown.error).toMatchObject({
      code: 'SCRIPT',
      message: expect.stringMatching(
        /^The beforeCall hook in requests\/orders\/create\.js:3 failed: Cannot read properties of undefined/,
      ),
    });

    // Its worker ended with it: a failed hook leaves no thread behind.
    await until(() => liveScriptWorkers() === 0);

    // A message hook that throws fails its batch: the call ends with the hook's error, and
    // the failed batch leaves no rejection unhandled (that would end the engine's process).
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const streamed = await call(
        client,
        root,
        'orders/chat',
        {
          method: 'loupe.demo.v1.Demo/Chat',
          messages: [],
          script: `onMessage((m) => { throw new Error('no ' + m.text); });`,
        },
        async (callId) => {
          await client.request('call.send', { callId, message: '{"text": "hello"}' });
          await client.request('call.halfClose', { callId });
        },
      );
      expect(streamed.events.find((e) => e.type === 'error')).toMatchObject({
        message: 'The onMessage hook in requests/orders/chat.js:1 failed: no you said: hello',
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }

    const snap = `afterCall((res) => snapshot('reply', res.message, { ignore: ['receivedAt'] }));`;
    const first = await call(client, root, 'orders/create', {
      ...echo,
      messages: ['{"message": "x"}'],
      metadata: [],
      script: snap,
    });
    const outcome = first.events.find((e) => e.type === 'test');
    expect(outcome).toMatchObject({ result: { passed: false, snapshot: { state: 'new', name: 'reply' } } });
    const received = (outcome as Extract<CallEvent, { type: 'test' }>).result.snapshot!.received;
    await client.request('scripts.approve', { root, path: 'orders/create', name: 'reply', value: received });
    const again = await call(client, root, 'orders/create', {
      ...echo,
      messages: ['{"message": "x"}'],
      metadata: [],
      script: snap,
    });
    expect(again.events.find((e) => e.type === 'test')).toMatchObject({
      result: { passed: true, snapshot: { state: 'matched' } },
    });
  });
});
