import { describe, expect, it } from 'vitest';
import { parseSavedTabs, serializeTabs } from './tabs-persistence';
import {
  followSavedFile,
  isDirty,
  linkTab,
  newTab,
  relinkTabs,
  savedRequestFromTab,
  tabFingerprint,
  tabFromSavedRequest,
  unlinkTabs,
  type TabsState,
} from './tabs-model';
import { applyChange, workspaceFromSnapshot } from './workspace-slice';

const ids = () => {
  let n = 0;
  return () => `id${++n}`;
};

const edited = () => {
  const tab = newTab('t1', 'loupe.demo.v1.Demo.Echo', '{\n  "message": "hi"\n}', { address: '{{addr}}' });
  tab.metadata = [
    { id: 'm', enabled: true, name: 'x-user', value: '{{user}}' },
    { id: 'n', enabled: false, name: 'off', value: '1' },
  ];
  tab.deadlineSeconds = '2.5';
  return tab;
};

describe('saving a tab and opening it again', () => {
  it('stores method, target, body as JSON, metadata rows and deadline, and restores the same tab', () => {
    const request = savedRequestFromTab(edited(), false);
    expect(request).toEqual({
      version: 1,
      target: { address: '{{addr}}' },
      method: 'loupe.demo.v1.Demo/Echo',
      deadlineMs: 2500,
      metadata: [
        { name: 'x-user', value: '{{user}}' },
        { name: 'off', value: '1', enabled: false },
      ],
      body: { message: 'hi' },
    });
    const reopened = tabFromSavedRequest('t2', { root: '/ws', path: 'a/Echo' }, request, {}, ids());
    expect(reopened).toMatchObject({
      method: 'loupe.demo.v1.Demo.Echo',
      body: '{\n  "message": "hi"\n}',
      deadlineSeconds: '2.5',
      saved: { root: '/ws', path: 'a/Echo' },
    });
    expect(reopened.metadata.map(({ enabled, name, value }) => [enabled, name, value])).toEqual([
      [true, 'x-user', '{{user}}'],
      [false, 'off', '1'],
    ]);
    expect(isDirty(reopened)).toBe(false);
  });

  it('saves the sent messages of a client or bidi stream, oldest first, and restores them', () => {
    const tab = { ...edited(), sentHistory: ['{"a":1}', '{"a":2}'] };
    const request = savedRequestFromTab(tab, true);
    expect(request.messages).toEqual(['{"a":1}', '{"a":2}']);
    expect(request.body).toBeUndefined();
    const reopened = tabFromSavedRequest('t2', undefined, request, {}, ids());
    expect(reopened).toMatchObject({ body: '{"a":1}', sentHistory: ['{"a":1}', '{"a":2}'] });
  });

  it('looks up a named target in the workspace', () => {
    const tab = tabFromSavedRequest(
      't',
      undefined,
      { version: 1, target: 'local', method: 'a.B/C' },
      { local: { address: 'localhost:1' } },
      ids(),
    );
    expect(tab.target).toEqual({ address: 'localhost:1' });
    expect(tab.body).toBe('{}');
  });
});

describe('unsaved changes', () => {
  it('appear when the body, metadata, deadline, method or target differ from what was saved, and go when undone', () => {
    const saved = linkTab(edited(), '/ws', 'Echo');
    expect(isDirty(saved)).toBe(false);
    expect(isDirty({ ...saved, body: '{}' })).toBe(true);
    expect(isDirty({ ...saved, deadlineSeconds: '' })).toBe(true);
    expect(isDirty({ ...saved, metadata: [] })).toBe(true);
    expect(isDirty({ ...saved, target: { address: 'other:1' } })).toBe(true);
    expect(isDirty({ ...saved, body: saved.body })).toBe(false);
    // Defaults spelled out are the same target.
    expect(
      isDirty({ ...saved, target: { address: '{{addr}}', tls: { enabled: false, insecureSkipVerify: false } } }),
    ).toBe(false);
  });

  it('survive a reload: the link and the saved fingerprint are kept with the tab', () => {
    const state: TabsState = { tabs: { t1: linkTab(edited(), '/ws', 'Echo') }, order: ['t1'], activeTabId: 't1' };
    const restored = parseSavedTabs(serializeTabs(state), ids())!;
    const tab = restored.tabs[restored.activeTabId]!;
    expect(tab.saved?.path).toBe('Echo');
    expect(isDirty(tab)).toBe(false);
  });

  it('an unsaved tab is never dirty', () => {
    expect(isDirty(edited())).toBe(false);
  });
});

describe('tabs follow their saved requests', () => {
  const state = (): TabsState => ({
    tabs: {
      a: linkTab({ ...edited(), id: 'a' }, '/ws', 'users/Get'),
      b: linkTab({ ...edited(), id: 'b' }, '/ws', 'Echo'),
    },
    order: ['a', 'b'],
    activeTabId: 'a',
  });
  it('when their folder is renamed or they are moved', () => {
    expect(relinkTabs(state(), '/ws', 'users', 'people').tabs.a?.saved?.path).toBe('people/Get');
    expect(relinkTabs(state(), '/ws', 'Echo', 'x/Echo').tabs.b?.saved?.path).toBe('x/Echo');
    expect(relinkTabs(state(), '/other', 'Echo', 'x').tabs.b?.saved?.path).toBe('Echo');
  });
  it('and stay open, unsaved, when deleted', () => {
    const next = unlinkTabs(state(), '/ws', 'users');
    expect(next.tabs.a?.saved).toBeUndefined();
    expect(next.tabs.b?.saved).toBeDefined();
  });
});

