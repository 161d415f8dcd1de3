/**
 * Moves the keyboard focus to one of the window's regions, for the region shortcuts: each goes to
 * the region's one tab stop, as Tab would reach it, so arrows work from there.
 */
const REGIONS = {
  // The tree's tab stop; the sidebar's own tabs when another view is shown.
  methods: ['[role="tree"] [tabindex="0"]', '#sidebar-panel input', '[aria-label="Sidebar"] [aria-selected="true"]'],
  // Monaco takes the focus through its input element: an EditContext div where the browser has
  // that API (Chromium, Electron), else a hidden text area.
  body: ['[data-testid="request-editor"] .native-edit-context', '[data-testid="request-editor"] textarea'],
  response: ['[aria-label="Response parts"] [aria-selected="true"]', '[data-testid="response-empty"]'],
} as const;

export type Region = keyof typeof REGIONS;

export function focusRegion(region: Region): boolean {
  for (const selector of REGIONS[region]) {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) continue;
    // Something not focusable by nature (the empty response) gets focus by script only.
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus();
    return true;
  }
  return false;
}
