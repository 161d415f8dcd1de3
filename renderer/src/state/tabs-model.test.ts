import { describe, expect, it } from 'vitest';
import {
  closeTabIn,
  enabledMetadata,
  initialTabs,
  isUntouched,
  newTab,
  openMethodIn,
  type TabsState,
} from './tabs-model';

const ids = () => {
  let n = 0;
  return () => `t${++n}`;
};
const TEMPLATES: Record<string, string> = { 'demo.Echo': '{"message": ""}', 'demo.Ticker': '{"count": 0}' };
const templateOf = (m: string) => TEMPLATES[m];
const open = (state: TabsState, method: string, newId: () => string) =>
  openMethodIn(state, method, templateOf(method), templateOf, newId);

describe('opening a method', () => {
  it('reuses the first, empty tab', () => {
    const newId = ids();
    const start = initialTabs(newId);
    const next = open(start, 'demo.Echo', newId);
    expect(next.order).toEqual(['t1']);
    expect(next.tabs.t1).toMatchObject({ method: 'demo.Echo', body: TEMPLATES['demo.Echo'] });
  });

  it('reuses a tab whose body is still the template and that made no call', () => {
    const newId = ids();
    const next = open(open(initialTabs(newId), 'demo.Echo', newId), 'demo.Ticker', newId);
    expect(next.order).toEqual(['t1']);
    expect(next.tabs.t1?.method).toBe('demo.Ticker');
  });

  it('opens a new tab right after the active one when the body was edited', () => {
    const newId = ids();
    let state = open(initialTabs(newId), 'demo.Echo', newId);
    state = { ...state, tabs: { t1: { ...state.tabs.t1!, body: '{"message": "mine"}' } } };
    state = open(state, 'demo.Ticker', newId);
    expect(state.order).toEqual(['t1', 't2']);
    expect(state.activeTabId).toBe('t2');
    expect(state.tabs.t1?.body).toBe('{"message": "mine"}');
  });

  it('opens a new tab when the active tab made a call, even with the template body', () => {
    const newId = ids();
    let state = open(initialTabs(newId), 'demo.Echo', newId);
    const call = {
      callId: 'c',
      method: 'demo.Echo',
      phase: 'finished' as const,
      startedAt: 0,
    };
    state = { ...state, tabs: { t1: { ...state.tabs.t1!, call } } };
    expect(open(state, 'demo.Ticker', newId).order).toEqual(['t1', 't2']);
  });

  it('leaves the state alone when the active tab already shows the method', () => {
    const newId = ids();
    const state = open(initialTabs(newId), 'demo.Echo', newId);
    expect(open(state, 'demo.Echo', newId)).toBe(state);
  });

  it('treats a tab whose template has not arrived as untouched', () => {
    expect(isUntouched(newTab('a', 'demo.Echo'), undefined)).toBe(true);
    expect(isUntouched(newTab('a', 'demo.Echo', '{}'), undefined)).toBe(false);
  });
});

describe('closing a tab', () => {
  const three = (): TabsState => ({
    tabs: { a: newTab('a'), b: newTab('b'), c: newTab('c') },
    order: ['a', 'b', 'c'],
    activeTabId: 'b',
  });

  it('shows the right neighbour when the shown tab closes', () => {
    expect(closeTabIn(three(), 'b', ids())).toMatchObject({ order: ['a', 'c'], activeTabId: 'c' });
  });

  it('shows the left neighbour when the last tab in the strip closes', () => {
    const state = { ...three(), activeTabId: 'c' };
    expect(closeTabIn(state, 'c', ids())).toMatchObject({ order: ['a', 'b'], activeTabId: 'b' });
  });

  it('keeps the shown tab when another one closes', () => {
    const next = closeTabIn(three(), 'a', ids());
    expect(next).toMatchObject({ order: ['b', 'c'], activeTabId: 'b' });
    expect(next.tabs.a).toBeUndefined();
  });

  it('leaves one empty tab when the only tab closes', () => {
    const state = { tabs: { a: newTab('a', 'demo.Echo', '{}') }, order: ['a'], activeTabId: 'a' };
    const next = closeTabIn(state, 'a', ids());
    expect(next.order).toEqual(['t1']);
    expect(next.tabs.t1).toMatchObject({ method: undefined, body: undefined });
  });

  it('ignores an unknown tab', () => {
    const state = three();
    expect(closeTabIn(state, 'zz', ids())).toBe(state);
  });
});

describe('tab targets', () => {
  it("opens a method in a new tab on the active tab's target", () => {
    const newId = ids();
    let state = initialTabs(newId, { address: 'a:1' });
    state = open(state, 'demo.Echo', newId);
    state = { ...state, tabs: { t1: { ...state.tabs.t1!, body: 'mine' } } };
    state = open(state, 'demo.Ticker', newId);
    expect(state.tabs.t2?.target).toEqual({ address: 'a:1' });
  });

  it('keeps the server when the last tab closes', () => {
    const state = initialTabs(() => 'a', { address: 'a:1' });
    expect(closeTabIn(state, 'a', ids()).tabs.t1?.target).toEqual({ address: 'a:1' });
  });
});

describe('enabledMetadata', () => {
  it('sends the enabled, named rows with trimmed, lower-cased names, values as mapped', () => {
    const rows = [
      { id: '1', enabled: true, name: ' X-Trace ', value: 'a {{v}}' },
      { id: '2', enabled: false, name: 'off', value: 'b' },
      { id: '3', enabled: true, name: '  ', value: 'unnamed' },
    ];
    expect(enabledMetadata(rows)).toEqual([{ name: 'x-trace', value: 'a {{v}}' }]);
    expect(enabledMetadata(rows, (v) => v.replace('{{v}}', '1'))).toEqual([{ name: 'x-trace', value: 'a 1' }]);
  });
});