describe('changes on disk', () => {
  const ws = () =>
    workspaceFromSnapshot({
      root: '/ws',
      workspace: { version: 1, targets: {} },
      folders: [],
      requests: [{ path: 'Echo', request: { version: 1, target: 'x', method: 'a.B/C' }, version: 'v1' }],
      environments: [],
      activeEnvironment: null,
      problems: [{ file: 'requests/Bad.json', message: 'invalid JSON', line: 2 }],
    });
  it('add, replace and remove requests, with their folders', () => {
    const added = applyChange(ws(), {
      kind: 'request',
      path: 'f/New',
      removed: false,
      request: { version: 1, target: 'x', method: 'a.B/D' },
      version: 'v9',
    });
    expect(Object.keys(added.requests).sort()).toEqual(['Echo', 'f/New']);
    expect(added.versions).toEqual({ Echo: 'v1', 'f/New': 'v9' });
    expect(added.folders).toEqual(['f']);
    const gone = applyChange(added, { kind: 'folder', path: 'f', removed: true });
    expect(Object.keys(gone.requests)).toEqual(['Echo']);
    expect(gone.versions).toEqual({ Echo: 'v1' });
  });
  it('list a file that became unreadable, and forget the problem once it is fixed', () => {
    const broken = applyChange(ws(), {
      kind: 'request',
      path: 'Echo',
      removed: false,
      problem: { file: 'requests/Echo.json', message: 'bad', line: 3 },
    });
    expect(broken.problems.map((p) => p.file)).toEqual(['requests/Bad.json', 'requests/Echo.json']);
    expect(broken.requests.Echo).toBeDefined();
    const fixed = applyChange(broken, {
      kind: 'request',
      path: 'Bad',
      removed: false,
      request: { version: 1, target: 'x', method: 'a.B/E' },
    });
    expect(fixed.problems.map((p) => p.file)).toEqual(['requests/Echo.json']);
  });
  it('keep the version of an environment and of the settings as changed on disk, and the secret sources known', () => {
    const start = workspaceFromSnapshot({
      ...{ root: '/ws', folders: [], requests: [], activeEnvironment: null, problems: [] },
      workspace: { version: 1, targets: {} },
      workspaceVersion: 's1',
      environments: [
        {
          name: 'dev',
          environment: { version: 1, variables: [] },
          version: 'e1',
          secrets: [{ name: 'token', source: 'store' }],
        },
      ],
    });
    expect(start.settingsVersion).toBe('s1');
    const pulled = applyChange(start, {
      kind: 'environment',
      name: 'dev',
      removed: false,
      environment: { version: 1, variables: [{ name: 'h', value: '1' }] },
      version: 'e2',
    });
    expect(pulled.environments).toEqual([
      {
        name: 'dev',
        environment: { version: 1, variables: [{ name: 'h', value: '1' }] },
        version: 'e2',
        secrets: [{ name: 'token', source: 'store' }],
      },
    ]);
    const added = applyChange(pulled, {
      kind: 'environment',
      name: 'ci',
      removed: false,
      environment: { version: 1, variables: [] },
      version: 'e9',
    });
    expect(added.environments.map((e) => [e.name, e.version])).toEqual([
      ['ci', 'e9'],
      ['dev', 'e2'],
    ]);
    const settings = applyChange(added, {
      kind: 'workspace',
      workspace: { version: 1, targets: { a: { address: 'a:1' } } },
      version: 's2',
    });
    expect(settings.settingsVersion).toBe('s2');
    // A file that became unreadable keeps what was last read, and its version: a save based on it is refused by the engine.
    expect(
      applyChange(settings, { kind: 'workspace', problem: { file: 'loupe.workspace.json', message: 'bad' } })
        .settingsVersion,
    ).toBe('s2');
  });
});

describe('a linked tab meets its file as read from disk', () => {
  const onDisk = (message: string) =>
    savedRequestFromTab({ ...edited(), body: JSON.stringify({ message }, null, 2) }, false);
  const opened = () => tabFromSavedRequest('t', { root: '/ws', path: 'Echo' }, onDisk('mine'), {}, ids(), 'v1');

  it('ignores the echo of its own save: same version, the very same tab (the editor is not reset)', () => {
    const tab = opened();
    expect(followSavedFile(tab, onDisk('mine'), 'v1', {}, ids())).toBe(tab);
  });

  it('shows a change pulled on disk while it has no unsaved changes, and bases its next save on it', () => {
    const next = followSavedFile(opened(), onDisk('pulled'), 'v2', {}, ids());
    expect(next.body).toContain('pulled');
    expect(next.saved).toMatchObject({ path: 'Echo', version: 'v2' });
    expect(isDirty(next)).toBe(false);
  });

  it('keeps unsaved edits and the version they were based on, so their save is refused rather than overwriting', () => {
    const typing = { ...opened(), body: '{"message": "typing"}' };
    expect(followSavedFile(typing, onDisk('pulled'), 'v2', {}, ids())).toBe(typing);
  });

  it('a tab kept from before versions learns the version when its content is the file, without touching its text', () => {
    const old = opened();
    delete old.saved!.version;
    const next = followSavedFile(old, onDisk('mine'), 'v1', {}, ids());
    expect(next.saved?.version).toBe('v1');
    expect(next.body).toBe(old.body);
    expect(next.metadata).toBe(old.metadata);
  });

  it('is marked as saved with what was sent: text typed while the save was on its way stays unsaved', () => {
    const tab = opened();
    const sent = tabFingerprint(tab);
    const typedMeanwhile = { ...tab, body: `${tab.body} ` };
    expect(isDirty(linkTab(typedMeanwhile, '/ws', 'Echo', 'v2', sent))).toBe(true);
    expect(isDirty(linkTab(tab, '/ws', 'Echo', 'v2', sent))).toBe(false);
  });
});
