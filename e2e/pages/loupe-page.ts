import { expect, type Locator, type Page } from '@playwright/test';

/** Every locator the specs use lives in e2e/pages (this file, and workspace-ui.ts for the workspace parts); specs speak in user terms. */
export class LoupePage {
  readonly serverAddress: Locator;
  readonly reflectButton: Locator;
  readonly services: Locator;
  readonly methodFilter: Locator;
  readonly requestEditor: Locator;
  readonly sendButton: Locator;
  readonly statusBadge: Locator;
  readonly responseViewer: Locator;
  readonly response: Locator;
  readonly settings: ConnectionSettings;
  readonly connectionSettingsButton: Locator;
  readonly transportBadge: Locator;
  readonly insecureWarning: Locator;
  /** The sidebar's facts about the loaded schema, and its Refresh button. */
  readonly schemaStatus: Locator;
  readonly schemaSources: Locator;
  readonly schemaFileCount: Locator;
  readonly schemaAge: Locator;
  readonly refreshSchemaButton: Locator;
  /** A failure shown in the service list (schema load errors). */
  readonly servicesError: Locator;
  readonly requestTitle: Locator;
  readonly showDefaultValues: Locator;
  readonly schemaLoading: Locator;
  readonly cancelSchemaLoad: Locator;
  /** Monaco's squiggles under invalid request JSON. */
  readonly editorErrorMarkers: Locator;
  /** Monaco's completion list. */
  readonly suggestions: Locator;
  readonly palette: Locator;
  readonly paletteInput: Locator;
  /** The strip of request tabs above the request panel, and its "+" button. */
  readonly requestTabs: Locator;
  readonly newTabButton: Locator;
  readonly deadline: Locator;
  readonly formatButton: Locator;
  /** A failure shown in the request panel (the method or its schema could not be loaded). */
  readonly requestProblem: Locator;
  readonly timeline: Timeline;
  readonly composer: Composer;
  /** The request tab shown now. */
  readonly activeRequestTab: Locator;
  /** The status's own text next to the badge (shown when no plain-language explanation replaces it). */
  readonly statusMessage: Locator;
  /** A failed call's plain-language explanation, and the library's raw text behind its toggle. */
  readonly callExplanation: Locator;
  readonly rawStatusToggle: Locator;
  readonly rawStatus: Locator;
  /** Location lines (file:line:column) of a schema error in the service list. */
  readonly servicesErrorLocations: Locator;

  constructor(readonly page: Page) {
    this.serverAddress = page.getByLabel('Server address');
    this.reflectButton = page.getByRole('button', { name: 'Reflect' });
    this.services = page.getByRole('navigation', { name: 'Services' });
    this.methodFilter = page.getByRole('searchbox', { name: 'Filter methods' });
    this.requestEditor = page.getByTestId('request-editor');
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.statusBadge = page.getByTestId('status-badge');
    this.responseViewer = page.getByTestId('response-viewer');
    this.response = page.getByRole('region', { name: 'Response' });
    this.settings = new ConnectionSettings(page);
    this.connectionSettingsButton = page.getByRole('button', { name: 'Connection settings' });
    this.transportBadge = page.getByTestId('transport-badge');
    this.insecureWarning = page.getByTestId('insecure-warning');
    this.schemaStatus = page.getByRole('region', { name: 'Schema' });
    this.schemaSources = page.getByTestId('schema-sources');
    this.schemaFileCount = page.getByTestId('schema-file-count');
    this.schemaAge = page.getByTestId('schema-age');
    this.refreshSchemaButton = this.schemaStatus.getByRole('button', { name: 'Refresh' });
    this.servicesError = this.services.getByRole('alert');
    this.editorErrorMarkers = this.requestEditor.locator('.squiggly-error');
    this.suggestions = this.requestEditor.locator('.suggest-widget');
    this.schemaLoading = this.services.getByRole('status').filter({ hasText: 'Loading schema' });
    this.cancelSchemaLoad = this.schemaLoading.getByRole('button', { name: 'Cancel' });
    this.showDefaultValues = this.response.getByRole('checkbox', { name: 'Show default values' });
    this.requestTitle = page.getByRole('region', { name: 'Request' }).getByRole('heading', { level: 2 });
    this.palette = page.getByRole('dialog', { name: 'Find a method' });
    this.paletteInput = this.palette.getByRole('combobox', { name: 'Find a method' });
    this.requestTabs = page.getByRole('tablist', { name: 'Request tabs' });
    this.newTabButton = page.getByRole('button', { name: 'New tab', exact: true });
    this.deadline = page.getByLabel('Deadline in seconds');
    this.formatButton = page
      .getByRole('region', { name: 'Request' })
      .getByRole('button', { name: 'Format', exact: true });
    this.requestProblem = page.getByRole('region', { name: 'Request' }).getByRole('alert');
    this.timeline = new Timeline(page);
    this.composer = new Composer(page);
    this.activeRequestTab = this.requestTabs.getByRole('tab', { selected: true });
    this.statusMessage = page.getByTestId('status-message');
    this.callExplanation = this.response.getByRole('alert');
    this.rawStatusToggle = this.callExplanation.getByText('Details', { exact: true });
    this.rawStatus = this.callExplanation.getByTestId('error-raw');
    this.servicesErrorLocations = this.servicesError.getByRole('listitem');
  }

