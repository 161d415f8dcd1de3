import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from './store';
import type { CallSummary } from './tabs-model';

const call = (callId: string): CallSummary => ({ callId, method: 'demo.Echo', phase: 'running', version: 0, sent: 0, received: 0, startedAt: 0 });
const active = () => useAppStore.getState().tabs[useAppStore.getState().activeTabId];

describe('the tabs slice', () => {
  beforeEach(() => {
    const { order, removeTab } = useAppStore.getState();
    for (const id of order) removeTab(id);
  });

  it('keeps the service tree selection on the shown tab', () => {
    const s = useAppStore.getState();
    s.openMethodInTab('demo.Echo');
    s.setTabCall(useAppStore.getState().activeTabId, call('c1'));
    s.openMethodInTab('demo.Ticker');
    expect(useAppStore.getState().order).toHaveLength(2);
    expect(useAppStore.getState().selectedMethod).toBe('demo.Ticker');
    s.removeTab(useAppStore.getState().activeTabId);
    expect(useAppStore.getState().selectedMethod).toBe('demo.Echo');
  });

  it('applies a call update only to the call the tab still shows', () => {
    const s = useAppStore.getState();
    s.openMethodInTab('demo.Echo');
    const tabId = useAppStore.getState().activeTabId;
    s.setTabCall(tabId, call('old'));
    s.setTabCall(tabId, call('new'));
    s.updateTabCall(tabId, 'old', { phase: 'finished', received: 9 });
    expect(active()?.call).toMatchObject({ callId: 'new', phase: 'running', received: 0 });
    s.updateTabCall(tabId, 'new', { received: 3 });
    expect(active()?.call?.received).toBe(3);
  });

  it('gives tabs waiting for a template that template, and leaves edited bodies alone', () => {
    const s = useAppStore.getState();
    s.openMethodInTab('demo.Echo');
    const first = useAppStore.getState().activeTabId;
    s.updateTab(first, { body: 'mine' });
    s.newEmptyTab();
    s.openMethodInTab('demo.Echo');
    s.fillTemplate('demo.Echo', '{}');
    const { tabs, activeTabId } = useAppStore.getState();
    expect(tabs[first]?.body).toBe('mine');
    expect(tabs[activeTabId]?.body).toBe('{}');
  });
});
