import { describe, expect, it } from 'vitest';
import { describeEvent } from './format';

const started = {
  type: 'started' as const,
  t: 0,
  at: 0,
  target: '127.0.0.1:50051',
  method: '/a.B/C',
  kind: 'unary' as const,
  options: {},
};

describe('the started row', () => {
  it('says which auth applied and when its token expires', () => {
    const row = describeEvent({
      ...started,
      auth: { type: 'oauth2', label: 'OAuth 2.0 (client credentials)', expiresAt: Date.UTC(2030, 0, 1, 10, 0, 0) },
    });
    expect(row.text).toBe(
      '/a.B/C on 127.0.0.1:50051 · auth: OAuth 2.0 (client credentials), token expires 2030-01-01T10:00:00Z',
    );
  });

  it('says nothing of auth when none applied', () => {
    expect(describeEvent(started).text).toBe('/a.B/C on 127.0.0.1:50051');
  });
});

describe("the timeline's script rows", () => {
  it('say which scripts ran or were held back, logs, and failed tests in red', () => {
    expect(describeEvent({ type: 'scripts', t: 0, files: ['loupe.workspace.js'], trusted: false })).toMatchObject({
      label: 'Scripts',
      text: 'held back, the workspace folder is not trusted: loupe.workspace.js',
      problem: false,
    });
    expect(describeEvent({ type: 'log', t: 1, text: 'token ok', file: 'requests/a.js', hook: 'beforeCall' })).toEqual({
      label: 'Log',
      text: 'beforeCall: token ok — requests/a.js',
      problem: false,
    });
    const failed = describeEvent({
      type: 'test',
      t: 2,
      result: {
        name: 'ok',
        passed: false,
        message: 'expected 1 to equal 2',
        file: 'requests/a.js',
        hook: 'onMessage',
        index: 4,
      },
    });
    expect(failed).toEqual({
      label: 'Test failed',
      text: 'FAIL  ok (message #5): expected 1 to equal 2 — requests/a.js',
      problem: true,
    });
  });
});
