import { describe, expect, it } from 'vitest';
import { followScriptFile, scriptToSend } from './script-draft';
import { isDirty, linkTab, newTab, type TabsState } from './tabs-model';
import { parseSavedTabs, serializeTabs } from './tabs-persistence';

const linked = () => linkTab(newTab('a', 'demo.Echo', '{}', { address: 'a:1' }), '/ws', 'echo', 'v1');

describe("a saved request's script draft", () => {
  it('is sent only while it differs from the file, and marks the tab unsaved meanwhile', () => {
    const tab = linked();
    expect(isDirty({ ...tab, script: { text: 'x', saved: 'x' } })).toBe(false);
    expect(scriptToSend({ text: 'x', saved: 'x' })).toBeUndefined();
    const edited = { ...tab, script: { text: 'y', saved: 'x' } };
    expect(isDirty(edited)).toBe(true);
    expect(scriptToSend(edited.script)).toBe('y');
    // Emptied on purpose: the call runs without the file's script.
    expect(scriptToSend({ text: '', saved: 'x' })).toBe('');
  });

  it('follows its file when unedited and keeps edits when the file changes', () => {
    expect(followScriptFile(undefined, 'f')).toEqual({ text: 'f', saved: 'f' });
    expect(followScriptFile({ text: 'a', saved: 'a' }, 'f')).toEqual({ text: 'f', saved: 'f' });
    expect(followScriptFile({ text: 'mine', saved: 'a' }, 'f')).toEqual({ text: 'mine', saved: 'f' });
  });

  it('survives a restart with its tab', () => {
    const tab = { ...linked(), script: { text: 'afterCall(() => {})', saved: '' } };
    const state: TabsState = { tabs: { a: tab }, order: ['a'], activeTabId: 'a' };
    const restored = parseSavedTabs(serializeTabs(state), () => 'r1');
    expect(restored?.tabs.r1?.script).toEqual({ text: 'afterCall(() => {})', saved: '' });
    expect(restored && isDirty(restored.tabs.r1!)).toBe(true);
  });
});
