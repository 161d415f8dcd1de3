// Figure 11: a stream with a per-message test hook (onMessage + test + chai's expect) through the
// engine, against the same stream without scripts, in the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTarget, median, round, tempDir } from '../lib/common.mjs';
import { startEngineHost, TRANSPORT } from '../lib/engine-host.mjs';

export const title = 'Stream with a per-message test hook';

const HOOK = `onMessage((tick, { index }) => {
  test('ticks arrive in order', () => expect(tick.seq).to.equal(String(index + 1)));
});
`;

function workspace(address, count, payloadBytes) {
  const root = tempDir('loupe-bench-scripts-');
  mkdirSync(join(root, 'requests'), { recursive: true });
  mkdirSync(join(root, 'environments'), { recursive: true });
  writeFileSync(
    join(root, 'loupe.workspace.json'),
    JSON.stringify({ version: 1, targets: { demo: demoTarget(address) } }),
  );
  const body = { count, intervalMs: 0, payloadBytes };
  writeFileSync(
    join(root, 'requests', 'ticks.json'),
    JSON.stringify({ version: 1, target: 'demo', method: 'loupe.demo.v1.Demo/Ticker', body }),
  );
  writeFileSync(join(root, 'requests', 'ticks.js'), HOOK);
  return { root, body: JSON.stringify(body) };
}

export async function run({ demo, quick }) {
  const count = quick ? 20_000 : 100_000;
  const rounds = quick ? 2 : 3;
  const payloadBytes = 1000;
  const host = await startEngineHost();
  const target = demoTarget(demo.address);
  const method = 'loupe.demo.v1.Demo/Ticker';
  const { root, body } = workspace(demo.address, count, payloadBytes);
  const scripted = { environment: { root, name: null }, requestPath: 'ticks' };
  try {
    await host.ask({ type: 'request', method: 'scripts.trust', input: { root, trusted: true } });
    // Warm-up: channel, schema, JIT, the script worker's first build.
    const warm = JSON.stringify({ count: 2000, payloadBytes });
    await host.ask({ type: 'call', target, method, body: warm, release: true });
    await host.ask({ type: 'call', target, method, body: warm, release: true, ...scripted });
    const plainRates = [];
    const hookRates = [];
    for (let i = 0; i < rounds; i++) {
      const p = await host.ask({ type: 'call', target, method, body, release: true });
      if (p.received !== count) throw new Error(`the stream without scripts got ${p.received} of ${count}`);
      plainRates.push((count / p.ms) * 1000);
      const h = await host.ask({ type: 'call', target, method, body, release: true, ...scripted });
      if (h.received !== count) throw new Error(`the stream with the hook got ${h.received} of ${count}`);
      // Counted in the sandbox: every message went through the hook and its test passed.
      if (h.tests?.passed !== count || h.tests.failed !== 0)
        throw new Error(
          `the hook's test ran ${h.tests?.passed ?? 0} times (${h.tests?.failed ?? 0} failed), not ${count}`,
        );
      hookRates.push((count / h.ms) * 1000);
    }
    const plain = median(plainRates);
    const hooked = median(hookRates);
    const ratio = hooked / plain;
    return {
      entries: [
        {
          name: 'stream with a per-message test hook vs without scripts',
          value: round(ratio, 3),
          unit: 'x',
          target: '>= 0.8',
          pass: ratio >= 0.8,
        },
      ],
      baselines: { 'without scripts (msg/s)': Math.round(plain) },
      measured: { 'with the hook (msg/s)': Math.round(hooked) },
      details: {
        count,
        payloadBytes,
        rounds,
        plainRates: plainRates.map(Math.round),
        hookRates: hookRates.map(Math.round),
      },
      notes: [
        `${count} x ~1 KiB ticks, medians of ${rounds} alternating rounds; the hook: ${HOOK.replace(/\s+/g, ' ').trim()}; until the status arrived (after every test ran); transport: ${TRANSPORT}`,
      ],
    };
  } finally {
    await host.close();
  }
}
