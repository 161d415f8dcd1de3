import type { ExportedFile } from '../../../../shared/model/load';
import type { LoadReport } from '../../../../shared/model/load-report';
import { api } from '../../api';
import { downloadFile } from '../../ui/files';
import { k6Zip } from './k6-zip';

/** "2026-12-01-0412": a run's start as a file name part, sortable and without colons. */
function stamp(date: string): string {
  return date.slice(0, 16).replace('T', '-').replace(':', '');
}

function shortMethod(method: string): string {
  return method.slice(method.lastIndexOf('.') + 1).replace(/[^\w-]/g, '_');
}

/** Saves a kept run's JSON report (ghz's field names where they apply). */
export async function saveReportJson(root: string | null, runId: string): Promise<void> {
  const report: LoadReport = await api().request('load.report', { root, runId });
  downloadFile(
    `load-${shortMethod(report.method)}-${stamp(report.date)}.json`,
    [JSON.stringify(report, null, 2), '\n'],
    'application/json',
  );
}

/** Saves a kept run's self-contained HTML page, to open in any browser or attach to a ticket. */
export async function saveReportHtml(root: string | null, runId: string, method: string, date: string): Promise<void> {
  const html = await api().request('load.html', { root, runId });
  downloadFile(`load-${shortMethod(method)}-${stamp(date)}.html`, [html], 'text/html');
}

/** Saves the k6 export (script and protos) as `<method>-k6.zip`. */
export function saveK6Files(files: readonly ExportedFile[], method: string): void {
  downloadFile(`load-${shortMethod(method)}-k6.zip`, [k6Zip(files)], 'application/zip');
}
