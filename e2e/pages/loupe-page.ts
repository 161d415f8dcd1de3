import { expect, type Locator, type Page } from '@playwright/test';
import { ConnectionSettings } from './connection-dialog';
import { DriftViewPage } from './drift-view';
import { Timeline } from './timeline-panel';

/**
 * Every element the specs use is found in e2e/pages, so a change to the UI edits one place:
 * this file (the window), timeline-panel.ts (the stream timeline), connection-dialog.ts (the
 * connection settings) and workspace-ui.ts (the workspace parts). Specs speak in user terms and
 * never find elements themselves.
 */
export class LoupePage {
  readonly serverAddress: Locator;
  readonly reflectButton: Locator;
  readonly services: Locator;
  readonly methodFilter: Locator;
  readonly requestEditor: Locator;
  /** The request body's code editor (Monaco) inside the request editor, there once the method is ready. */
  readonly requestBodyEditor: Locator;
  readonly sendButton: Locator;
  readonly statusBadge: Locator;
  readonly responseViewer: Locator;
  readonly response: Locator;
  readonly settings: ConnectionSettings;
  readonly connectionSettingsButton: Locator;
  readonly transportBadge: Locator;
  /** The wire protocol in the header ('gRPC', 'Connect · HTTP/1.1'). */
  readonly protocolBadge: Locator;
  /** The request panel's note that the protocol cannot carry this call kind. */
  readonly protocolLimit: Locator;
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
  /** The Drift view in the sidebar. */
  readonly drift: DriftViewPage;
  /** The request tab shown now. */
  readonly activeRequestTab: Locator;
  /** The status's own text next to the badge (shown when no plain-language explanation replaces it). */
  readonly statusMessage: Locator;
  /**
   * Why the call failed or was not sent, in plain language, in the response panel (a request the
   * schema refuses, a missing variable, a missed deadline); the library's raw text is behind its toggle.
   */
  readonly callExplanation: Locator;
  readonly rawStatusToggle: Locator;
  readonly rawStatus: Locator;
  /** Location lines (file:line:column) of a schema error in the service list. */
  readonly servicesErrorLocations: Locator;
  /** Every request tab in the strip. */
  readonly allRequestTabs: Locator;
  /** The decoded google.rpc details of a failed call, under the response's "Error details" tab. */
  readonly errorDetailsViewer: Locator;
  /** The message a page shows when Loupe cannot start in it (e.g. opened without its token). */
  readonly startupError: Locator;
  /** The item of the method tree that has the keyboard focus. */
  readonly focusedTreeItem: Locator;
  /** The request body's editor, when it has the keyboard focus (Monaco's focused state). */
  readonly requestBodyFocused: Locator;

  constructor(readonly page: Page) {
    this.serverAddress = page.getByLabel('Server address');
    this.reflectButton = page.getByRole('button', { name: 'Reflect' });
    this.services = page.getByRole('navigation', { name: 'Services' });
    this.methodFilter = page.getByRole('searchbox', { name: 'Filter methods' });
    this.requestEditor = page.getByTestId('request-editor');
    this.requestBodyEditor = this.requestEditor.locator('.monaco-editor');
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.statusBadge = page.getByTestId('status-badge');
    this.responseViewer = page.getByTestId('response-viewer');
    this.response = page.getByRole('region', { name: 'Response' });
    this.settings = new ConnectionSettings(page);
    this.connectionSettingsButton = page.getByRole('button', { name: 'Connection settings' });
    this.transportBadge = page.getByTestId('transport-badge');
    this.protocolBadge = page.getByTestId('protocol-badge');
    this.protocolLimit = page.getByTestId('protocol-limit');
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
    this.drift = new DriftViewPage(page);
    this.activeRequestTab = this.requestTabs.getByRole('tab', { selected: true });
    this.statusMessage = page.getByTestId('status-message');
    this.callExplanation = this.response.getByRole('alert');
    this.rawStatusToggle = this.callExplanation.getByText('Details', { exact: true });
    this.rawStatus = this.callExplanation.getByTestId('error-raw');
    this.servicesErrorLocations = this.servicesError.getByRole('listitem');
    this.allRequestTabs = this.requestTabs.getByRole('tab');
    this.errorDetailsViewer = page.getByTestId('details-viewer');
    this.startupError = page.getByRole('alert');
    this.focusedTreeItem = this.services.getByRole('treeitem').and(page.locator(':focus'));
    this.requestBodyFocused = this.requestEditor.locator('.monaco-editor.focused');
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

  /**
   * A part of the response panel by its tab ('Timeline', 'Response', 'Headers', 'Error details'...),
   * whose label may go on with a count; a pattern matches the whole label, count included.
   */
  responsePart(name: string | RegExp): Locator {
    return this.response.getByRole('tab', { name: typeof name === 'string' ? new RegExp(`^${name}`) : name });
  }

  /** A saved request's tab, exactly: clean, or marked as having unsaved changes. */
  savedTab(name: string, state: 'saved' | 'unsaved' = 'saved'): Locator {
    return this.requestTabs.getByRole('tab', {
      name: state === 'saved' ? name : `${name} (unsaved changes)`,
      exact: true,
    });
  }

  closeTabButton(title: string): Locator {
    // Hidden from the accessibility tree (a tablist holds only tabs; Delete closes the focused tab).
    return this.page.getByRole('button', { name: `Close tab ${title}`, exact: true, includeHidden: true });
  }

  service(fullName: string): Locator {
    return this.services.getByText(fullName, { exact: true });
  }

  method(name: string): Locator {
    return this.services.getByRole('treeitem', { name });
  }

  async openMethod(name: string): Promise<void> {
    await this.method(name).click();
    await expect(this.requestBodyEditor).toBeVisible();
  }

  metadataName(row: number): Locator {
    return this.page.getByLabel(`Metadata name ${row}`, { exact: true });
  }

  metadataValue(row: number): Locator {
    return this.page.getByLabel(`Metadata value ${row}`, { exact: true });
  }

  /** Puts the cursor at the end of the request body, to type there. */
  async cursorToBodyEnd(): Promise<void> {
    await this.requestBodyEditor.click();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /** Replaces the request body by typing into Monaco, as a user would. */
  async setRequestBody(json: string): Promise<void> {
    await this.requestBodyEditor.click();
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

/** The request panel's controls for an open client or bidi stream. */
export class Composer {
  readonly startStream: Locator;
  readonly sendMessage: Locator;
  readonly endStream: Locator;
  readonly cancel: Locator;
  readonly state: Locator;
  readonly sentHistory: Locator;
  /** The messages listed in the sent history (open it with its toggle first). */
  readonly sentMessages: Locator;
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
    this.sentMessages = this.sentHistory.getByRole('listitem');
    this.sentHistoryToggle = request.getByText(/^Sent messages \(\d+\)$/);
    this.sendError = request.getByRole('alert');
  }

  /** The Resend button of the sent message whose text contains `text`. */
  resendButton(text: string): Locator {
    return this.sentMessages.filter({ hasText: text }).getByRole('button', { name: 'Resend' });
  }
}
