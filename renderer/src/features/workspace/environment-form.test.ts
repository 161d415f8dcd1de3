import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../../../../shared/model/workspace';
import { draftOf, followEnvironment } from './environment-form';

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
