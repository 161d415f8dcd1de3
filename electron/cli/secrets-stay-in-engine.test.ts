import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LoupeContract } from '../../shared/contract';
import type { CallEvent } from '../../shared/model/call';
import type { ErrorData } from '../../shared/model/errors';
import type { HistoryEntry, SavedRequest } from '../../shared/model/workspace';
import { RpcClient } from '../../shared/protocol/client';
import type { InputOf } from '../../shared/protocol/define';
import { createMemoryPortPair } from '../../shared/protocol/test-support/memory-port';
import { Engine } from '../core/engine';
import { startDemoServer, type DemoServer } from '../core/demo';
import { WorkspaceStore } from '../core/workspace';
import { cli } from './test-support/test-io';

/*
 * A secret's value leaves the engine only on the wire to its server. A real workspace uses one
 * secret from LOUPE_SECRET_TOKEN and one stored through the contract, in metadata and in bodies;
 * calls are made through the contract (as the window makes them) and with `loupe run`. Then every
 * file under the data, cache and workspace folders, every message the window side received and
 * everything the CLI printed is scanned for either value. The demo server echoes metadata back
 * in headers and trailers and the message in its answer, so the values also come back from the
 * server and must be masked there too.
 */

const TOKEN = `tok-${randomUUID()}`;
// A quote and a backslash (fine in a header, not in a JSON body): inside JSON text the value
// appears escaped, and must be found there too.
const STORED = `stored-"q"\\-${randomUUID()}`;
/** The value as written, and as it reads inside JSON text. */
const forms = (value: string) => [value, JSON.stringify(value).slice(1, -1)];
/** The server's name (:authority), secret too: it is part of what the schema cache is keyed by. */
const TENANT = `tenant-${randomUUID()}.example`;
const SECRET_FORMS = [...forms(TOKEN), ...forms(STORED), TENANT];
const leaksIn = (text: string) => SECRET_FORMS.filter((f) => text.includes(f));

const BODY = '{\n  "message": "hi {{token}}"\n}';
/** The demo fails with this message, quoting the secret back. */
const DENIED = '{"message": "x", "fail": {"code": 7, "message": "denied: {{token}}"}}';
const METADATA = [
  { name: 'authorization', value: 'Bearer {{token}}' },
  { name: 'x-api-key', value: '{{apiKey}}' },
];
const TARGET = { address: '{{host}}', authority: '{{tenant}}', tls: { enabled: false } };

let demo: DemoServer;
let root: string;
let dataDir: string;
let cacheDir: string;
let engine: Engine;
let client: RpcClient<LoupeContract>;
/** Every message the window side received, as the text that crossed the port. */
const windowReceived: string[] = [];
/** Metadata values the engine handed grpc-js to send: proof that the wire does carry the secret. */
const onTheWire: string[] = [];
const savedEnv = { ...process.env };

type OpenInput = InputOf<LoupeContract['call.open']>;

function runCall(
  input: Omit<OpenInput, 'callId'>,
): Promise<{ callId: string; events: CallEvent[]; error?: ErrorData }> {
  const callId = randomUUID();
  const events: CallEvent[] = [];
  return new Promise((resolve) => {
    client.subscribe(
      'call.open',
      { ...input, callId },
      {
        onEvents: (batch) => void events.push(...batch),
        onEnd: (error) => resolve({ callId, events, ...(error ? { error } : {}) }),
      },
    );
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  demo = await startDemoServer();
  root = mkdtempSync(join(tmpdir(), 'loupe-secrets-ws-'));
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-secrets-data-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'loupe-secrets-cache-'));
  process.env.LOUPE_DATA_DIR = dataDir;
  process.env.LOUPE_SECRET_TOKEN = TOKEN;
  process.env.LOUPE_SECRET_TENANT = TENANT;

  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveWorkspaceFile({ version: 1, defaultEnvironment: 'dev', targets: { demo: TARGET } });
  await store.saveEnvironment('dev', {
    version: 1,
    variables: [
      { name: 'host', value: demo.address },
      { name: 'token', secret: true },
      { name: 'apiKey', secret: true },
      { name: 'tenant', secret: true },
    ],
  });
  await store.saveRequest('echo', {
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Echo',
    body: BODY,
    metadata: METADATA,
  });
  await store.saveRequest('denied', { version: 1, target: 'demo', method: 'loupe.demo.v1.Demo/Echo', body: DENIED });

  for (const kind of ['makeUnaryRequest', 'makeBidiStreamRequest'] as const) {
    const original = grpc.Client.prototype[kind] as (...args: unknown[]) => unknown;
    vi.spyOn(grpc.Client.prototype, kind).mockImplementation(function (this: grpc.Client, ...args: unknown[]) {
      const metadata = args.find((a): a is grpc.Metadata => a instanceof grpc.Metadata);
      for (const values of Object.values(metadata?.toJSON() ?? {})) onTheWire.push(...values.map(String));
      return original.apply(this, args);
    } as never);
  }

  engine = new Engine({ version: '0.0.0-test', dataDir, cacheDir });
  const [clientPort, enginePort] = createMemoryPortPair();
  clientPort.onMessage((message) => void windowReceived.push(JSON.stringify(message)));
  engine.connect(enginePort);
  client = new RpcClient<LoupeContract>(clientPort);
});

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  client?.close();
  engine?.dispose();
  await demo?.stop();
});

