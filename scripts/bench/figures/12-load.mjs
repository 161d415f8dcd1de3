// Figure 12: unary Echo load at concurrency 50 for a fixed count: `loupe load` (its worker-thread
// generator) against a bare grpc-js loop with the same concurrency, in the same run. Loupe's
// calls/s is the report's own (the measured part, without process start or reflection).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareDemoClient, median, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { DIST_CLI } from '../lib/paths.mjs';

export const title = 'Load generator throughput';

const CONCURRENCY = 50;

/** `count` Echo calls, CONCURRENCY at a time, from one grpc-js client in this process. */
async function bareLoop(client, count) {
  let issued = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (issued < count) {
      issued++;
      await client.echo('hi');
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (count / (performance.now() - t0)) * 1000;
}

async function loupeLoad(address, count) {
  const out = join(tempDir('loupe-bench-load-'), 'report.json');
  const run = await spawnUntil(
    [
      DIST_CLI,
      'load',
      '--plaintext',
      address,
      'loupe.demo.v1.Demo/Echo',
      '-n',
      String(count),
      '-c',
      String(CONCURRENCY),
      '-d',
      '{"message":"hi"}',
      '-o',
      out,
      '--no-history',
    ],
    /Requests\/sec/,
    { timeoutMs: 300_000 },
  );
  await new Promise((resolve) => (run.child.exitCode !== null ? resolve() : run.child.once('exit', resolve)));
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.count !== count || report.statusCodeDistribution.OK !== count)
    throw new Error(`loupe load: ${JSON.stringify(report.statusCodeDistribution)} of ${count} calls`);
  return report.rps;
}

export async function run({ demo, quick }) {
  const count = quick ? 5_000 : 40_000;
  const rounds = quick ? 2 : 3;
  const bare = bareDemoClient(demo.address);
  try {
    await bareLoop(bare, 2000);
    const rates = { bare: [], loupe: [] };
    // Alternating, so both see the same phases of the machine's noise.
    for (let i = 0; i < rounds; i++) {
      rates.bare.push(await bareLoop(bare, count));
      rates.loupe.push(await loupeLoad(demo.address, count));
    }
    const ratio = median(rates.loupe) / median(rates.bare);
    return {
      entries: [
        {
          name: 'loupe load vs a bare grpc-js loop (calls/s)',
          value: round(ratio, 3),
          unit: 'x',
          target: '>= 0.8',
          pass: ratio >= 0.8,
        },
      ],
      baselines: { 'bare grpc-js loop (calls/s)': Math.round(median(rates.bare)) },
      measured: { 'loupe load (calls/s)': Math.round(median(rates.loupe)) },
      details: {
        count,
        concurrency: CONCURRENCY,
        rounds,
        rates: { bare: rates.bare.map(Math.round), loupe: rates.loupe.map(Math.round) },
      },
      notes: [
        `Echo "hi", ${count} calls at concurrency ${CONCURRENCY}, one connection each; the demo server in its own process. loupe load runs as the CLI does (one worker thread per connection); its rate is its report's, over the measured calls.`,
      ],
    };
  } finally {
    bare.close();
  }
}
