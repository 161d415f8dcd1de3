import type { Locator, Page } from '@playwright/test';

/** The HTML page of a load test report (`loupe load --html`, load.html): its charts and verdicts. */
export class LoadReportPage {
  readonly charts: Locator;
  readonly latencyHistogram: Locator;
  readonly rpsOverTime: Locator;
  readonly latencyOverTime: Locator;
  readonly statusCodes: Locator;
  readonly failedThresholds: Locator;

  constructor(page: Page) {
    this.charts = page.getByRole('img');
    this.latencyHistogram = page.getByRole('img', { name: 'Latency histogram' });
    this.rpsOverTime = page.getByRole('img', { name: 'Calls per second over time' });
    this.latencyOverTime = page.getByRole('img', { name: 'Latency percentiles over time' });
    this.statusCodes = page.getByRole('img', { name: 'Status codes' });
    this.failedThresholds = page.getByRole('listitem').filter({ hasText: 'FAILED' });
  }

  /** The bars of a bar chart. */
  bars(chart: Locator): Locator {
    return chart.locator('rect');
  }
}