  /** Ctrl/Cmd+K, the way a keyboard user finds a method. */
  async openPalette(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+K');
    await expect(this.paletteInput).toBeFocused();
  }

  async openConnectionSettings(): Promise<ConnectionSettings> {
    await this.connectionSettingsButton.click();
    await expect(this.settings.dialog).toBeVisible();
    return this.settings;
  }

  /** A request tab by its title (the method's short name); a running call adds "(running)". */
  requestTab(title: string): Locator {
    return this.requestTabs.getByRole('tab', { name: new RegExp(`^${title}( \\(running\\))?$`) });
  }

  /** A saved request's tab, exactly: clean, or marked as having unsaved changes. */
  savedTab(name: string, state: 'saved' | 'unsaved' = 'saved'): Locator {
    return this.requestTabs.getByRole('tab', {
      name: state === 'saved' ? name : `${name} (unsaved changes)`,
      exact: true,
    });
  }

  closeTabButton(title: string): Locator {
    return this.page.getByRole('button', { name: `Close tab ${title}`, exact: true });
  }

  service(fullName: string): Locator {
    return this.services.getByText(fullName, { exact: true });
  }

  method(name: string): Locator {
    return this.services.getByRole('button', { name });
  }

  async openMethod(name: string): Promise<void> {
    await this.method(name).click();
    await expect(this.requestEditor.locator('.monaco-editor')).toBeVisible();
  }

  metadataName(row: number): Locator {
    return this.page.getByLabel(`Metadata name ${row}`, { exact: true });
  }

  metadataValue(row: number): Locator {
    return this.page.getByLabel(`Metadata value ${row}`, { exact: true });
  }

