import { describe, expect, it } from 'vitest';
import { buildCollectionTree, folderChoices } from './collection-tree';

const req = (method: string) => ({ version: 1, target: 'local', method });

describe('the collection tree', () => {
  it('puts folders before requests, each sorted by name, and nests paths', () => {
    const tree = buildCollectionTree(['users'], {
      'b echo': req('a.B/Echo'),
      'users/get': req('a.U/Get'),
      'A first': req('a.B/A'),
    });
    expect(tree.map((n) => `${n.kind}:${n.name}`)).toEqual(['folder:users', 'request:A first', 'request:b echo']);
    expect(tree[0]).toMatchObject({
      kind: 'folder',
      children: [{ kind: 'request', path: 'users/get', method: 'a.U/Get' }],
    });
  });

  it('makes up folders that only exist as a parent of a request', () => {
    const tree = buildCollectionTree([], { 'x/y/z': req('a.B/C') });
    expect(tree).toMatchObject([
      { kind: 'folder', path: 'x', children: [{ kind: 'folder', path: 'x/y', children: [{ path: 'x/y/z' }] }] },
    ]);
  });

  it('offers every folder, and the top level, as a destination', () => {
    expect(folderChoices(['a'], { 'b/c/d': req('a.B/C') })).toEqual(['', 'a', 'b', 'b/c']);
  });
});
