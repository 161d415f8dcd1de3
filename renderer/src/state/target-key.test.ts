import { describe, expect, it } from 'vitest';
import { detailsKey, targetKey } from './target-key';

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
