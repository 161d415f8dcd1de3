// Figure 3: what the engine and the RPC add to one unary round trip.
import { bareDemoClient, demoTarget, median, round } from '../lib/common.mjs';
import { startEngineHost, TRANSPORT } from '../lib/engine-host.mjs';

export const title = 'Unary overhead';

// Calls each side makes before it is timed. The engine's path is larger than a bare client's and
// V8 keeps compiling it for about 3,000 calls (TurboFan jobs per 500 calls on the bench machine:
// 216, 216, 154, 100, 52, 50, 18, 18); timed after 200, the figure had measured the JIT's warm-up
// as much as the engine. The first timed calls after a short warm-up are reported beside it.
const WARMUP = 3000;
const EARLY_WARMUP = 200;

export async function run({ demo, quick }) {
  const n = quick ? 300 : 2000;
  const block = quick ? 100 : 250;
  const warmup = quick ? 500 : WARMUP;
  const bare = bareDemoClient(demo.address);
  const host = await startEngineHost();
  const command = {
    type: 'unary-series',
    target: demoTarget(demo.address),
    method: 'loupe.demo.v1.Demo/Echo',
    body: '{"message":"hi"}',
  };
  try {
    for (let i = 0; i < EARLY_WARMUP; i++) await bare.echo('hi');
    await host.ask({ ...command, n: EARLY_WARMUP });
    // The early series: alternating as below, right after the short warm-up.
    const earlyBare = [];
    const earlyOurs = [];
    while (earlyBare.length < block * 2) {
      for (let i = 0; i < block; i++) earlyBare.push(await timedEcho(bare));
      earlyOurs.push(...(await host.ask({ ...command, n: block })));
    }
    for (let i = earlyBare.length + EARLY_WARMUP; i < warmup; i++) await bare.echo('hi');
    await host.ask({ ...command, n: Math.max(0, warmup - earlyOurs.length - EARLY_WARMUP) });
    const bareTimes = [];
    const oursTimes = [];
    // Alternating blocks, so both see the same phases of the machine's noise.
    while (bareTimes.length < n) {
      for (let i = 0; i < block; i++) bareTimes.push(await timedEcho(bare));
      oursTimes.push(...(await host.ask({ ...command, n: block })));
    }
    const bareMedian = median(bareTimes);
    const oursMedian = median(oursTimes);
    const overhead = oursMedian - bareMedian;
    return {
      entries: [
        {
          name: 'unary overhead (median)',
          value: round(overhead, 3),
          unit: 'ms',
          target: '< 0.5',
          pass: overhead < 0.5,
        },
      ],
      baselines: { 'bare grpc-js median (ms)': round(bareMedian, 3) },
      measured: {
        'call.open -> status median (ms)': round(oursMedian, 3),
        'engine p90 (ms)': round(quantile(oursTimes, 0.9), 3),
        'bare p90 (ms)': round(quantile(bareTimes, 0.9), 3),
        [`overhead over calls ${EARLY_WARMUP + 1}-${EARLY_WARMUP + earlyBare.length} (ms)`]: round(
          median(earlyOurs) - median(earlyBare),
          3,
        ),
      },
      details: { n: bareTimes.length },
      notes: [
        `Echo, ${bareTimes.length} sequential calls each after ${warmup} warm-up (the early series: ${earlyBare.length} each after ${EARLY_WARMUP}); engine time runs from call.open to the end of its event log; transport: ${TRANSPORT}`,
      ],
    };
  } finally {
    bare.close();
    await host.close();
  }
}

async function timedEcho(bare) {
  const t0 = performance.now();
  await bare.echo('hi');
  return performance.now() - t0;
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
