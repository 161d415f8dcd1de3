import type { Download, Locator, Page } from '@playwright/test';

/** The Load view: "Load" beside Send, the plan, the live run, the kept runs and two runs compared. */
export class LoadUiPage {
  /** "Load"; "● Load" while the tab's run goes on. */
  readonly button: Locator;
  readonly panel: Locator;
  readonly backToResponse: Locator;
  readonly planTab: Locator;
  readonly keptRunsTab: Locator;
  /** "Start load test" the first time, "Run again" after. */
  readonly startButton: Locator;
  readonly stopButton: Locator;
  readonly exportK6Button: Locator;
  readonly plan: Locator;
  readonly schedule: Locator;
  readonly schedulePreview: Locator;
  /** Starting…, Running: 120 of 1,000 calls, Stopped… */
  readonly state: Locator;
  /** The report's first line once a run ended: why it ended (Stopped, All planned calls made…). */
  readonly reportNotes: Locator;
  /** The histogram's text summary says how many calls and buckets it holds. */
  readonly histogram: Locator;
  readonly rpsChart: Locator;
  readonly p99Chart: Locator;
  readonly percentiles: Locator;
  readonly statuses: Locator;
  readonly callsCount: Locator;
  readonly runs: Locator;
  readonly runRows: Locator;
  readonly compareButton: Locator;
  readonly comparison: Locator;
  readonly keptRun: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByRole('button', { name: /^(● )?Load$/ });
    this.panel = page.getByRole('region', { name: 'Load test', exact: true });
    this.backToResponse = this.panel.getByRole('button', { name: 'Back to the response' });
    this.planTab = this.panel.getByRole('tab', { name: 'Plan and run' });
    this.keptRunsTab = this.panel.getByRole('tab', { name: 'Kept runs' });
    this.startButton = this.panel.getByRole('button', { name: /^(Start load test|Run again)$/ });
    this.stopButton = this.panel.getByRole('button', { name: 'Stop', exact: true });
    this.exportK6Button = this.panel.getByRole('button', { name: 'Export to k6' });
    this.plan = this.panel.getByRole('form', { name: 'Load test plan' });
    this.schedule = this.plan.getByLabel('Schedule', { exact: true });
    this.schedulePreview = this.plan.getByRole('img', { name: /^Rate schedule/ });
    this.state = this.panel.getByTestId('load-state');
    this.reportNotes = this.panel.locator('.load-report-notes');
    this.histogram = this.panel.getByRole('img', { name: /^Latency histogram/ });
    this.rpsChart = this.panel.getByRole('img', { name: /^Calls per second over time/ });
    this.p99Chart = this.panel.getByRole('img', { name: /^p99 latency over time/ });
    this.percentiles = this.panel.getByRole('table', { name: 'Latency percentiles' });
    this.statuses = this.panel.getByRole('table', { name: 'Calls by status' });
    this.callsCount = this.panel.getByTestId('load-calls');
    this.runs = this.panel.getByRole('table', { name: 'Runs' });
    this.runRows = this.runs.getByRole('row').filter({ has: this.page.getByRole('checkbox') });
    this.compareButton = this.panel.getByRole('button', { name: /^Compare/ });
    this.comparison = this.panel.getByRole('table', { name: 'Run comparison' });
    this.keptRun = this.panel.getByRole('region', { name: 'Kept run' });
  }

  /** A field of the plan by its label (Calls, Duration, Concurrency, Connections, Rate…). */
  field(label: string): Locator {
    return this.plan.getByLabel(label, { exact: true });
  }

  /** The error shown under a field of the plan. */
  fieldError(label: string): Locator {
    return this.plan
      .locator('.load-field')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .getByRole('alert');
  }

  /** The comparison's line for one measure (Calls/s, p50 … p99.9, max, mean, Errors, Calls). */
  comparisonRow(measure: string): Locator {
    return this.comparison
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: measure, exact: true }) });
  }

  /** The line of one status code (OK, UNAVAILABLE…) in the live or kept run's status table. */
  status(name: string): Locator {
    return this.statuses.getByRole('rowheader', { name, exact: true });
  }

  /** The `index`-th kept run's Open button (newest first). */
  openRun(index: number): Locator {
    return this.runRows.nth(index).getByRole('button', { name: /^Open the run/ });
  }

  /** The histogram of the kept run opened from the list. */
  get keptRunHistogram(): Locator {
    return this.keptRun.getByRole('img', { name: /^Latency histogram/ });
  }

  /** The tick box that picks the `index`-th kept run (newest first) for comparing. */
  pickRun(index: number): Locator {
    return this.runRows.nth(index).getByRole('checkbox');
  }

  /** Exports the plan to k6 and returns the file the browser saves. */
  async exportK6(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportK6Button.click();
    return download;
  }

  /** How many calls the histogram holds now, read from its text summary (0 before the first). */
  async histogramCalls(): Promise<number> {
    const label = (await this.histogram.getAttribute('aria-label')) ?? '';
    const match = /: ([\d,]+) calls in \d+ buckets/.exec(label);
    return match ? Number(match[1]!.replace(/,/g, '')) : 0;
  }
}
