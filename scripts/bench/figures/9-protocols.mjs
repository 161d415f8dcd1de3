// Figure 9: the fast server stream of figure 1 over gRPC-Web and Connect (HTTP/2) through the
// engine, each against the gRPC path in the same run.
import { demoTarget, median, round } from '../lib/common.mjs';
import { startEngineHost, TRANSPORT } from '../lib/engine-host.mjs';

export const title = 'Stream throughput per protocol';

const TARGET_RATIO = 0.9;

export async function run({ demo, quick }) {
  if (!demo.webAddress) throw new Error('the demo child printed no gRPC-Web/Connect address');
  const count = quick ? 20_000 : 200_000;
  const rounds = quick ? 2 : 3;
  const payloadBytes = 1000;
  const host = await startEngineHost();
  const targets = {
    grpc: demoTarget(demo.address),
    'grpc-web': { ...demoTarget(demo.webAddress), protocol: 'grpc-web' },
    connect: { ...demoTarget(demo.webAddress), protocol: 'connect' },
  };
  const call = async (target, n) => {
    const body = JSON.stringify({ count: n, intervalMs: 0, payloadBytes });
    const r = await host.ask({ type: 'call', target, method: 'loupe.demo.v1.Demo/Ticker', body, release: true });
    if (r.received !== n) throw new Error(`${target.protocol ?? 'grpc'}: the consumer got ${r.received} of ${n}`);
    return (n / r.ms) * 1000;
  };
  try {
    // Warm-up: connections, schemas (reflection), JIT on both sides.
    for (const target of Object.values(targets)) await call(target, 2000);
    const rates = { grpc: [], 'grpc-web': [], connect: [] };
    for (let i = 0; i < rounds; i++) {
      for (const [name, target] of Object.entries(targets)) rates[name].push(await call(target, count));
    }
    const grpc = median(rates.grpc);
    const entries = ['grpc-web', 'connect'].map((name) => {
      const ratio = median(rates[name]) / grpc;
      return {
        name: `${name === 'connect' ? 'Connect' : 'gRPC-Web'} (HTTP/2) stream vs gRPC`,
        value: round(ratio, 3),
        unit: 'x',
        target: `>= ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO,
      };
    });
    return {
      entries,
      baselines: { 'gRPC through the engine (msg/s)': Math.round(grpc) },
      measured: {
        'gRPC-Web (msg/s)': Math.round(median(rates['grpc-web'])),
        'Connect (msg/s)': Math.round(median(rates.connect)),
      },
      details: {
        count,
        payloadBytes,
        rounds,
        rates: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, v.map(Math.round)])),
      },
      notes: [
        `${count} x ~1 KiB ticks, medians of ${rounds} alternating rounds; the gRPC and web demos run in one child process; transport: ${TRANSPORT}`,
      ],
    };
  } finally {
    await host.close();
  }
}
