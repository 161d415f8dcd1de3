import type { LoadProgress } from '../../shared/model/load';
import type { LoadReport } from '../../shared/model/load-report';

const ms = (n: number) => `${n >= 100 ? n.toFixed(1) : n.toFixed(2)} ms`;
const nsToMs = (ns: number) => ms(ns / 1e6);

/** One line of live progress (stderr on a terminal, rewritten in place). */
export function progressLine(p: LoadProgress): string {
  const planned = p.plannedCalls !== undefined ? `/${p.plannedCalls}` : '';
  const errors = Object.entries(p.statusCodes)
    .filter(([code]) => code !== 'OK')
    .reduce((n, [, c]) => n + c, 0);
  return `[${(p.elapsedMs / 1000).toFixed(1)} s] ${p.phase === 'warmup' ? 'warming up' : `${p.calls}${planned} calls`}, ${p.rps.toFixed(0)} calls/s, p50 ${ms(p.latency.p50)}, p99 ${ms(p.latency.p99)}, errors ${errors}`;
}

/** The summary on stdout, laid out as ghz's. */
export function summaryText(r: LoadReport): string {
  const lines = [
    'Summary:',
    `  Name:         ${r.name ?? r.method}`,
    `  Count:        ${r.count}`,
    `  Total:        ${nsToMs(r.total)}`,
    `  Slowest:      ${nsToMs(r.slowest)}`,
    `  Fastest:      ${nsToMs(r.fastest)}`,
    `  Average:      ${nsToMs(r.average)}`,
    `  Requests/sec: ${r.rps.toFixed(2)}`,
    `  Schedule:     ${r.schedule}`,
    '',
    'Response time histogram:',
    ...histogramLines(r),
    '',
    'Latency distribution:',
    ...r.latencyDistribution.map((d) => `  ${d.percentage} % in ${nsToMs(d.latency)}`),
    '',
    'Status code distribution:',
    ...Object.entries(r.statusCodeDistribution).map(([code, n]) => `  [${code}]   ${n} responses`),
  ];
  if (Object.keys(r.errorDistribution).length)
    lines.push(
      '',
      'Error distribution:',
      ...Object.entries(r.errorDistribution).map(([text, n]) => `  [${n}]   ${text}`),
    );
  if (r.thresholds.length)
    lines.push(
      '',
      'Thresholds:',
      ...r.thresholds.map(
        (t) => `  ${t.passed ? 'passed' : 'FAILED'}  ${t.expression}  (measured ${t.actual.toFixed(2)})`,
      ),
    );
  lines.push('', r.coordinatedOmission.note);
  return lines.join('\n') + '\n';
}

function histogramLines(r: LoadReport): string[] {
  const max = Math.max(1, ...r.histogram.map((b) => b.count));
  return r.histogram.map(
    (b) =>
      `  ${(b.mark * 1000).toFixed(3).padStart(10)} [${String(b.count).padEnd(6)}] |${'∎'.repeat(Math.round((b.count / max) * 40))}`,
  );
}
