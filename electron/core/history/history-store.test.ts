import { appendFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/model/call';
import { TargetSettingsSchema } from '../../../shared/model/target';
import { SecretMask } from '../workspace/secret-mask';
import { HistoryStore, type NewHistoryEntry } from './history-store';
import { createHistoryRecorder, MAX_MESSAGES_PER_ENTRY } from './recorder';

const target = TargetSettingsSchema.parse({ address: '127.0.0.1:50051' });
const entry = (method: string, response: string, at = Date.now()): NewHistoryEntry => ({
  at,
  durationMs: 5,
  target,
  method,
  metadata: [{ name: 'x-user', value: 'ann' }],
  requests: ['{"message":"hi"}'],
  status: { code: 0, name: 'OK', message: '' },
  responses: [response],
  responseCount: 1,
  truncated: false,
});
const dir = () => mkdtempSync(join(tmpdir(), 'loupe-history-'));

describe('HistoryStore', () => {
  it('appends, lists newest first, pages, gets, searches and clears, and survives a reopen', async () => {
    const data = dir();
    const history = HistoryStore.inDataDir(data);
    const a = await history.append(entry('pkg.Users/Get', '{"name":"Ann"}'));
    const b = await history.append(entry('pkg.Orders/List', '{"orders":[]}'));
    const c = await history.append(entry('pkg.Users/Delete', '{}'));
    expect(statSync(history.file).mode & 0o777).toBe(0o600);

    const reopened = HistoryStore.inDataDir(data);
    expect((await reopened.list()).map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    expect((await reopened.list({ limit: 1, before: c.id })).map((s) => s.method)).toEqual(['pkg.Orders/List']);
    expect((await reopened.search('users ann')).map((s) => s.id)).toEqual([c.id, a.id]);
    expect((await reopened.search('"name":"ann"')).map((s) => s.id)).toEqual([a.id]);
    expect(await reopened.get(b.id)).toEqual(b);
    await expect(reopened.get('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await reopened.clear();
    expect(await HistoryStore.inDataDir(data).list()).toEqual([]);
  });

  it('stays within its count and byte limits, dropping the oldest', async () => {
    const history = new HistoryStore(join(dir(), 'h.jsonl'), { maxEntries: 10, maxBytes: 4000 });
    for (let i = 0; i < 25; i++) await history.append(entry(`m.S/M${i}`, '{}'));
    const list = await history.list({ limit: 1000 });
    expect(list.length).toBeLessThanOrEqual(10);
    expect(list[0]!.method).toBe('m.S/M24');
    expect(statSync(history.file).size).toBeLessThanOrEqual(4000);

    const big = new HistoryStore(join(dir(), 'h.jsonl'), { maxEntries: 1000, maxBytes: 3000 });
    for (let i = 0; i < 10; i++) await big.append(entry(`m.S/B${i}`, JSON.stringify({ pad: 'x'.repeat(500) })));
    expect(statSync(big.file).size).toBeLessThanOrEqual(3000);
    expect((await new HistoryStore(big.file).list())[0]!.method).toBe('m.S/B9');
  });

  it('trims from the entries it holds to the same lines a fresh read gives, escapes and all', async () => {
    const history = new HistoryStore(join(dir(), 'h.jsonl'), { maxEntries: 10, maxBytes: 1024 * 1024 });
    // Text JSON escapes and characters it does not: the rewrite must give back what was written.
    const odd = '{"text":"ü \\u2028 \\" \\\\ \\u0000 😀"}';
    for (let i = 0; i < 25; i++) await history.append(entry(`m.S/M${i}`, odd));
    const fresh = await new HistoryStore(history.file).list({ limit: 1000 });
    expect(fresh.map((s) => s.method)).toEqual(Array.from({ length: fresh.length }, (_, i) => `m.S/M${24 - i}`));
    expect(fresh.length).toBeLessThanOrEqual(10);
    expect((await new HistoryStore(history.file).get(fresh[0]!.id)).responses).toEqual([odd]);
    expect((await history.list({ limit: 1000 })).map((s) => s.id)).toEqual(fresh.map((s) => s.id));
  });

  it('with a spacing, turns an entry into its line only when its write goes out', async () => {
    const history = new HistoryStore(join(dir(), 'h.jsonl'), undefined, { spacingMs: 60_000 });
    await history.append(entry('m.S/First', '{}')); // the first write goes at once
    const serialized: string[] = [];
    // JSON.stringify calls toJSON: it says when the entry became text.
    const responses = Object.assign(['{}'], { toJSON: () => (serialized.push('now'), ['{}']) });
    const appended = history.append({ ...entry('m.S/Later', '{}'), responses });
    // The appending call's task, its microtasks and the next tasks go on without that work.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(serialized).toEqual([]);
    await history.flush();
    expect((await appended).method).toBe('m.S/Later');
    expect(serialized).toEqual(['now']);
  });

  it('skips a torn last line left by a crash', async () => {
    const history = new HistoryStore(join(dir(), 'h.jsonl'));
    await history.append(entry('m.S/Ok', '{}'));
    appendFileSync(history.file, '{"id":"torn","at":1,"meth');
    const list = await new HistoryStore(history.file).list();
    expect(list.map((s) => s.method)).toEqual(['m.S/Ok']);
  });

  it('sees entries another process appended after it first read the file', async () => {
    const app = new HistoryStore(join(dir(), 'h.jsonl'));
    await app.append(entry('m.S/FromApp', '{}'));
    expect(await app.list()).toHaveLength(1);
    const cli = new HistoryStore(app.file);
    await cli.append(entry('m.S/FromCli', '{}'));
    expect((await app.list()).map((s) => s.method)).toEqual(['m.S/FromCli', 'm.S/FromApp']);
    await app.append(entry('m.S/Again', '{}'));
    expect((await new HistoryStore(app.file).list()).map((s) => s.method)).toEqual([
      'm.S/Again',
      'm.S/FromCli',
      'm.S/FromApp',
    ]);
  });

  it('never trims away an entry another process appended meanwhile, while both append and trim', async () => {
    const file = join(dir(), 'h.jsonl');
    const limits = { maxEntries: 10, maxBytes: 1024 * 1024 };
    const app = new HistoryStore(file, limits);
    const cli = new HistoryStore(file, limits);
    const appended: string[] = [];
    for (let round = 0; round < 15; round++) {
      // Appended at the same time: each store trims while the other's line may be on disk only.
      const both = await Promise.all([
        app.append(entry(`m.S/App${round}`, '{}')),
        cli.append(entry(`m.S/Cli${round}`, '{}')),
      ]);
      appended.push(...both.map((e) => e.id));
      const kept = new Set((await new HistoryStore(file, limits).list({ limit: 1000 })).map((s) => s.id));
      // Trimming keeps at least 90% of the limit (9): the last four rounds may never go missing.
      const newest = appended.slice(-8);
      expect(newest.filter((id) => !kept.has(id))).toEqual([]);
      // Each store counts its own line; the other's, racing it, is counted by the next append.
      expect(kept.size).toBeLessThanOrEqual(limits.maxEntries + 1);
    }
  });
});

describe('createHistoryRecorder', () => {
  it('records a call from its events, keeping only the first messages', async () => {
    const history = new HistoryStore(join(dir(), 'h.jsonl'));
    const recorder = createHistoryRecorder(
      history,
      { target, method: 'loupe.demo.v1.Demo/Ticker', metadata: [], messages: ['{"count":30}'], requestPath: 'ticks' },
      { mask: new SecretMask() },
    );
    const events: CallEvent[] = [
      {
        type: 'started',
        t: 0,
        at: 1000,
        target: target.address,
        method: 'loupe.demo.v1.Demo/Ticker',
        kind: 'server_streaming',
        options: {},
      },
      { type: 'sent', t: 1, index: 0, size: 2, json: '{"count":30}' },
      ...Array.from({ length: 30 }, (_, i): CallEvent => ({
        type: 'received',
        t: 2 + i,
        index: i,
        size: 4,
        json: `{"seq":"${i + 1}"}`,
      })),
      { type: 'status', t: 42.4, status: { code: 0, name: 'OK', message: '', details: [] } },
    ];
    for (const e of events) recorder.onEvent(e);
    const saved = await recorder.recorded;
    expect(saved).toMatchObject({
      at: 1000,
      durationMs: 42,
      requestPath: 'ticks',
      requests: ['{"count":30}'],
      responseCount: 30,
      truncated: true,
      status: { name: 'OK' },
    });
    expect(saved!.responses).toHaveLength(MAX_MESSAGES_PER_ENTRY);
    expect(await history.get(saved!.id)).toEqual(saved);
  });
});
