import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../../../shared/model/workspace';
import { draftAfterSave, draftOf, environmentFromDraft, followEnvironment } from './environment-form';

const view = (host: string, version: string, name = 'dev'): EnvironmentView => ({
  name,
  environment: { version: 1, variables: [{ name: 'host', value: host }] },
  version,
  secrets: [],
});
const values = (d: ReturnType<typeof draftOf>) => d.variables.map((v) => [v.name, v.value]);

describe('the environment editor meets its file as read from disk', () => {
  it('a draft is based on the version it was read from; no file, no version', () => {
    expect(draftOf('dev', view('a:1', 'v1'))).toMatchObject({ name: 'dev', baseVersion: 'v1', edited: false });
    expect(values(draftOf('dev', view('a:1', 'v1')))).toEqual([['host', 'a:1']]);
    expect(draftOf(undefined, undefined)).toEqual({
      name: undefined,
      variables: [],
      baseVersion: undefined,
      edited: false,
      proxy: '',
    });
  });

  it('the same version (its own save coming back, a refresh) leaves the very same draft', () => {
    const draft = draftOf('dev', view('a:1', 'v1'));
    expect(followEnvironment(draft, view('a:1', 'v1'))).toBe(draft);
  });

  it('a draft without edits shows a file changed on disk, and is then based on its version', () => {
    const next = followEnvironment(draftOf('dev', view('a:1', 'v1')), view('pulled:1', 'v2'));
    expect(next).toMatchObject({ name: 'dev', baseVersion: 'v2', edited: false });
    expect(values(next)).toEqual([['host', 'pulled:1']]);
  });

  it('a draft with edits keeps them and its old version, so its save is refused rather than overwriting the change', () => {
    const draft = { ...draftOf('dev', view('a:1', 'v1')), edited: true };
    expect(followEnvironment(draft, view('pulled:1', 'v2'))).toBe(draft);
  });

  it('another environment, or none (deleted on disk), changes nothing', () => {
    const draft = draftOf('dev', view('a:1', 'v1'));
    expect(followEnvironment(draft, view('x:1', 'v7', 'ci'))).toBe(draft);
    expect(followEnvironment(draft, undefined)).toBe(draft);
  });
});

describe('the environment editor after its own save', () => {
  const pressed = () => draftOf('dev', view('a:1', 'v1'));

  it('keeps what was typed while the save ran, based on the version just written', () => {
    const atSave = pressed();
    const typedOn = {
      ...atSave,
      variables: [...atSave.variables, { ...atSave.variables[0]!, key: 'k2', name: 'port' }],
    };
    const after = draftAfterSave(typedOn, 'dev', atSave.variables, 'v2', view('a:1', 'v2'));
    expect(after.variables).toBe(typedOn.variables);
    expect(after).toMatchObject({ baseVersion: 'v2', edited: true });
    // The file coming back with our own version does not replace the edits either.
    expect(followEnvironment(after, view('a:1', 'v2'))).toBe(after);
  });

  it('shows the file as read back when nothing was typed meanwhile', () => {
    const atSave = pressed();
    const after = draftAfterSave(atSave, 'dev', atSave.variables, 'v2', view('saved:1', 'v2'));
    expect(after).toMatchObject({ baseVersion: 'v2', edited: false });
    expect(values(after)).toEqual([['host', 'saved:1']]);
  });

  it('is based on its own write even before the file is read back', () => {
    const atSave = pressed();
    const after = draftAfterSave(atSave, 'dev', atSave.variables, 'v2', undefined);
    expect(after).toMatchObject({ variables: atSave.variables, baseVersion: 'v2', edited: false });
  });

  it('leaves another environment picked during the save alone', () => {
    const atSave = pressed();
    const other = draftOf('prod', view('p:1', 'p1', 'prod'));
    expect(draftAfterSave(other, 'dev', atSave.variables, 'v2', view('a:1', 'v2'))).toBe(other);
  });
});

describe("the environment's proxy", () => {
  it('is read into the draft, written back as typed, and removed when emptied', () => {
    const file = { version: 1, variables: [], proxy: 'socks5://p:1080', later: 'kept' };
    const withProxy: EnvironmentView = { name: 'corp', environment: file, version: 'v1', secrets: [] };
    expect(draftOf('corp', withProxy).proxy).toBe('socks5://p:1080');
    expect(environmentFromDraft([], file, 'corp', ' none ')).toMatchObject({ proxy: 'none', later: 'kept' });
    expect(environmentFromDraft([], file, 'corp', '')).not.toHaveProperty('proxy');
    expect(environmentFromDraft([], file, 'corp')).toMatchObject({ proxy: 'socks5://p:1080' });
  });

  it('typing on in it while a save runs is kept, like a variable', () => {
    const atSave = draftOf('dev', view('a:1', 'v1'));
    const typedOn = { ...atSave, proxy: 'http://p:3128' };
    const after = draftAfterSave(typedOn, 'dev', atSave.variables, 'v2', view('a:1', 'v2'), atSave.proxy);
    expect(after).toMatchObject({ proxy: 'http://p:3128', edited: true, baseVersion: 'v2' });
  });
});
