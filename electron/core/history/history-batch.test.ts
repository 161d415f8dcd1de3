import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TargetSettingsSchema } from '../../../shared/model/target';
import { SecretMask } from '../workspace/secret-mask';
import { HistoryStore, type NewHistoryEntry } from './history-store';
import { createHistoryRecorder } from './recorder';

const target = TargetSettingsSchema.parse({ address: '127.0.0.1:50051' });
const entry = (method: string): NewHistoryEntry => ({
  at: 1,
  durationMs: 1,
  target,
  method,
  metadata: [],
  requests: ['{}'],
  status: { code: 0, name: 'OK', message: '' },
  responses: ['{}'],
  responseCount: 1,
  truncated: false,
});
const dir = () => mkdtempSync(join(tmpdir(), 'loupe-history-batch-'));
const linesOf = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { method: string }).method);

describe('HistoryStore under a burst of calls', () => {
  it('writes every entry, in the order appended, without waiting for one another', async () => {
    const history = HistoryStore.inDataDir(dir());
    const methods = Array.from({ length: 300 }, (_, i) => `m.S/M${i}`);
    // Not awaited one by one: a burst of calls finishing together.
    const appended = await Promise.all(methods.map((m) => history.append(entry(m))));
    expect(appended.map((e) => e.method)).toEqual(methods);
    expect(linesOf(history.file)).toEqual(methods);
    expect((await new HistoryStore(history.file).list({ limit: 1000 })).map((s) => s.method)).toEqual(
      [...methods].reverse(),
    );
  });

  it('coalesces a burst into fewer writes than entries', async () => {
    const history = HistoryStore.inDataDir(dir());
    await history.append(entry('m.S/First'));
    const before = history.writes;
    await Promise.all(Array.from({ length: 50 }, (_, i) => history.append(entry(`m.S/B${i}`))));
    // Entries appended while one write is under way go out together in the next.
    expect(history.writes - before).toBeLessThan(50);
    expect(linesOf(history.file)).toHaveLength(51);
  });

  it('has written every entry once close() resolves, even one appended just before', async () => {
    const history = HistoryStore.inDataDir(dir());
    void history.append(entry('m.S/A'));
    void history.append(entry('m.S/B'));
    await history.close();
    expect(linesOf(history.file)).toEqual(['m.S/A', 'm.S/B']);
  });

  it('with a spacing, holds appends after a write until then, and writes them before a read or close', async () => {
    const history = HistoryStore.inDataDir(dir(), undefined, { spacingMs: 60_000 });
    await history.append(entry('m.S/A')); // the first write goes at once
    const second = history.append(entry('m.S/B'));
    void history.append(entry('m.S/C'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(linesOf(history.file)).toEqual(['m.S/A']);
    expect((await history.list()).map((s) => s.method)).toEqual(['m.S/C', 'm.S/B', 'm.S/A']);
    expect((await second).method).toBe('m.S/B');
    expect(history.writes).toBe(2);
    void history.append(entry('m.S/D'));
    await history.close();
    expect(linesOf(history.file)).toEqual(['m.S/A', 'm.S/B', 'm.S/C', 'm.S/D']);
  });

  it('keeps writing to the file after another process trimmed it (replaced it by a rename)', async () => {
    const file = join(dir(), 'h.jsonl');
    const app = new HistoryStore(file, { maxEntries: 10, maxBytes: 1024 * 1024 });
    const cli = new HistoryStore(file, { maxEntries: 10, maxBytes: 1024 * 1024 });
    await app.append(entry('m.S/App0'));
    for (let i = 0; i < 12; i++) await cli.append(entry(`m.S/Cli${i}`));
    await app.append(entry('m.S/App1'));
    expect(linesOf(file).at(-1)).toBe('m.S/App1');
    await app.close();
    await cli.close();
  });

  it('fails only the append whose entry cannot be written as JSON', async () => {
    const history = HistoryStore.inDataDir(dir());
    const bad = { ...entry('m.S/Bad'), durationMs: 1n as unknown as number };
    const results = await Promise.allSettled([
      history.append(entry('m.S/A')),
      history.append(bad),
      history.append(entry('m.S/B')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(linesOf(history.file)).toEqual(['m.S/A', 'm.S/B']);
  });

  it('reports a failed write to the call recording it, naming the file', async () => {
    const data = dir();
    // The history folder's place is taken by a file: nothing can be written under it.
    writeFileSync(join(data, 'history'), 'not a folder');
    const history = HistoryStore.inDataDir(data);
    const errors: unknown[] = [];
    const recorder = createHistoryRecorder(
      history,
      { target, method: 'm.S/M', metadata: [], messages: [] },
      { mask: new SecretMask(), onError: (e) => errors.push(e) },
    );
    recorder.onEvent({ type: 'status', t: 1, status: { code: 0, name: 'OK', message: '', details: [] } });
    expect(await recorder.recorded).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toContain(join(data, 'history'));
  });
});
