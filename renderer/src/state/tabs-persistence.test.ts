import { describe, expect, it } from 'vitest';
import { newTab, type TabsState } from './tabs-model';
import { parseSavedTabs, serializeTabs } from './tabs-persistence';

const ids = () => {
  let n = 0;
  return () => `r${++n}`;
};

describe('restoring tabs', () => {
  it('round-trips method, body, metadata, deadline and the shown tab, but not calls', () => {
    const a = { ...newTab('a', 'demo.Echo', '{"message": "x"}', { address: 'a:1' }), deadlineSeconds: '2' };
    a.metadata = [{ id: 'm', enabled: false, name: 'x-key', value: 'v' }];
    a.call = { callId: 'c', method: 'demo.Echo', phase: 'finished', startedAt: 0 };
    const state: TabsState = { tabs: { a, b: newTab('b', 'demo.Ticker') }, order: ['a', 'b'], activeTabId: 'b' };
    const restored = parseSavedTabs(serializeTabs(state), ids());
    expect(restored?.order).toEqual(['r1', 'r3']);
    expect(restored?.activeTabId).toBe('r3');
    expect(restored?.tabs.r1).toEqual({
      id: 'r1',
      method: 'demo.Echo',
      body: '{"message": "x"}',
      deadlineSeconds: '2',
      metadata: [{ id: 'r2', enabled: false, name: 'x-key', value: 'v' }],
      call: undefined,
      // Restored through TargetSettingsSchema, so with its defaults filled in.
      target: expect.objectContaining({ address: 'a:1', tls: expect.objectContaining({ enabled: false }) }),
    });
    expect(restored?.tabs.r3).toMatchObject({ method: 'demo.Ticker', body: undefined, call: undefined });
  });

  it.each([
    ['nothing stored', null],
    ['text that is not JSON', '{"v": 1, "tabs": ['],
    ['JSON of another shape', '[1, 2, 3]'],
    ['another version', '{"v": 2, "tabs": [{"method": "demo.Echo"}]}'],
    ['tabs that is not a list', '{"v": 1, "tabs": "demo.Echo"}'],
    ['only invalid tabs', '{"v": 1, "tabs": [null, 7, {"method": 5}, {"body": {}}]}'],
  ])('ignores %s', (_label, raw) => {
    expect(parseSavedTabs(raw, ids())).toBeUndefined();
  });

  it('keeps the valid tabs and rows among garbage, and clamps the shown tab', () => {
    const raw = JSON.stringify({
      v: 1,
      active: 99,
      tabs: [
        { method: 'demo.Echo', body: '{}', metadata: [{ enabled: true, name: 'a', value: 'b' }, 'junk', { name: 1 }] },
        'junk',
        { method: 'demo.Ticker', deadlineSeconds: 12 },
        { method: 'demo.Sum' },
      ],
    });
    const restored = parseSavedTabs(raw, ids());
    expect(Object.values(restored?.tabs ?? {}).map((t) => t.method)).toEqual(['demo.Echo', 'demo.Sum']);
    expect(restored?.tabs.r1?.metadata).toEqual([{ id: 'r2', enabled: true, name: 'a', value: 'b' }]);
    expect(restored?.activeTabId).toBe('r3');
  });

  it('drops a body saved without a method', () => {
    const restored = parseSavedTabs('{"v": 1, "tabs": [{"body": "{}"}]}', ids());
    expect(restored?.tabs.r1).toMatchObject({ method: undefined, body: undefined });
  });

  it('keeps each tab its target, and leaves tabs with an invalid or no target without one', () => {
    const raw = JSON.stringify({
      v: 1,
      tabs: [
        { method: 'demo.Echo', target: { address: 'one:1' } },
        { method: 'demo.Echo', target: { address: 'two:2', tls: { enabled: true } } },
        { method: 'demo.Echo', target: { address: 5 } },
        { method: 'demo.Echo' },
      ],
    });
    const restored = parseSavedTabs(raw, ids());
    const targets = Object.values(restored?.tabs ?? {}).map((t) => t.target);
    expect(targets.map((t) => t.address)).toEqual(['one:1', 'two:2', '', '']);
    expect(targets[1]?.tls?.enabled).toBe(true);
  });

  it('does not save an empty target', () => {
    const state: TabsState = { tabs: { a: newTab('a') }, order: ['a'], activeTabId: 'a' };
    expect(JSON.parse(serializeTabs(state)).tabs[0].target).toBeUndefined();
  });
});