describe('a secret never leaves the engine except on the wire to its server', () => {
  let appCall: { callId: string; events: CallEvent[]; error?: ErrorData };

  it('calls from the window carry templates or {{name}}, never the value', async () => {
    await client.request('secret.set', { root, environment: 'dev', name: 'apiKey', value: STORED });
    await client.request('environment.setActive', { root, name: 'dev' });
    await client.request('workspace.open', { root });
    const environment = { root, name: 'dev' };

    appCall = await runCall({
      target: TARGET,
      method: 'loupe.demo.v1.Demo/Echo',
      messages: [BODY],
      metadata: METADATA,
      environment,
      requestPath: 'echo',
    });
    expect(appCall.error).toBeUndefined();
    expect(onTheWire).toContain(`Bearer ${TOKEN}`);
    expect(onTheWire).toContain(STORED);
    const started = appCall.events.find((e) => e.type === 'started');
    expect(started?.type === 'started' && started.options.metadata).toEqual([
      { name: 'authorization', value: 'Bearer {{token}}' },
      { name: 'x-api-key', value: '{{apiKey}}' },
    ]);
    // The server echoes the metadata and the message: what comes back is masked as well.
    const headers = appCall.events.find((e) => e.type === 'headers');
    expect(headers?.type === 'headers' && headers.metadata).toContainEqual({
      name: 'authorization',
      value: 'Bearer {{token}}',
    });
    const answer = appCall.events.find((e) => e.type === 'received');
    expect(answer?.type === 'received' && JSON.parse(answer.json)).toMatchObject({ message: 'hi {{token}}' });

    // Messages read again from the engine (the timeline, the selected message, an export, a search).
    const page = await client.request('call.messages', { callId: appCall.callId, from: 0, count: 10, pretty: true });
    expect(page.messages.map((m) => JSON.parse(m.json))).toEqual([
      { message: 'hi {{token}}' },
      expect.objectContaining({ message: 'hi {{token}}' }),
    ]);
    expect((await client.request('call.find', { callId: appCall.callId, text: TOKEN.slice(0, 12) })).positions).toEqual(
      [],
    );

    // A message sent later on a stream.
    const chatId = randomUUID();
    const chat = new Promise<CallEvent[]>((resolve) => {
      const events: CallEvent[] = [];
      client.subscribe(
        'call.open',
        { callId: chatId, target: TARGET, method: 'loupe.demo.v1.Demo/Chat', messages: [], metadata: [], environment },
        {
          onEvents: (batch) => void events.push(...batch),
          onEnd: () => resolve(events),
        },
      );
    });
    await client.request('call.send', { callId: chatId, message: '{"user": "me", "text": "say {{token}}"}' });
    await client.request('call.halfClose', { callId: chatId });
    const chatEvents = await chat;
    expect(
      chatEvents
        .filter((e) => e.type === 'sent' || e.type === 'received')
        .map((e) => JSON.parse((e as { json: string }).json).text),
    ).toEqual(['say {{token}}', expect.stringContaining('say {{token}}')]);

    const denied = await runCall({
      target: TARGET,
      method: 'loupe.demo.v1.Demo/Echo',
      messages: [DENIED],
      metadata: [],
      environment,
    });
    const status = denied.events.at(-1);
    expect(status?.type === 'status' && status.status).toMatchObject({
      name: 'PERMISSION_DENIED',
      message: 'denied: {{token}}',
    });

    const resolved = await client.request('workspace.resolveRequest', { root, path: 'echo' });
    expect(resolved.target.address).toBe(demo.address); // plain variables are shown resolved
    expect(resolved.metadata).toEqual([
      { name: 'authorization', value: 'Bearer {{token}}' },
      { name: 'x-api-key', value: '{{apiKey}}' },
    ]);
    expect(resolved.messages).toEqual(['{\n  "message": "hi {{token}}"\n}']);
  });

  it('`loupe run` records the template and prints no secret', async () => {
    onTheWire.length = 0;
    for (const reporter of ['lines', 'json']) {
      const run = await cli(['run', root, 'echo', 'denied', '--reporter', reporter]);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).toContain('denied: {{token}}');
      expect(leaksIn(run.stdout + run.stderr)).toEqual([]);
    }
    expect(onTheWire).toContain(`Bearer ${TOKEN}`);
  });

  it('history keeps the template and the environment; reopening and saving it writes no secret', async () => {
    const summaries = await client.request('history.list', {});
    expect(summaries).toHaveLength(7); // the app's Echo, Chat and denied Echo; two runs of two
    for (const summary of summaries) expect(summary.address).toBe(demo.address);
    const entries: HistoryEntry[] = await Promise.all(
      summaries.map((s) => client.request('history.get', { id: s.id })),
    );
    const echoes = entries.filter((e) => e.method.endsWith('/Echo') && e.status?.code === 0);
    expect(echoes).toHaveLength(3);
    for (const entry of echoes) {
      expect(entry).toMatchObject({
        environment: 'dev',
        workspace: root,
        requestPath: 'echo',
        metadata: METADATA,
        requests: [BODY],
      });
      expect(entry.target.address).toBe('{{host}}');
      expect(JSON.parse(entry.responses[0]!)).toMatchObject({ message: 'hi {{token}}' });
    }
    for (const entry of entries.filter((e) => e.status?.code === 7))
      expect(entry).toMatchObject({ requests: [DENIED], status: { message: 'denied: {{token}}' } });
    const chat = entries.find((e) => e.method.endsWith('/Chat'))!;
    expect(chat.requests).toEqual(['{"user": "me", "text": "say {{token}}"}']);
    expect(await client.request('history.search', { query: TOKEN.slice(0, 12) })).toEqual([]);

    // Reopen as the window does (a tab from the entry), then save that tab into the workspace.
    for (const [i, entry] of echoes.entries()) {
      const [first, ...rest] = entry.requests;
      const reopened: SavedRequest = {
        version: 1,
        target: entry.target,
        method: entry.method,
        ...(rest.length ? { messages: entry.requests } : { body: first ?? '{}' }),
        metadata: entry.metadata,
      };
      await client.request('workspace.saveRequest', { root, path: `reopened-${i}`, request: reopened });
    }
    const again = await runCall({
      target: echoes[0]!.target,
      method: echoes[0]!.method,
      messages: echoes[0]!.requests,
      metadata: echoes[0]!.metadata,
      environment: { root, name: 'dev' },
    });
    expect(again.error).toBeUndefined();
  });

  it('no file Loupe wrote and nothing the window received holds a secret value', async () => {
    const written = [...(await filesUnder(dataDir)), ...(await filesUnder(cacheDir)), ...(await filesUnder(root))];
    expect(written.map((f) => relative(dataDir, f))).toContain(join('history', 'history.jsonl'));
    const leaks: string[] = [];
    for (const file of written) {
      // The secret store is where a stored secret lives (0600, outside the workspace): its one home.
      if (file === join(dataDir, 'secrets.json')) continue;
      const found = leaksIn(await readFile(file, 'utf8'));
      if (found.length) leaks.push(`${file}: ${found.join(', ')}`);
    }
    expect(leaks).toEqual([]);
    expect(windowReceived.length).toBeGreaterThan(20);
    expect(windowReceived.filter((m) => leaksIn(m).length)).toEqual([]);
  });
});
