import type { LoadReport } from '../../../shared/model/load-report';
import { barChart, escapeHtml, lineChart } from './svg-charts';

const ms = (n: number) => `${n >= 100 ? n.toFixed(0) : n.toFixed(2)} ms`;

/**
 * A report as one self-contained HTML page: styles and charts inline (SVG), no script, nothing
 * fetched, so it opens from a CI artifact or an email as it is. Every text from the report is
 * escaped (a server's error message is not markup).
 */
export function htmlReport(report: LoadReport): string {
  const e = escapeHtml;
  const latency = report.latency;
  const rows: Array<[string, string]> = [
    ['Method', report.method],
    ['Address', report.address],
    ['Date', report.date],
    ['Schedule', report.schedule],
    ['Concurrency / connections', `${report.plan.concurrency} / ${report.plan.connections}`],
    [
      'Calls',
      `${report.count} (${report.warmupCalls} warm-up not counted${report.abandoned ? `, ${report.abandoned} abandoned` : ''})`,
    ],
    ['Ended', report.endReason],
    ['Calls/s', report.rps.toFixed(1)],
    [
      'Latency p50 / p90 / p99 / p99.9 / max',
      [latency.p50, latency.p90, latency.p99, latency.p999, latency.max].map(ms).join(' / '),
    ],
    ['Errors', `${(report.errorRate * 100).toFixed(2)} %`],
    [
      'Machine',
      `${report.machine.hostname}, ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}, Loupe ${report.machine.loupe}`,
    ],
  ];
  const histogram = barChart(
    'latency-histogram',
    'Latency histogram',
    report.histogram.map((b) => ({ label: ms(b.mark * 1000), value: b.count })),
  );
  const xs = report.timeSeries.map((p) => p.t);
  const rps = lineChart(
    'rps-over-time',
    'Calls per second over time',
    xs,
    [
      { label: 'calls/s', values: report.timeSeries.map((p) => p.rps), color: '#4f7cff' },
      ...(report.timeSeries.some((p) => p.targetRps !== undefined)
        ? [{ label: 'scheduled', values: report.timeSeries.map((p) => p.targetRps ?? 0), color: '#999' }]
        : []),
    ],
    '',
  );
  const percentiles = lineChart(
    'latency-over-time',
    'Latency percentiles over time',
    xs,
    [
      { label: 'p50', values: report.timeSeries.map((p) => p.p50), color: '#2e9d5b' },
      { label: 'p90', values: report.timeSeries.map((p) => p.p90), color: '#e0a100' },
      { label: 'p99', values: report.timeSeries.map((p) => p.p99), color: '#d64545' },
    ],
    ' ms',
  );
  const statuses = barChart(
    'status-codes',
    'Status codes',
    Object.entries(report.statusCodeDistribution).map(([code, n]) => ({
      label: code,
      value: n,
      color: code === 'OK' ? '#2e9d5b' : '#d64545',
    })),
  );
  const thresholds = report.thresholds.length
    ? `<h2>Thresholds</h2><ul>${report.thresholds
        .map(
          (t) =>
            `<li class="${t.passed ? 'pass' : 'fail'}">${t.passed ? 'passed' : 'FAILED'}: ${e(t.expression)} (measured ${t.actual.toFixed(2)})</li>`,
        )
        .join('')}</ul>`
    : '';
  const errors = report.firstErrors.length
    ? `<h2>Errors</h2><ul>${report.firstErrors.map((x) => `<li>${e(x.code)} × ${x.count}: ${e(x.message)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Load test: ${e(report.name ?? report.method)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em auto;max-width:720px;color:#222}
table{border-collapse:collapse}td{padding:2px 12px 2px 0;vertical-align:top}td:first-child{color:#666}
h2{font-size:16px;margin-top:1.6em}.pass{color:#2e9d5b}.fail{color:#d64545;font-weight:bold}
.note{color:#666;font-size:12px}svg{max-width:100%;height:auto}
</style></head><body>
<h1>Load test: ${e(report.name ?? report.method)}</h1>
<table>${rows.map(([k, v]) => `<tr><td>${e(k)}</td><td>${e(v)}</td></tr>`).join('')}</table>
<p class="note">${e(report.coordinatedOmission.note)}</p>
${thresholds}
<h2>Latency histogram</h2>${histogram}
<h2>Calls per second</h2>${rps}
<h2>Latency over time</h2>${percentiles}
<h2>Status codes</h2>${statuses}
${errors}
</body></html>
`;
}
