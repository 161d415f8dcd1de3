import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleFileWriter } from './record-file';
import type { Rule } from './rule-format';
import { demoSchema } from './test-support/mock-fixture';

/* Recorded rules are added to what is on disk; nothing a person wrote is ever replaced. */

const echo = demoSchema().method('loupe.demo.v1.Demo/Echo');
const rule = (message: string, answer: string): Rule => ({
  when: { request: { message } },
  body: { message: answer },
  intervalMs: 0,
});

describe('RuleFileWriter', () => {
  it('adds to an existing file, and replaces only a recorded rule with the same conditions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-record-'));
    const path = join(dir, 'loupe.demo.v1.Demo.Echo.json');
    const handWritten = { name: 'mine', when: { request: { message: 'a' } }, body: { message: 'hand' } };
    writeFileSync(path, JSON.stringify({ method: 'loupe.demo.v1.Demo/Echo', vars: { x: 1 }, rules: [handWritten] }));
    const writer = new RuleFileWriter(dir, () => undefined);
    await writer.record(echo, rule('b', 'first'));
    await writer.record(echo, rule('b', 'second'));
    await writer.record(echo, rule('c', 'third'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      method: 'loupe.demo.v1.Demo/Echo',
      vars: { x: 1 },
      rules: [
        handWritten,
        { when: { request: { message: 'b' } }, body: { message: 'second' } },
        { when: { request: { message: 'c' } }, body: { message: 'third' } },
      ],
    });
  });

  it('leaves a file that does not parse as it is, says so once, and records nothing into it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-record-'));
    const path = join(dir, 'loupe.demo.v1.Demo.Echo.json');
    writeFileSync(path, '{ "method": "loupe.demo.v1.Demo/Echo", "rules": [ half-written');
    const problems: string[] = [];
    const writer = new RuleFileWriter(dir, (p) => problems.push(p));
    await writer.record(echo, rule('b', 'first'));
    await writer.record(echo, rule('c', 'second'));
    await writer.flush();
    expect(readFileSync(path, 'utf8')).toBe('{ "method": "loupe.demo.v1.Demo/Echo", "rules": [ half-written');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^not recording loupe\.demo\.v1\.Demo\/Echo: .*loupe\.demo\.v1\.Demo\.Echo\.json:1:\d+: invalid JSON.*; move the file away to record it$/,
    );
  });
});
