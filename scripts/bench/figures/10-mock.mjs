// Figure 10: a server stream served by `loupe mock` from a rule, read by a bare grpc-js client,
// against the same stream from the demo server, in the same run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareDemoClient, median, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { DEMO_PROTO_DIR, DIST_CLI } from '../lib/paths.mjs';

export const title = 'Mock server stream throughput';

const PAYLOAD_BYTES = 1000;

/**
 * One rule per stream length asked for (the request's count), each a generator of ~1 KiB ticks:
 * the same message every time, or (intervalMs 1 asks for it) a template numbering each one.
 */
function writeRules(counts) {
  const dir = tempDir('loupe-bench-mock-');
  const payload = Buffer.alloc(PAYLOAD_BYTES, 7).toString('base64');
  const rules = counts.flatMap((count) => [
    {
      when: { request: { count, intervalMs: 0 } },
      generate: { count, body: { seq: '1', time: '2030-01-01T00:00:00Z', payload } },
    },
    {
      when: { request: { count, intervalMs: 1 } },
      generate: { count, body: { seq: '{{index}}', time: '2030-01-01T00:00:00Z', payload } },
    },
  ]);
  writeFileSync(join(dir, 'ticker.json'), JSON.stringify({ method: 'loupe.demo.v1.Demo/Ticker', rules }));
  return dir;
}

export async function run({ demo, quick }) {
  const count = quick ? 20_000 : 200_000;
  const rounds = quick ? 2 : 3;
  const rulesDir = writeRules([2000, count]);
  // The mock runs in its own process, as the demo does, from the demo's .proto files.
  const mock = await spawnUntil(
    [DIST_CLI, 'mock', DEMO_PROTO_DIR, '--rules', rulesDir, '--quiet'],
    /listening on (\S+)\n/,
  );
  const address = mock.match[1];
  const fromDemo = bareDemoClient(demo.address);
  const fromMock = bareDemoClient(address);
  try {
    await fromDemo.ticker(2000, PAYLOAD_BYTES);
    await fromMock.ticker(2000, PAYLOAD_BYTES);
    await fromMock.ticker(2000, PAYLOAD_BYTES, 1);
    const rates = { demo: [], fixed: [], templated: [] };
    const measure = async (name, client, intervalMs) => {
      const r = await client.ticker(count, PAYLOAD_BYTES, intervalMs);
      if (r.received !== count) throw new Error(`${name}: ${r.received} of ${count} messages`);
      rates[name].push((count / r.ms) * 1000);
    };
    for (let i = 0; i < rounds; i++) {
      await measure('demo', fromDemo, 0);
      await measure('fixed', fromMock, 0);
      await measure('templated', fromMock, 1);
    }
    const demoMedian = median(rates.demo);
    const entry = (name, label) => {
      const ratio = median(rates[name]) / demoMedian;
      return { name: label, value: round(ratio, 3), unit: 'x', target: '>= 0.8', pass: ratio >= 0.8 };
    };
    return {
      entries: [
        entry('fixed', 'mock stream (one message) vs the demo server'),
        entry('templated', 'mock stream ({{index}} template) vs the demo server'),
      ],
      baselines: { 'demo server (msg/s)': Math.round(demoMedian) },
      measured: {
        'loupe mock, one message (msg/s)': Math.round(median(rates.fixed)),
        'loupe mock, templated (msg/s)': Math.round(median(rates.templated)),
      },
      details: {
        count,
        payloadBytes: PAYLOAD_BYTES,
        rounds,
        rates: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, v.map(Math.round)])),
      },
      notes: [
        `${count} x ~1 KiB ticks from a generate rule, medians of ${rounds} alternating rounds, bare grpc-js client`,
      ],
    };
  } finally {
    fromDemo.client.close();
    fromMock.client.close();
    await mock.stop();
  }
}
