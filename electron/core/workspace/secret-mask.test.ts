import { describe, expect, it } from 'vitest';
import { SecretMask } from './secret-mask';

describe('SecretMask', () => {
  it('puts {{name}} in place of a value, as written and as escaped inside JSON text', () => {
    const mask = new SecretMask();
    mask.add('token', 'a"b\\c');
    expect(mask.text('Bearer a"b\\c')).toBe('Bearer {{token}}');
    expect(mask.text(JSON.stringify({ authorization: 'Bearer a"b\\c' }))).toBe('{"authorization":"Bearer {{token}}"}');
    expect(mask.text('nothing here')).toBe('nothing here');
  });

  it('replaces a value that contains another whole', () => {
    const mask = new SecretMask();
    mask.add('short', 'abc');
    mask.add('long', 'xabcx');
    expect(mask.text('xabcx abc')).toBe('{{long}} {{short}}');
  });

  it('ignores an empty value (it would match everywhere)', () => {
    const mask = new SecretMask();
    mask.add('empty', '');
    expect(mask.size).toBe(0);
    expect(mask.text('anything')).toBe('anything');
  });

  it('masks every string inside a value, returning the same object when nothing matched', () => {
    const mask = new SecretMask();
    const untouched = { t: 'events', events: [{ type: 'received-run', times: [1, 2], sizes: [3, 4] }] };
    expect(mask.value(untouched)).toBe(untouched); // no secrets known: nothing is walked
    mask.add('token', 's3cret');
    expect(mask.value(untouched)).toBe(untouched);
    const envelope = {
      t: 'err',
      id: 1,
      error: { code: 'UNAVAILABLE', message: 'denied s3cret', details: { values: ['s3cret', 7] } },
    };
    expect(mask.value(envelope)).toEqual({
      t: 'err',
      id: 1,
      error: { code: 'UNAVAILABLE', message: 'denied {{token}}', details: { values: ['{{token}}', 7] } },
    });
    expect(envelope.error.message).toBe('denied s3cret'); // the input is not changed
  });

  it('masks a value nested deeper than it walks, through its JSON text', () => {
    const mask = new SecretMask();
    mask.add('token', 's3cret');
    let deep: unknown = 's3cret';
    for (let i = 0; i < 200; i++) deep = { inner: deep };
    expect(JSON.stringify(mask.value(deep))).not.toContain('s3cret');
  });

  it('masks an error for a log, message and stack', () => {
    const mask = new SecretMask();
    mask.add('token', 's3cret');
    const masked = mask.error(new TypeError('bad s3cret')) as Error;
    expect(masked.message).toBe('bad {{token}}');
    expect(masked.name).toBe('TypeError');
    expect(masked.stack).not.toContain('s3cret');
  });
});