  /** Puts the cursor at the end of the request body, to type there. */
  async cursorToBodyEnd(): Promise<void> {
    await this.requestEditor.locator('.monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /** Replaces the request body by typing into Monaco, as a user would. */
  async setRequestBody(json: string): Promise<void> {
    await this.requestEditor.locator('.monaco-editor').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    // Monaco auto-closes brackets and quotes; insertText bypasses that like a paste would.
    await this.page.keyboard.insertText(json);
  }

  /** The request editor's text (bodies here are short enough to be all visible). */
  async requestText(): Promise<string> {
    return (await this.requestEditor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** The response viewer's text (Monaco renders only visible lines; responses here are short). */
  async responseText(): Promise<string> {
    return (await this.responseViewer.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
}

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

  /** A response part's tab ('Timeline', 'Response', 'Headers', ...). */
  responsePart(name: string): Locator {
    return this.page.getByRole('region', { name: 'Response' }).getByRole('tab', { name: new RegExp(`^${name}`) });
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

  /** The selected message's JSON (short messages: all lines are rendered). */
  async detailText(): Promise<string> {
    return (await this.detailViewer.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }
}

/** The request panel's controls for an open client or bidi stream. */
export class Composer {
  readonly startStream: Locator;
  readonly sendMessage: Locator;
  readonly endStream: Locator;
  readonly cancel: Locator;
  readonly state: Locator;
  readonly sentHistory: Locator;
  readonly sentHistoryToggle: Locator;
  readonly sendError: Locator;

  constructor(page: Page) {
    const request = page.getByRole('region', { name: 'Request' });
    this.startStream = request.getByRole('button', { name: 'Start stream' });
    this.sendMessage = request.getByRole('button', { name: 'Send message' });
    this.endStream = request.getByRole('button', { name: 'End stream' });
    this.cancel = request.getByRole('button', { name: 'Cancel', exact: true });
    this.state = page.getByTestId('request-call-state');
    this.sentHistory = request.getByRole('list', { name: 'Sent messages' });
    this.sentHistoryToggle = request.getByText(/^Sent messages \(\d+\)$/);
    this.sendError = request.getByRole('alert');
  }
}

/** The connection settings dialog. */
export class ConnectionSettings {
  readonly dialog: Locator;
  readonly plaintext: Locator;
  readonly tls: Locator;
  readonly caPath: Locator;
  readonly certPath: Locator;
  readonly keyPath: Locator;
  readonly skipVerify: Locator;
  readonly insecureNote: Locator;
  readonly authority: Locator;
  readonly maxSendMiB: Locator;
  readonly maxReceiveMiB: Locator;
  readonly keepaliveSeconds: Locator;
  readonly connectTimeoutSeconds: Locator;
  readonly gzip: Locator;
  readonly reflection: Locator;
  readonly protoFiles: Locator;
  readonly importPaths: Locator;
  readonly protosets: Locator;
  readonly browseButtons: Locator;
  readonly applyButton: Locator;
  readonly cancelButton: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Connection settings' });
    const d = this.dialog;
    this.plaintext = d.getByRole('radio', { name: /Plaintext/ });
    this.tls = d.getByRole('radio', { name: 'TLS', exact: true });
    this.caPath = d.getByLabel('CA bundle (PEM)', { exact: true });
    this.certPath = d.getByLabel('Client certificate (mTLS)', { exact: true });
    this.keyPath = d.getByLabel('Client key (mTLS)', { exact: true });
    this.skipVerify = d.getByRole('checkbox', { name: /Skip certificate verification/ });
    this.insecureNote = d.getByText(/Any server certificate will be accepted/);
    this.authority = d.getByLabel('Authority override');
    this.maxSendMiB = d.getByLabel('Max send message size (MiB)');
    this.maxReceiveMiB = d.getByLabel('Max receive message size (MiB)');
    this.keepaliveSeconds = d.getByLabel('Keepalive interval (seconds)');
    this.connectTimeoutSeconds = d.getByLabel('Connect timeout (seconds)');
    this.gzip = d.getByRole('checkbox', { name: /gzip/ });
    this.reflection = d.getByRole('checkbox', { name: 'Use server reflection' });
    this.protoFiles = d.getByLabel('.proto files', { exact: true });
    this.importPaths = d.getByLabel('Import paths', { exact: true });
    this.protosets = d.getByLabel('Protosets', { exact: true });
    this.browseButtons = d.getByRole('button', { name: /^Browse for/ });
    this.applyButton = d.getByRole('button', { name: 'Apply' });
    this.cancelButton = d.getByRole('button', { name: 'Cancel' });
  }

  async apply(): Promise<void> {
    await this.applyButton.click();
    await expect(this.dialog).toBeHidden();
  }
}
