import { describe, expect, it } from 'vitest';
import { reachableModules, staticImports } from '../../shared/test-support/import-graph';

/*
 * What the window's first screen loads: every module main.tsx reaches through static imports goes
 * into the script index.html loads before anything paints; a dynamic import() (ui/lazy-part.tsx,
 * ui/monaco/lazy.tsx) becomes a chunk of its own, loaded when its part first shows. Start-up to
 * services listed waits for the first screen's script to be fetched, parsed and run, so a static
 * import of a view that is not on it fails here, before it shows in a benchmark.
 */
const SOURCES = {
  ...import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../shared/**/*.ts', { query: '?raw', import: 'default', eager: true }),
};

/** Source files (as glob keys) and packages (by name) main.tsx reaches without a dynamic import(). */
const firstScreen = () => reachableModules('./main.tsx', (path) => SOURCES[path]);

describe("the first screen's script", () => {
  const loaded = [...firstScreen()];
  const reached = (pattern: RegExp) => loaded.filter((p) => pattern.test(p));

  it('is read from the sources the window starts from', () => {
    expect(loaded).toContain('./App.tsx');
    expect(loaded).toContain('./features/services/ServiceTree.tsx');
    expect(loaded).toContain('react-dom/client');
  });

  it('leaves out views behind a sidebar tab, the Load button or the Script part', () => {
    expect(reached(/^\.\/features\/(load|drift|history|compare)\/(?!LoadButton)[A-Z]\w+\.tsx$/)).toEqual([]);
    expect(reached(/^\.\/features\/workspace\/(CollectionsView|CollectionTree|ItemDialogs)\.tsx$/)).toEqual([]);
    expect(reached(/^\.\/features\/scripts\/ScriptTab\.tsx$/)).toEqual([]);
  });

  it('leaves out overlays that open on demand', () => {
    // The palette is on the first screen on purpose (App.tsx): keys typed right after Ctrl+K must reach it.
    expect(reached(/^\.\/features\/palette\/ShortcutHelp\.tsx$/)).toEqual([]);
    expect(reached(/^\.\/features\/workspace\/(SaveAsHost|SaveConflictHost)\.tsx$/)).toEqual([]);
    expect(reached(/^\.\/features\/auth\//)).toEqual([]);
  });

  it('starts the engine connection before the rest of the script is evaluated', () => {
    // Modules run in import order: the first import of main.tsx runs before React and the views.
    expect(staticImports(SOURCES['./main.tsx']!)[0]).toBe('./host/early-start');
  });

  it('leaves out the editor and the libraries only those parts use', () => {
    expect(reached(/^monaco-editor/)).toEqual([]);
    expect(reached(/^fflate$/)).toEqual([]);
  });
});
