import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import type { TargetSettingsInput } from '../../../shared/model/target';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import { startDemoServer, type DemoServer } from '../demo';
import { STALE_TEMP_MS } from '../fs/atomic-write';
import { Engine } from '../engine';

/*
 * Bad files caused for real (devices, FIFOs, symbolic links, non-PEM certificates), each given
 * to the engine through the contract while a second connection keeps working: a bad input must
 * be refused with an error that names it, and must never stall the engine for anyone else.
 */

let demo: DemoServer;
let engine: Engine;
let pems: Pems;
const dir = mkdtempSync(join(tmpdir(), 'loupe-input-faults-'));
const clients: RpcClient<LoupeContract>[] = [];

beforeAll(async () => {
  [demo, pems] = await Promise.all([startDemoServer(), makePems()]);
  engine = new Engine({ version: '0.0.0-test', dataDir: join(dir, 'data') });
});
afterAll(async () => {
  for (const c of clients) c.close();
  engine.dispose();
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
});

function connect(): RpcClient<LoupeContract> {
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  const client = new RpcClient<LoupeContract>(clientPort);
  clients.push(client);
  return client;
}

let fifoCount = 0;
function fifo(at = join(dir, `pipe-${++fifoCount}`)): string {
  execFileSync('mkfifo', [at]);
  return at;
}
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Opens a call and answers how it ended: its final status name, or the error it ended with. */
function callOutcome(
  client: RpcClient<LoupeContract>,
  target: TargetSettingsInput,
): Promise<{ status?: string; error?: ErrorData }> {
  return new Promise((resolve) => {
    const events: CallEvent[] = [];
    client.subscribe(
      'call.open',
      { callId: randomUUID(), target, method: 'loupe.demo.v1.Demo/Echo', messages: ['{"message":"x"}'] },
      {
        onEvents: (batch) => void events.push(...batch),
        onEnd: (error) => {
          const last = events.at(-1);
          resolve(error ? { error } : { status: last?.type === 'status' ? last.status.name : undefined });
        },
      },
    );
  });
}

const errorOf = (p: Promise<unknown>): Promise<ErrorData> =>
  p.then(
    () => ({ code: 'INTERNAL', message: 'it did not fail' }),
    (err: ErrorData) => ({ code: err.code, message: err.message }),
  );

/**
 * Starts the bad request, then, before awaiting it, has a second connection make a real call;
 * that call must succeed. A synchronous read of a FIFO or /dev/zero would block the event loop,
 * so neither would ever answer.
 */
async function refusedWhileOthersWork(
  bad: (client: RpcClient<LoupeContract>) => Promise<ErrorData>,
): Promise<ErrorData> {
  const refused = bad(connect());
  const other = await callOutcome(connect(), { address: demo.address });
  expect(other).toEqual({ status: 'OK' });
  return refused;
}

