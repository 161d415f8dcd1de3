import type { LoadReport } from '../../../../shared/model/load-report';

const END_REASONS: Record<LoadReport['endReason'], string> = {
  normal: 'All planned calls made',
  timeout: 'Planned duration reached',
  cancel: 'Stopped',
  error: 'Failed',
};

/** What a finished run's report says beyond its numbers: why it ended, thresholds, how latency was measured. */
export function ReportNotes({ report }: { report: LoadReport }) {
  return (
    <div className="load-report-notes">
      <p>
        <strong>{END_REASONS[report.endReason]}</strong>
        {report.error ? `: ${report.error}` : ''} · {report.schedule} · {report.callKind.replace('_', ' ')} over{' '}
        {report.protocol} to <code>{report.address}</code>
        {report.warmupCalls > 0 ? ` · ${report.warmupCalls.toLocaleString('en-US')} warm-up calls left out` : ''}
        {report.abandoned > 0
          ? ` · ${report.abandoned.toLocaleString('en-US')} calls in flight at the stop not counted`
          : ''}
      </p>
      {report.thresholds.length > 0 && (
        <ul className="load-thresholds" aria-label="Thresholds">
          {report.thresholds.map((t) => (
            <li key={t.expression} className={t.passed ? 'passed' : 'failed'}>
              {t.passed ? '✓ passed' : '✗ failed'}: <code>{t.expression}</code> (measured {+t.actual.toFixed(3)})
            </li>
          ))}
        </ul>
      )}
      <p className="load-hint">{report.coordinatedOmission.note}</p>
    </div>
  );
}
