// Figure 3: what the engine and the RPC add to one unary round trip.
import { bareDemoClient, demoTarget, median, round } from '../lib/common.mjs';
import { startEngineHost, TRANSPORT } from '../lib/engine-host.mjs';

export const title = 'Unary overhead';

export async function run({ demo, quick }) {
  const n = quick ? 300 : 2000;
  const block = quick ? 100 : 250;
  const bare = bareDemoClient(demo.address);
  const host = await startEngineHost();
  const command = {
    type: 'unary-series',
    target: demoTarget(demo.address),
    method: 'loupe.demo.v1.Demo/Echo',
    body: '{"message":"hi"}',
  };
  try {
    for (let i = 0; i < 200; i++) await bare.echo('hi');
    await host.ask({ ...command, n: 200 });
    const bareTimes = [];
    const oursTimes = [];
    // Alternating blocks, so both see the same phases of the machine's noise.
    while (bareTimes.length < n) {
      for (let i = 0; i < block; i++) {
        const t0 = performance.now();
        await bare.echo('hi');
        bareTimes.push(performance.now() - t0);
      }
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
      },
      details: { n: bareTimes.length },
      notes: [
        `Echo, ${bareTimes.length} sequential calls each after 200 warm-up; engine time runs from call.open to the end of its event log; transport: ${TRANSPORT}`,
      ],
    };
  } finally {
    bare.close();
    await host.close();
  }
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