describe('TLS files that are not PEM files', () => {
  const tlsTo = (paths: { caPath?: string; certPath?: string; keyPath?: string }): TargetSettingsInput => ({
    address: `localhost:${demo.port}`,
    tls: { enabled: true, ...paths },
  });
  const refusedCall = (paths: Parameters<typeof tlsTo>[0]) =>
    refusedWhileOthersWork(
      async (client) =>
        (await callOutcome(client, tlsTo(paths))).error ?? { code: 'INTERNAL', message: 'the call did not fail' },
    );

  it('a CA bundle that is a device, a FIFO or a link to one is refused, naming it and what it is', async () => {
    const pipe = fifo();
    const link = join(dir, 'ca-link.pem');
    symlinkSync(pipe, link);
    expect(await refusedCall({ caPath: '/dev/zero' })).toMatchObject({
      code: 'VALIDATION',
      message: 'Cannot read the CA bundle /dev/zero: it is a device, not a regular file',
    });
    expect(await refusedCall({ caPath: pipe })).toMatchObject({
      code: 'VALIDATION',
      message: `Cannot read the CA bundle ${pipe}: it is a named pipe (FIFO), not a regular file`,
    });
    expect(await refusedCall({ caPath: link })).toMatchObject({
      code: 'VALIDATION',
      message: `Cannot read the CA bundle ${link}: it is a named pipe (FIFO), not a regular file`,
    });
  });

  it('a client certificate or key that never ends is refused', async () => {
    const refused = await refusedCall({ caPath: pems.caPath, certPath: '/dev/urandom', keyPath: pems.clientKeyPath });
    expect(refused.message).toBe('Cannot read the client certificate /dev/urandom: it is a device, not a regular file');
  });

  it('a CA bundle that is not PEM says so, not "not issued by a trusted CA"', async () => {
    const text = file('notes.txt', 'these are not certificates\n');
    const der = file('ca.der', Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x82]));
    expect((await refusedCall({ caPath: text })).message).toBe(
      `The CA bundle ${text} is not a PEM certificate: it has no -----BEGIN CERTIFICATE----- block`,
    );
    expect((await refusedCall({ caPath: der })).message).toMatch(
      new RegExp(
        `^The CA bundle ${der} is not a PEM certificate: it is binary \\(DER\\); convert it with \`openssl x509 -inform der`,
      ),
    );
    const broken = file('broken.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect((await refusedCall({ caPath: broken })).message).toMatch(
      /^The CA bundle .*broken\.pem is not a PEM certificate: certificate 1 of 1 does not parse/,
    );
    const notKey = file('key.pem', 'nope');
    expect((await refusedCall({ caPath: pems.caPath, certPath: pems.clientCertPath, keyPath: notKey })).message).toBe(
      `The client key ${notKey} is not a PEM private key: it has no -----BEGIN PRIVATE KEY----- block`,
    );
  });
});

describe('schema files that never end or are not files', () => {
  const loadWith = (schema: TargetSettingsInput['schema']) => (client: RpcClient<LoupeContract>) =>
    errorOf(client.request('schema.load', { target: { address: demo.address, schema } }));

  it('a protoset that is a device, a FIFO or a link to one is refused as what it is', async () => {
    const pipe = fifo();
    const link = join(dir, 'set-link.pb');
    symlinkSync(pipe, link);
    for (const [path, what] of [
      ['/dev/zero', 'a device'],
      ['/dev/urandom', 'a device'],
      [pipe, 'a named pipe (FIFO)'],
      [link, 'a named pipe (FIFO)'],
    ] as const) {
      const refused = await refusedWhileOthersWork(loadWith({ reflection: false, protosets: [path] }));
      expect(refused).toEqual({
        code: 'SCHEMA',
        message: `Cannot read the protoset ${path}: it is ${what}, not a regular file`,
      });
    }
  });

  it('a folder, FIFO or device given as a .proto file says what it is, not "no such file"', async () => {
    const folder = join(dir, 'protos');
    mkdirSync(folder);
    const pipe = fifo(join(dir, 'pipe.proto'));
    for (const [path, what] of [
      [folder, 'it is a folder, not a file'],
      [pipe, 'it is a named pipe (FIFO), not a regular file'],
      ['/dev/zero', 'it is a device, not a regular file'],
    ] as const) {
      const refused = await refusedWhileOthersWork(loadWith({ reflection: false, protoFiles: [path] }));
      expect(refused).toEqual({ code: 'SCHEMA', message: `Cannot read ${path}: ${what}.` });
    }
  });
});

