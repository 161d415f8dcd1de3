import { beforeEach, describe, expect, it } from 'vitest';
import { activeSchema, activeTargetKey } from './selectors';
import { useAppStore } from './store';
import { EMPTY_TARGET, targetKey } from './target-key';
import { shownResponsePart, type CallSummary } from './tabs-model';

const call = (callId: string): CallSummary => ({
  callId,
  method: 'demo.Echo',
  phase: 'running',
  startedAt: 0,
});
const active = () => useAppStore.getState().tabs[useAppStore.getState().activeTabId];

describe('the tabs slice', () => {
  beforeEach(() => {
    const { order, removeTab } = useAppStore.getState();
    for (const id of order) removeTab(id);
    // The last tab's replacement keeps its server; start each test without one.
    useAppStore.getState().applyTarget(EMPTY_TARGET);
    useAppStore.setState({ schemas: {}, methodDetails: {} });
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
    s.updateTabCall(tabId, 'old', { phase: 'finished', durationMs: 9 });
    expect(active()?.call).toMatchObject({ callId: 'new', phase: 'running' });
    expect(active()?.call?.durationMs).toBeUndefined();
    s.updateTabCall(tabId, 'new', { durationMs: 3 });
    expect(active()?.call?.durationMs).toBe(3);
  });

  it('a response part picked for one call stays with that call: a new stream opens on its timeline', () => {
    const s = useAppStore.getState();
    s.openMethodInTab('demo.Ticker');
    const streamTab = useAppStore.getState().activeTabId;
    s.setTabCall(streamTab, { ...call('stream-1'), kind: 'server_streaming' });
    expect(shownResponsePart(active()!.call!)).toBe('timeline');
    s.updateTabCall(streamTab, 'stream-1', { shownPart: 'headers' });
    expect(shownResponsePart(active()!.call!)).toBe('headers');

    // Another tab's call opens on its own default.
    s.openMethodInTab('demo.Echo');
    s.setTabCall(useAppStore.getState().activeTabId, { ...call('echo-1'), kind: 'unary' });
    expect(shownResponsePart(active()!.call!)).toBe('response');

    // Back on the stream's tab, the part picked there is still shown; its next call starts afresh.
    s.activateTab(streamTab);
    expect(shownResponsePart(active()!.call!)).toBe('headers');
    s.setTabCall(streamTab, { ...call('stream-2'), kind: 'server_streaming' });
    expect(shownResponsePart(active()!.call!)).toBe('timeline');
    // Before the engine says what kind of call it is, a stream's method is not known to stream.
    s.setTabCall(streamTab, call('stream-3'));
    expect(shownResponsePart(active()!.call!)).toBe('response');
  });

  it('gives tabs waiting for a template that template, and leaves edited bodies alone', () => {
    const s = useAppStore.getState();
    s.openMethodInTab('demo.Echo');
    const first = useAppStore.getState().activeTabId;
    s.updateTab(first, { body: 'mine' });
    s.newEmptyTab();
    s.openMethodInTab('demo.Echo');
    s.fillTemplate(targetKey(EMPTY_TARGET), 'demo.Echo', '{}');
    const { tabs, activeTabId } = useAppStore.getState();
    expect(tabs[first]?.body).toBe('mine');
    expect(tabs[activeTabId]?.body).toBe('{}');
  });

  it('edits and applies the target of the shown tab only, and new tabs start on it', () => {
    const s = useAppStore.getState();
    s.adoptDefaultTarget({ address: 'a:1' });
    const first = useAppStore.getState().activeTabId;
    s.newEmptyTab();
    const second = useAppStore.getState().activeTabId;
    expect(active()?.target).toEqual({ address: 'a:1' });
    s.setTarget({ address: 'b:2' });
    s.applyTarget({ address: 'b:2', tls: { enabled: true } });
    const { tabs } = useAppStore.getState();
    expect(tabs[first]?.target).toEqual({ address: 'a:1' });
    expect(tabs[second]?.target).toEqual({ address: 'b:2', tls: { enabled: true } });
    s.openMethodInTab('demo.Echo');
    s.updateTab(second, { body: 'mine' });
    s.openMethodInTab('demo.Ticker');
    expect(active()?.target).toEqual({ address: 'b:2', tls: { enabled: true } });
  });

  it('keeps a schema per target, so showing another tab shows its schema', () => {
    const s = useAppStore.getState();
    s.adoptDefaultTarget({ address: 'a:1' });
    const first = useAppStore.getState().activeTabId;
    const summary = { services: [], sources: ['reflection'], fileCount: 0 } as never;
    s.setSchema(activeTargetKey(useAppStore.getState()), { status: 'ready', value: summary });
    s.setMethodDetails(activeTargetKey(useAppStore.getState()), 'demo.Echo', { status: 'loading' });
    s.newEmptyTab();
    // The same server: the schema is shared, nothing to load.
    expect(activeSchema(useAppStore.getState()).status).toBe('ready');
    s.setTarget({ address: 'b:2' });
    expect(activeSchema(useAppStore.getState()).status).toBe('idle');
    s.setSchema(activeTargetKey(useAppStore.getState()), { status: 'loading' });
    s.activateTab(first);
    expect(activeSchema(useAppStore.getState()).status).toBe('ready');
    // Reloading one target forgets only that target's method details.
    expect(Object.keys(useAppStore.getState().methodDetails)).toHaveLength(1);
    s.setSchema(targetKey({ address: 'a:1' }), { status: 'loading' });
    expect(useAppStore.getState().methodDetails).toEqual({});
  });

  it('gives only tabs without a server the default target', () => {
    const s = useAppStore.getState();
    s.setTarget({ address: 'mine:1' });
    s.newEmptyTab();
    s.setTarget({ address: '' });
    s.adoptDefaultTarget({ address: 'demo:1' });
    expect(Object.values(useAppStore.getState().tabs).map((t) => t.target.address)).toEqual(['mine:1', 'demo:1']);
  });
});
