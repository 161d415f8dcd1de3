import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetSettingsSchema, type TargetSettingsInput } from '../../../shared/model/target';
import { Authenticator } from '../auth';
import { startDemoServer, type DemoServer } from '../demo';
import { callGate } from '../test-support/call-gate';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import { runLoad } from './load-run';
import { demoSchema, plan } from './test-support/load-fixtures';
import { prepareLoad } from './prepare';

// What reaches the server from the worker threads' own channels: TLS, auth, metadata, data rows.
let pems: Pems;
let secure: DemoServer;
let plain: DemoServer;
const seen: Array<Record<string, string>> = [];
beforeAll(async () => {
  pems = await makePems();
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(pems.caCert),
    [{ private_key: Buffer.from(pems.server.key), cert_chain: Buffer.from(pems.server.cert) }],
    true,
  );
  secure = await startDemoServer({ credentials });
  // Records each call's metadata as the server received it.
  const recorder = callGate(({ metadata }) => {
    seen.push(Object.fromEntries(Object.entries(metadata.getMap()).map(([k, v]) => [k, String(v)])));
    return undefined;
  });
  plain = await startDemoServer({ interceptors: [recorder] });
});
afterAll(async () => {
  await secure?.stop();
  await plain?.stop();
});

async function load(target: TargetSettingsInput, p: ReturnType<typeof plan>, auth?: Authenticator) {
  const request = p.request as { method: string; body: string; metadata: Array<{ name: string; value: string }> };
  return runLoad(
    await prepareLoad(p, {
      target: TargetSettingsSchema.parse(target),
      schema: demoSchema(),
      method: request.method,
      body: request.body,
      metadata: request.metadata,
      baseDir: process.cwd(),
      ...(auth ? { auth } : {}),
    }),
  );
}

describe('load test connections', () => {
  it('speaks mutual TLS from the worker threads with the files the target names', async () => {
    const report = await load(
      {
        address: secure.address,
        tls: { enabled: true, caPath: pems.caPath, certPath: pems.clientCertPath, keyPath: pems.clientKeyPath },
      },
      plan({ calls: 8, concurrency: 2, connections: 2 }),
    );
    expect(report.statusCodeDistribution).toEqual({ OK: 8 });
  });

  it('sends the auth the engine fetched and per-call metadata from NDJSON rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-load-rows-'));
    const rows = join(dir, 'rows.ndjson');
    await writeFile(rows, '{"tenant":"a"}\n{"tenant":"b","n":2}\n');
    seen.length = 0;
    const p = plan({ calls: 4, concurrency: 1, data: { path: rows } });
    (p.request as { metadata: unknown[] }).metadata = [{ name: 'x-tenant', value: '{{$row.tenant}}-{{$seq}}' }];
    const report = await load(
      { address: plain.address, auth: { type: 'bearer', token: 's3cret' } },
      p,
      new Authenticator(),
    );
    expect(report.statusCodeDistribution).toEqual({ OK: 4 });
    expect(seen.map((m) => m['x-tenant']).sort()).toEqual(['a-0', 'a-2', 'b-1', 'b-3']);
    expect(seen.every((m) => m.authorization === 'Bearer s3cret')).toBe(true);
  });

  it('names the line of a data file that is not what it should be', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-load-rows-'));
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, '{"a":1}\n[1,2]\n');
    await expect(load({ address: plain.address }, plan({ data: { path: bad } }))).rejects.toThrow(
      /bad\.ndjson, line 2: each line is a JSON object/,
    );
    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'a,b\n1,2,3\n');
    await expect(load({ address: plain.address }, plan({ data: { path: csv } }))).rejects.toThrow(
      /bad\.csv: not valid CSV/,
    );
    await expect(load({ address: plain.address }, plan({ data: { path: join(dir, 'rows.txt') } }))).rejects.toThrow(
      /a data file is \.csv, \.ndjson or \.jsonl/,
    );
  });
});
