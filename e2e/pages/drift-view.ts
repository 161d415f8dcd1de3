import type { Locator, Page } from '@playwright/test';

/** The Drift view in the sidebar: what the current target is compared with, and the findings. */
export class DriftViewPage {
  readonly sidebarTab: Locator;
  readonly region: Locator;
  readonly protosChoice: Locator;
  readonly snapshotChoice: Locator;
  readonly otherServerChoice: Locator;
  readonly protoPaths: Locator;
  readonly snapshotPath: Locator;
  readonly otherAddress: Locator;
  readonly strictness: Locator;
  readonly compareButton: Locator;
  readonly snapshotName: Locator;
  readonly saveSnapshotButton: Locator;
  readonly saveNote: Locator;
  readonly findings: Locator;
  /** "3 breaking at WIRE_JSON, 2 hygiene, 6 additions". */
  readonly summary: Locator;
  readonly error: Locator;
  /** The notice after a schema refresh that changed something, in the sidebar's schema status. */
  readonly schemaChanges: Locator;
  readonly dismissSchemaChanges: Locator;
  /** Why the shown request may no longer fit its refreshed schema. */
  readonly requestSchemaFlags: Locator;
  /** Fields of the shown response, and of the timeline's selected message, the schema does not know. */
  readonly responseUnknownFields: Locator;
  readonly detailUnknownFields: Locator;

  constructor(page: Page) {
    this.sidebarTab = page.getByRole('tablist', { name: 'Sidebar' }).getByRole('tab', { name: 'Drift' });
    this.region = page.getByRole('region', { name: 'Contract drift' });
    const compareWith = this.region.getByRole('radiogroup', { name: 'Compare with' });
    this.protosChoice = compareWith.getByRole('radio', { name: 'Local protos' });
    this.snapshotChoice = compareWith.getByRole('radio', { name: 'A snapshot' });
    this.otherServerChoice = compareWith.getByRole('radio', { name: 'Another server' });
    this.protoPaths = this.region.getByLabel('.proto files or folders');
    this.snapshotPath = this.region.getByLabel('Snapshot file');
    this.otherAddress = this.region.getByLabel('Other server address');
    this.strictness = this.region.getByLabel('Strictness');
    this.compareButton = this.region.getByRole('button', { name: 'Compare' });
    const save = this.region.getByRole('form', { name: 'Save snapshot' });
    this.snapshotName = save.getByLabel('Snapshot name');
    this.saveSnapshotButton = save.getByRole('button', { name: 'Save snapshot' });
    this.saveNote = save.getByRole('status');
    this.findings = this.region.getByRole('region', { name: 'Drift findings' });
    this.summary = this.findings.getByRole('status');
    this.error = this.region.getByRole('alert');
    this.schemaChanges = page.getByRole('region', { name: 'Schema' }).getByRole('status', { name: 'Schema changes' });
    this.dismissSchemaChanges = this.schemaChanges.getByRole('button', { name: 'Dismiss' });
    this.requestSchemaFlags = page
      .getByRole('region', { name: 'Request' })
      .getByRole('status', { name: 'Schema changed for this request' });
    this.responseUnknownFields = page
      .getByRole('region', { name: 'Response' })
      .getByRole('region', { name: 'Unknown fields' })
      .first();
    this.detailUnknownFields = page
      .getByRole('region', { name: 'Selected message' })
      .getByRole('region', { name: 'Unknown fields' });
  }

  /** A group of findings by its heading ('Breaking on the wire', 'Compatible additions'...). */
  group(heading: string): Locator {
    return this.findings.getByRole('region', { name: heading });
  }

  /** The findings of a group, one list item each. */
  groupItems(heading: string): Locator {
    return this.group(heading).getByRole('listitem');
  }

  /** The mark on a saved request in the collection tree whose schema changed, naming why. */
  savedRequestFlags(): Locator {
    return this.region
      .page()
      .getByRole('list', { name: 'Saved requests' })
      .getByRole('img', { name: /^The schema changed: / });
  }

  /** The link that shows a finding's symbol in the service tree. */
  symbolLink(symbol: string): Locator {
    return this.findings.getByRole('button', { name: `Show ${symbol} in the service tree` }).first();
  }
}
