// Figure 1: a fast server stream through the engine and the RPC, against a bare grpc-js client.
import { bareDemoClient, demoTarget, median, round } from '../lib/common.mjs';
import { startEngineHost, TRANSPORT } from '../lib/engine-host.mjs';

export const title = 'Engine stream throughput';

export async function run({ demo, quick }) {
  const count = quick ? 20_000 : 200_000;
  const rounds = quick ? 2 : 3;
  const payloadBytes = 1000;
  const bare = bareDemoClient(demo.address);
  const host = await startEngineHost();
  const target = demoTarget(demo.address);
  const body = JSON.stringify({ count, intervalMs: 0, payloadBytes });
  try {
    // Warm-up: channels, schema (reflection), JIT on both sides.
    await bare.ticker(2000, payloadBytes);
    await host.ask({
      type: 'call',
      target,
      method: 'loupe.demo.v1.Demo/Ticker',
      body: JSON.stringify({ count: 2000, payloadBytes }),
      release: true,
    });
    const bareRates = [];
    const oursRates = [];
    for (let i = 0; i < rounds; i++) {
      const b = await bare.ticker(count, payloadBytes);
      if (b.received !== count) throw new Error(`bare client got ${b.received} of ${count}`);
      bareRates.push((count / b.ms) * 1000);
      const o = await host.ask({ type: 'call', target, method: 'loupe.demo.v1.Demo/Ticker', body, release: true });
      if (o.received !== count) throw new Error(`engine consumer got ${o.received} of ${count}`);
      oursRates.push((count / o.ms) * 1000);
    }
    const bareMedian = median(bareRates);
    const oursMedian = median(oursRates);
    const ratio = oursMedian / bareMedian;
    return {
      entries: [
        {
          name: 'stream throughput vs bare grpc-js',
          value: round(ratio, 3),
          unit: 'x',
          target: '>= 1.0',
          pass: ratio >= 1.0,
        },
      ],
      baselines: { 'bare grpc-js (msg/s)': Math.round(bareMedian) },
      measured: { 'engine + RPC (msg/s)': Math.round(oursMedian) },
      details: {
        count,
        payloadBytes,
        rounds,
        bareRates: bareRates.map(Math.round),
        oursRates: oursRates.map(Math.round),
      },
      notes: [`${count} x ~1 KiB ticks, medians of ${rounds} alternating rounds; transport: ${TRANSPORT}`],
    };
  } finally {
    bare.close();
    await host.close();
  }
}
