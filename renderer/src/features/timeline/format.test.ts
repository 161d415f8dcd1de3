import { describe, expect, it } from 'vitest';
import { describeEvent } from './format';

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
