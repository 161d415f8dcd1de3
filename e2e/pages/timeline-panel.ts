import { type Locator, type Page } from '@playwright/test';

/** The response panel's stream timeline: counters, tools, rows and the selected message. */
export class Timeline {
  readonly tab: Locator;
  readonly list: Locator;
  readonly rows: Locator;
  readonly receivedCount: Locator;
  readonly sentCount: Locator;
  readonly state: Locator;
  readonly rate: Locator;
  readonly direction: Locator;
  readonly search: Locator;
  readonly shownCount: Locator;
  readonly letGo: Locator;
  readonly first: Locator;
  readonly last: Locator;
  readonly nextError: Locator;
  readonly follow: Locator;
  readonly exportButton: Locator;
  readonly detailTitle: Locator;
  readonly detailViewer: Locator;
  readonly keepMessages: Locator;
  /** The tools above the rows (filters, jumps, follow, export, keep). */
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    const response = page.getByRole('region', { name: 'Response' });
    this.tab = response.getByRole('tab', { name: 'Timeline' });
    this.list = page.getByRole('listbox', { name: 'Timeline' });
    this.rows = this.list.getByRole('option');
    this.receivedCount = page.getByTestId('stream-count-received');
    this.sentCount = page.getByTestId('stream-count-sent');
    this.state = page.getByTestId('call-state');
    this.rate = page.getByTestId('stream-rate');
    this.direction = page.getByRole('combobox', { name: 'Direction' });
    this.search = page.getByRole('searchbox', { name: 'Search messages' });
    this.shownCount = page.getByTestId('timeline-shown');
    this.letGo = page.getByTestId('timeline-let-go');
    const tools = page.getByRole('toolbar', { name: 'Timeline tools' });
    this.toolbar = tools;
    this.first = tools.getByRole('button', { name: 'First' });
    this.last = tools.getByRole('button', { name: 'Last' });
    this.nextError = tools.getByRole('button', { name: 'Next error' });
    this.follow = tools.getByRole('button', { name: /^Follow/ });
    this.exportButton = tools.getByRole('button', { name: 'Export NDJSON' });
    this.detailTitle = page.getByTestId('detail-title');
    this.detailViewer = page.getByTestId('detail-viewer');
    this.keepMessages = page.getByRole('combobox', { name: 'Messages kept per call' });
  }

  /** Message rows on screen still waiting for their preview ('…'). */
  get pendingPreviews(): Locator {
    return this.rows.filter({ has: this.page.locator('.preview', { hasText: /^…$/ }) });
  }

  /** An event row (not a message) by its label, e.g. 'Half-closed' or 'Status 0 OK'. */
  eventRow(label: string): Locator {
    return this.rows.filter({ has: this.page.locator('.label', { hasText: label }) });
  }

  sentRow(n: number): Locator {
    return this.rows
      .filter({ has: this.page.locator('.dir[aria-label="sent"]') })
      .filter({ has: this.page.locator('.label', { hasText: new RegExp(`^#${n}$`) }) });
  }

  receivedRow(n: number): Locator {
    return this.rows
      .filter({ has: this.page.locator('.dir[aria-label="received"]') })
      .filter({ has: this.page.locator('.label', { hasText: new RegExp(`^#${n}$`) }) });
  }

  /** A row's time since the call started, in ms, as its "+12.3 ms" / "+1.25 s" cell says. */
  async relativeMs(row: Locator): Promise<number> {
    const text = await row.locator('.rel').innerText();
    const m = /^\+([\d.]+) (ms|s)$/.exec(text);
    if (!m) throw new Error(`Unexpected relative time '${text}'`);
    return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  }

  /**
   * Where the list is, read in one step: the first and last rows wholly on screen
   * (aria-posinset, 1-based) and how many rows the list has.
   */
  async shownRange(): Promise<{ first: number; last: number; setSize: number }> {
    return this.list.evaluate((list) => {
      const box = list.getBoundingClientRect();
      let first = Infinity;
      let last = 0;
      let setSize = 0;
      for (const row of Array.from(list.querySelectorAll('[role="option"]'))) {
        const r = row.getBoundingClientRect();
        setSize = Number(row.getAttribute('aria-setsize'));
        if (r.top < box.top - 1 || r.bottom > box.bottom + 1) continue;
        const at = Number(row.getAttribute('aria-posinset'));
        first = Math.min(first, at);
        last = Math.max(last, at);
      }
      return { first, last, setSize };
    });
  }

  /** The selected message's JSON (short messages: all lines are rendered). */
  async detailText(): Promise<string> {
    return (await this.detailViewer.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
}
