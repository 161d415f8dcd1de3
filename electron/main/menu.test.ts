import { describe, expect, it, vi } from 'vitest';

/* The menu must leave Ctrl/Cmd+W to the page, where it closes a request tab. */

let template: Array<Record<string, unknown>> = [];
vi.mock('electron', () => ({
  app: { getVersion: () => '1.0.0' },
  shell: { openExternal: async () => undefined },
  Menu: {
    buildFromTemplate: (t: Array<Record<string, unknown>>) => (template = t),
    setApplicationMenu: () => undefined,
  },
}));

const { installAppMenu } = await import('./menu');

type Item = { role?: string; accelerator?: string; submenu?: Item[] };
const flatten = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

describe('application menu', () => {
  it('binds no item to Ctrl/Cmd+W, and closes the window with Ctrl/Cmd+Shift+W instead', () => {
    installAppMenu();
    const items = flatten(template);
    // Roles that carry Ctrl/Cmd+W by default must not appear without an explicit other accelerator.
    for (const item of items) {
      if (item.role === 'close') expect(item.accelerator).toBe('CmdOrCtrl+Shift+W');
      expect(['windowMenu', 'fileMenu']).not.toContain(item.role);
      expect(item.accelerator ?? '').not.toMatch(/^(CmdOrCtrl|CommandOrControl|Ctrl|Cmd)\+W$/i);
    }
    expect(items.some((i) => i.role === 'close')).toBe(true);
  });
});
