import { toBinary, create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { DEMO_DESCRIPTOR_SET_BASE64 } from '../demo/demo-descriptor.generated';
import { TickSchema } from '../demo/demo_pb.generated';
import type { Outbox } from './protocol';
import { ScriptSession } from './script-session';
import { endSpareScriptWorker, scriptWorker, spareScriptWorkerId, startSpareScriptWorker } from './script-worker-start';

const descriptors = Buffer.from(DEMO_DESCRIPTOR_SET_BASE64, 'base64');

async function session(code: string, limits = {}) {
  const outboxes: Outbox[] = [];
  const s = await ScriptSession.start({
    files: [{ file: 'requests/t.js', code }],
    init: { variables: { user: 'ada' }, approved: {}, keepMessages: 10 },
    descriptors,
    outputType: 'loupe.demo.v1.Tick',
    limits,
    onOutbox: (o) => outboxes.push(o),
  });
  return { s, outboxes };
}

const tick = (seq: number) => toBinary(TickSchema, create(TickSchema, { seq: BigInt(seq) }));

describe('ScriptSession', () => {
  it('runs beforeCall, onMessage and afterCall hooks with tests', async () => {
    const { s, outboxes } = await session(`
      beforeCall((req) => { req.metadata.set('x-user', env.get('user')); req.body.n = 1n << 60n; log('before', req.method); });
      onMessage((m, { index }) => test('seq matches', () => expect(m.seq).to.equal(String(index))));
      afterCall((res) => { test('ok', () => expect(res.ok).to.equal(true)); env.set('last', res.message.seq); });
    `);
    expect(s.hooks).toEqual({ beforeCall: 1, beforeSend: 0, onMessage: 1, afterCall: 1 });
    const out = (await s.invoke('beforeCall', {
      method: 'loupe.demo.v1.Demo/Ticker',
      target: { address: 'x', protocol: 'grpc' },
      metadata: [],
      messages: ['{"count": 3}'],
      single: true,
    })) as { metadata: unknown; messages: string[] };
    expect(out.metadata).toEqual([{ name: 'x-user', value: 'ada' }]);
    expect(out.messages[0]).toContain('"n": 1152921504606846976');
    await s.messages(0, [tick(0), tick(1), tick(5)]);
    await s.invoke('afterCall', {
      status: { code: 0, name: 'OK', message: '', details: [] },
      headers: [],
      trailers: [],
    });
    const all = outboxes.flatMap((o) => o.results);
    expect(all.filter((r) => !r.passed).map((r) => [r.name, r.index, r.message])).toEqual([
      ['seq matches', 2, "expected '5' to equal '2'"],
    ]);
    const summary = outboxes.filter((o) => o.summary).at(-1)!.summary!;
    expect([summary.passed, summary.failed]).toEqual([3, 1]);
    expect(outboxes.flatMap((o) => o.envSets)).toEqual([{ name: 'last', value: '5', secret: false }]);
    expect(outboxes.flatMap((o) => o.logs).map((l) => l.text)).toEqual(['before loupe.demo.v1.Demo/Ticker']);
    s.close();
  });

  it('fails a test whose expect chain asserted nothing (a misspelt property), not only wrong values', async () => {
    const { s, outboxes } = await session(`afterCall((res) => {
      test('misspelt', () => expect(res.ok).to.be.ture);
      test('spelt right', () => expect(res.ok).to.be.true);
      test('async, then misspelt', async () => { await null; expect(res.ok).to.be.ture; });
      test('no expect at all', () => { if (!res.ok) throw new Error('not ok'); });
    });`);
    await s.invoke('afterCall', { status: { code: 0 }, headers: [], trailers: [] });
    const results = outboxes.flatMap((o) => o.results).map((r) => [r.name, r.passed, r.message]);
    expect(results).toEqual([
      ['misspelt', false, expect.stringContaining('asserted nothing: check the spelling of its chain')],
      ['spelt right', true, undefined],
      // Only expectations made before a test's first await are tracked.
      ['no expect at all', true, undefined],
      ['async, then misspelt', true, undefined],
    ]);
    s.close();
  });

  it('ends a hook that loops forever with a clear error', async () => {
    const { s } = await session(`afterCall(() => { for (;;) {} });`, { cpuMs: 200 });
    await expect(s.invoke('afterCall', { status: { code: 0 }, headers: [], trailers: [] })).rejects.toThrow(
      /afterCall hook in requests\/t\.js failed: ran for more than 0.2 s of CPU/,
    );
    s.close();
  });

  it('ends an onMessage hook that loops forever (the engine watches the steps that come by the thousand)', async () => {
    const { s } = await session(`onMessage((m) => { if (m.seq === '3') for (;;) {} });`, { cpuMs: 300 });
    await s.messages(0, [tick(1), tick(2)]);
    await expect(s.messages(2, [tick(3)])).rejects.toThrow(
      /^A script in the onMessage hook ran for more than 0\.3 s of CPU time without finishing/,
    );
    expect(s.failed?.code).toBe('SCRIPT');
    s.close();
  });

  it('does not mistake a hook waiting on a helper call for a busy one', async () => {
    const { s, outboxes } = await session(
      `afterCall(async () => { const r = await call('loupe.demo.v1.Demo/Echo', {}); log('got', r.ok); });`,
      {
        cpuMs: 100,
      },
    );
    const done = s.invoke('afterCall', { status: { code: 0 }, headers: [], trailers: [] });
    // The helper call is answered well after the CPU bound: waiting is not running.
    await new Promise((r) => setTimeout(r, 400));
    const request = outboxes.flatMap((o) => o.calls)[0]!;
    s.settleCall(request.id, { result: { ok: true } });
    await done;
    expect(outboxes.flatMap((o) => o.logs).map((l) => l.text)).toEqual(['got true']);
    s.close();
  });

  it('cannot reach Node from inside', async () => {
    const { s, outboxes } = await session(`afterCall(() => {
      const tries = {
        require: () => require('fs'),
        process: () => process.pid,
        fetch: () => fetch('http://127.0.0.1:1'),
        ctor: () => this.constructor.constructor('return process')(),
        fnctor: () => (function () {}).constructor('return process')(),
        proto: () => Object.getPrototypeOf(globalThis).constructor.constructor('return process')(),
        testCtor: () => test.constructor('return process')(),
        envCtor: () => env.get.constructor('return process')(),
        eval: () => eval('1'),
      };
      for (const [name, fn] of Object.entries(tries)) {
        try { log(name, 'reached', String(fn())); } catch (e) { log(name, 'refused', e.name); }
      }
    });`);
    await s.invoke('afterCall', { status: { code: 0 }, headers: [], trailers: [] });
    const lines = outboxes.flatMap((o) => o.logs).map((l) => l.text);
    expect(lines.filter((l) => l.includes('reached'))).toEqual([]);
    expect(lines).toHaveLength(9);
    s.close();
  });
});

describe('the worker started ahead for the next call', () => {
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
    return condition();
  };

  it('is started once a call’s scripts have loaded, taken by the next call, and holds nothing of the last', async () => {
    endSpareScriptWorker();
    const script = `globalThis.seen = (globalThis.seen ?? 0) + 1; afterCall(() => log('seen', seen));`;
    const first = await session(script);
    expect(await until(() => spareScriptWorkerId() !== undefined)).toBe(true);
    const waiting = spareScriptWorkerId();
    first.s.close();
    const second = await session(script);
    // Taken: whatever waits now was started for the call after this one.
    expect(spareScriptWorkerId()).not.toBe(waiting);
    await second.s.invoke('afterCall', {
      status: { code: 0, name: 'OK', message: '', details: [] },
      headers: [],
      trailers: [],
    });
    // A fresh realm: the first call's global is not there.
    expect(second.outboxes.flatMap((o) => o.logs).map((l) => l.text)).toEqual(['seen 1']);
    second.s.close();
    endSpareScriptWorker();
    expect(spareScriptWorkerId()).toBeUndefined();
  });

  it('is the worker the next call gets, when its limits match', async () => {
    endSpareScriptWorker();
    const limits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 32 };
    startSpareScriptWorker(limits);
    expect(await until(() => spareScriptWorkerId() !== undefined)).toBe(true);
    const waiting = spareScriptWorkerId();
    const taken = await scriptWorker(limits);
    expect(taken.threadId).toBe(waiting);
    const other = await scriptWorker(limits);
    expect(other.threadId).not.toBe(waiting);
    startSpareScriptWorker(limits);
    expect(await until(() => spareScriptWorkerId() !== undefined)).toBe(true);
    const notForThese = spareScriptWorkerId();
    const bigger = await scriptWorker({ ...limits, maxOldGenerationSizeMb: 128 });
    expect(bigger.threadId).not.toBe(notForThese);
    expect(spareScriptWorkerId()).toBeUndefined();
    await Promise.all([taken.terminate(), other.terminate(), bigger.terminate()]);
  });

  it('is not taken by a call with other memory limits, which starts its own', async () => {
    endSpareScriptWorker();
    (await session('')).s.close();
    expect(await until(() => spareScriptWorkerId() !== undefined)).toBe(true);
    const waiting = spareScriptWorkerId();
    const other = await session(`afterCall(() => log('ok'));`, { memoryMb: 96 });
    await other.s.invoke('afterCall', {
      status: { code: 0, name: 'OK', message: '', details: [] },
      headers: [],
      trailers: [],
    });
    expect(other.outboxes.flatMap((o) => o.logs).map((l) => l.text)).toEqual(['ok']);
    // The one started for the default limits was ended, not used; the next waits with these.
    expect(spareScriptWorkerId()).not.toBe(waiting);
    other.s.close();
    endSpareScriptWorker();
  });
});