describe('workspaces', () => {
  const request = { version: 1, target: { address: 'localhost:1' }, method: 'loupe.demo.v1.Demo/Echo' };
  function workspace(name: string): string {
    const root = join(dir, name);
    mkdirSync(join(root, 'requests'), { recursive: true });
    mkdirSync(join(root, 'environments'));
    writeFileSync(join(root, 'loupe.workspace.json'), '{"version":1,"targets":{}}');
    return root;
  }

  it('FIFOs among its files are problems that name them, and do not stop other workspaces from opening', async () => {
    // More FIFOs than libuv has file-system threads (4): each blocking open would hold one for good.
    const root = workspace('pipes');
    for (let i = 0; i < 6; i++) fifo(join(root, 'requests', `pipe-${i}.json`));
    fifo(join(root, 'environments', 'dev.json'));
    writeFileSync(join(root, 'requests', 'bom.json'), '\uFEFF' + JSON.stringify(request));
    const snapshot = await connect().request('workspace.open', { root });
    expect(snapshot.requests.map((r) => r.path)).toEqual(['bom']);
    expect(snapshot.problems.map((p) => p.message)).toEqual([
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Cannot read the workspace file requests/pipe-${i}.json: it is a named pipe (FIFO), not a regular file`,
      ),
      'Cannot read the workspace file environments/dev.json: it is a named pipe (FIFO), not a regular file',
    ]);
    const other = workspace('fine');
    writeFileSync(join(other, 'requests', 'ok.json'), JSON.stringify(request));
    expect((await connect().request('workspace.open', { root: other })).requests.map((r) => r.path)).toEqual(['ok']);
  });

  it('a loupe.workspace.json that is a FIFO is a problem, not a hang', async () => {
    const root = workspace('pipe-settings');
    rmSync(join(root, 'loupe.workspace.json'));
    fifo(join(root, 'loupe.workspace.json'));
    const refused = await refusedWhileOthersWork(async (client) => {
      const snapshot = await client.request('workspace.open', { root });
      return { code: 'VALIDATION', message: snapshot.problems.map((p) => p.message).join('; ') };
    });
    expect(refused.message).toBe(
      'Cannot read the workspace file loupe.workspace.json: it is a named pipe (FIFO), not a regular file',
    );
  });

  it('writes never follow a symbolic link out of the workspace', async () => {
    const root = workspace('linked');
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(root, 'requests', 'shared'));
    writeFileSync(join(root, 'requests', 'mine.json'), JSON.stringify(request));
    const client = connect();
    const refused = await errorOf(client.request('workspace.saveRequest', { root, path: 'shared/deep/get', request }));
    expect(refused).toEqual({
      code: 'VALIDATION',
      message: `Cannot write requests/shared/deep/get.json: requests/shared leads outside the workspace folder (to ${outside}). Loupe writes only inside the workspace.`,
    });
    expect((await errorOf(client.request('workspace.createFolder', { root, path: 'shared/sub' }))).code).toBe(
      'VALIDATION',
    );
    expect((await errorOf(client.request('workspace.move', { root, from: 'mine', to: 'shared/mine' }))).code).toBe(
      'VALIDATION',
    );
    expect(readdirSync(outside)).toEqual([]);
    // Inside the workspace, saving still works.
    await client.request('workspace.saveRequest', { root, path: 'team/get', request });
    expect(existsSync(join(root, 'requests', 'team', 'get.json'))).toBe(true);
  });

  it('temporary files that a killed save left behind are removed on the next open; a save in progress keeps its own', async () => {
    const root = workspace('leftovers');
    mkdirSync(join(root, 'requests', 'users'));
    const stale = [
      join(root, '.loupe.workspace.json.0123456789ab.tmp'),
      join(root, 'requests', 'users', '.get.json.a1b2c3d4e5f6.tmp'),
      join(root, 'environments', '.dev.json.ffffffffffff.tmp'),
    ];
    const past = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    for (const path of stale) {
      writeFileSync(path, '{"half');
      utimesSync(path, past, past);
    }
    const fresh = join(root, 'requests', '.get.json.000000000000.tmp');
    writeFileSync(fresh, '{"being written');
    const notOurs = join(root, 'requests', '.notes.tmp');
    writeFileSync(notOurs, 'x');
    utimesSync(notOurs, past, past);
    await connect().request('workspace.open', { root });
    expect(stale.filter((path) => existsSync(path))).toEqual([]);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(notOurs)).toBe(true);
  });
});
