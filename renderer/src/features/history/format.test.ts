import { describe, expect, it } from 'vitest';
import { formatElapsed, shortMethod, statusLabel } from './format';

describe('history rows', () => {
  it('shorten methods to Service/Method in either spelling', () => {
    expect(shortMethod('loupe.demo.v1.Demo/Echo')).toBe('Demo/Echo');
    expect(shortMethod('loupe.demo.v1.Demo.Echo')).toBe('Demo/Echo');
    expect(shortMethod('/a.B/C')).toBe('B/C');
  });

  it('say the status, or that the call failed before it had one', () => {
    expect(statusLabel({ status: { code: 0, name: 'OK', message: '' } })).toEqual({ text: 'OK', ok: true });
    expect(statusLabel({ status: { code: 14, name: 'UNAVAILABLE', message: 'x' } })).toEqual({
      text: 'UNAVAILABLE',
      ok: false,
    });
    expect(statusLabel({ error: 'no connection' })).toEqual({ text: 'Failed', ok: false });
  });

  it('show durations in ms, then seconds', () => {
    expect(formatElapsed(12.4)).toBe('12 ms');
    expect(formatElapsed(1234)).toBe('1.23 s');
  });
});
