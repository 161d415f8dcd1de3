import { afterEach, describe, expect, it } from 'vitest';
import { detailsKey, targetKey, dependsOnWorkspace, environmentFor, setWorkspaceContext } from './target-key';

describe('target keys', () => {
  it('are equal for equal settings however they were spelled', () => {
    expect(targetKey({ address: 'a:1' })).toBe(targetKey({ address: 'a:1', tls: { enabled: false } }));
    expect(targetKey({ address: 'a:1', compression: 'gzip' })).toBe(targetKey({ compression: 'gzip', address: 'a:1' }));
  });

  it('differ when the server or any connection setting differs', () => {
    expect(targetKey({ address: 'a:1' })).not.toBe(targetKey({ address: 'a:2' }));
    expect(targetKey({ address: 'a:1' })).not.toBe(targetKey({ address: 'a:1', tls: { enabled: true } }));
  });

  it('still name a target that is not valid yet (an empty address)', () => {
    expect(targetKey({ address: '' })).toMatch(/^invalid:/);
  });

  it('keep method details of one target apart from another', () => {
    expect(detailsKey(targetKey({ address: 'a:1' }), 'm')).not.toBe(detailsKey(targetKey({ address: 'b:1' }), 'm'));
  });
});

describe('targets that depend on the workspace', () => {
  afterEach(() => setWorkspaceContext(undefined));

  it('are keyed per workspace and environment; others are not', () => {
    const templated = { address: '{{addr}}' };
    const relative = { address: 'localhost:1', schema: { reflection: false, protoFiles: ['protos/a.proto'] } };
    const plain = { address: 'localhost:1', schema: { reflection: false, protoFiles: ['/abs/a.proto'] } };
    expect([dependsOnWorkspace(templated), dependsOnWorkspace(relative), dependsOnWorkspace(plain)]).toEqual([
      true,
      true,
      false,
    ]);

    const outside = targetKey(templated);
    expect(environmentFor(templated)).toEqual({});
    setWorkspaceContext({ root: '/ws', environment: 'dev' });
    const dev = targetKey(templated);
    expect(environmentFor(templated)).toEqual({ environment: { root: '/ws', name: 'dev' } });
    expect(environmentFor(plain)).toEqual({});
    const plainKey = targetKey(plain);
    setWorkspaceContext({ root: '/ws', environment: 'prod' });
    expect(new Set([outside, dev, targetKey(templated)]).size).toBe(3);
    expect(targetKey(plain)).toBe(plainKey);
    setWorkspaceContext({ root: '/ws', environment: 'dev' });
    expect(targetKey(templated)).toBe(dev);
  });
});
