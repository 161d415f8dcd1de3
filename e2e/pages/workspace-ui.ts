import { expect, type Locator, type Page } from '@playwright/test';

/** The workspace parts of the window: sidebar switch, collections, environments, history, request menu. */
export class WorkspaceUi {
  readonly sidebar: Locator;
  readonly folderInput: Locator;
  readonly createIfMissing: Locator;
  readonly openButton: Locator;
  readonly openError: Locator;
  readonly collections: Locator;
  readonly problems: Locator;
  readonly savedRequests: Locator;
  readonly newFolderButton: Locator;
  readonly saveDialog: Locator;
  readonly saveName: Locator;
  readonly saveFolder: Locator;
  readonly environment: Locator;
  readonly editEnvironments: Locator;
  readonly environmentsDialog: Locator;
  readonly newEnvironmentName: Locator;
  /** The environment editor's proxy for the environment shown. */
  readonly environmentProxy: Locator;
  readonly history: Locator;
  readonly historySearch: Locator;
  readonly historyEntries: Locator;
  readonly clearHistoryButton: Locator;
  readonly requestMenu: Locator;
  readonly pasteDialog: Locator;
  readonly pasteInput: Locator;
  readonly pasteError: Locator;
  readonly confirmDialog: Locator;
  /** Asks whether to overwrite a file changed on disk since the tab read it. */
  readonly conflictDialog: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('tablist', { name: 'Sidebar' });
    this.folderInput = page.getByLabel('Workspace folder');
    this.createIfMissing = page.getByRole('checkbox', { name: 'Create the folder if missing' });
    this.openButton = page.getByRole('button', { name: 'Open workspace' });
    this.openError = page.getByRole('form', { name: 'Open a workspace' }).getByRole('alert');
    this.collections = page.getByRole('region', { name: 'Collections' });
    this.problems = page.getByRole('alert', { name: 'Workspace problems' });
    this.savedRequests = page.getByRole('list', { name: 'Saved requests' });
    this.newFolderButton = this.collections.getByRole('button', { name: 'New folder' });
    this.saveDialog = page.getByRole('dialog', { name: 'Save request' });
    this.saveName = this.saveDialog.getByLabel('Name');
    this.saveFolder = this.saveDialog.getByLabel('Folder');
    this.environment = page.getByRole('combobox', { name: 'Environment' });
    this.editEnvironments = page.getByRole('button', { name: 'Edit environments' });
    this.environmentsDialog = page.getByRole('dialog', { name: 'Environments' });
    this.newEnvironmentName = this.environmentsDialog.getByLabel('New environment name');
    this.environmentProxy = this.environmentsDialog.getByLabel('Proxy for this environment');
    this.history = page.getByRole('region', { name: 'History' });
    this.historySearch = page.getByRole('searchbox', { name: 'Search history' });
    this.historyEntries = this.history.getByRole('list', { name: 'Calls' }).locator('button.history-entry');
    this.clearHistoryButton = this.history.getByRole('button', { name: 'Clear', exact: true });
    this.requestMenu = page.getByRole('button', { name: 'Request actions' });
    this.pasteDialog = page.getByRole('dialog', { name: 'Paste a grpcurl command' });
    this.pasteInput = this.pasteDialog.getByLabel('grpcurl, buf curl or loupe call command');
    this.pasteError = this.pasteDialog.getByRole('alert');
    this.confirmDialog = page.getByRole('dialog').filter({ has: page.locator('.ws-confirm-text') });
    this.conflictDialog = page.getByRole('dialog', { name: 'Changed on disk' });
  }

  sidebarTab(name: 'Services' | 'Collections' | 'History'): Locator {
    return this.sidebar.getByRole('tab', { name });
  }

  /** A saved request in the collection tree by its name (the kind badge comes first). */
  savedRequest(name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.savedRequests.getByRole('button', {
      name: new RegExp(`^(Unary|Server streaming|Client streaming|Bidirectional streaming|·) ${escaped}$`),
    });
  }

  itemActions(name: string): Locator {
    return this.page.getByRole('button', { name: `Actions for ${name}`, exact: true });
  }

  menuItem(label: string | RegExp): Locator {
    return this.page.getByRole('menuitem', { name: label });
  }

  dialogButton(dialog: Locator, name: string): Locator {
    return dialog.getByRole('button', { name, exact: true });
  }

  /** An environment in the environment editor's list, by its name (clicking it shows its variables). */
  environmentInEditor(name: string): Locator {
    return this.environmentsDialog.getByRole('button', { name, exact: true });
  }

  /** A variable's field in the environment editor, by row (1-based) and column. */
  variable(row: number, field: 'name' | 'value' | 'secret value' | 'is secret'): Locator {
    return this.environmentsDialog.getByLabel(`Variable ${row} ${field}`, { exact: true });
  }

  async openWorkspace(folder: string): Promise<void> {
    await this.sidebarTab('Collections').click();
    await this.folderInput.fill(folder);
    await this.openButton.click();
    await expect(this.collections).toBeVisible();
  }
}
