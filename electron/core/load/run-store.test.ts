import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../../../shared/model/load-report';
import { runLoad } from './load-run';
import { LoadRunStore } from './run-store';
import { plan, prepareDemo, startCountingServer, type CountingServer } from './test-support/load-fixtures';

let server: CountingServer;
let report: LoadReport;
beforeAll(async () => {
  server = await startCountingServer();
  report = await runLoad(await prepareDemo(server, plan({ calls: 5, concurrency: 1 })));
});
afterAll(() => server.stop());

const withId = (runId: string): LoadReport => ({ ...report, runId });

describe('kept load test runs', () => {
  it('keeps at most maxRuns per workspace, newest first, workspaces apart', async () => {
    const store = new LoadRunStore(await mkdtemp(join(tmpdir(), 'loupe-runs-')), { maxRuns: 3, maxBytes: 1e9 });
    for (const id of ['2026-01-01a', '2026-01-02a', '2026-01-03a', '2026-01-04a'])
      await store.save('/ws/a', withId(id));
    await store.save(null, withId('2026-01-05a'));
    expect((await store.list('/ws/a')).map((r) => r.runId)).toEqual(['2026-01-04a', '2026-01-03a', '2026-01-02a']);
    expect((await store.list(null)).map((r) => r.runId)).toEqual(['2026-01-05a']);
    expect((await store.list('/ws/b')).length).toBe(0);
  });

  it('lets the oldest go beyond maxBytes but always keeps the newest', async () => {
    const size = JSON.stringify(report).length;
    const store = new LoadRunStore(await mkdtemp(join(tmpdir(), 'loupe-runs-')), {
      maxRuns: 100,
      maxBytes: size * 2.5,
    });
    for (const id of ['a1', 'a2', 'a3', 'a4']) await store.save('/ws', withId(id));
    expect((await store.list('/ws')).map((r) => r.runId)).toEqual(['a4', 'a3']);
    const tiny = new LoadRunStore(await mkdtemp(join(tmpdir(), 'loupe-runs-')), { maxRuns: 100, maxBytes: 10 });
    await tiny.save('/ws', withId('b1'));
    expect((await tiny.list('/ws')).map((r) => r.runId)).toEqual(['b1']);
  });

  it('names a file that is not a report, passes it over in the list, and refuses a bad id', async () => {
    const store = new LoadRunStore(await mkdtemp(join(tmpdir(), 'loupe-runs-')));
    await store.save('/ws', withId('good'));
    const folder = store.folder('/ws');
    await writeFile(join(folder, 'broken.json'), '{"count": "many"}');
    expect((await readdir(folder)).sort()).toEqual(['broken.json', 'good.json']);
    expect((await store.list('/ws')).map((r) => r.runId)).toEqual(['good']);
    await expect(store.report('/ws', 'broken')).rejects.toThrow(/broken\.json is not a load test report/);
    await expect(store.report('/ws', '../../etc/passwd')).rejects.toThrow(/not a run id/);
    await expect(store.report('/ws', 'gone')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
