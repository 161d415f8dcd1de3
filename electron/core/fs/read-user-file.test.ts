import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { readStreamText, readUserFile, readUserText, type FileKind } from './read-user-file';

const dir = mkdtempSync(join(tmpdir(), 'loupe-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEST_KIND: FileKind = { name: 'test file', maxBytes: 1024 };
const fifo = (name: string) => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'read',
    (err: Error & { code?: string }) => `${err.code}: ${err.message}`,
  );

describe('readUserFile', () => {
  it('reads a regular file, and as text without a byte order mark', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"a":1}');
    expect((await readUserFile(file, TEST_KIND)).length).toBe(10);
    expect(await readUserText(file, TEST_KIND)).toBe('{"a":1}');
  });

  it('names the file, its kind and what is wrong with it', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const pipe = fifo('pipe');
    const link = join(dir, 'link-to-pipe');
    symlinkSync(pipe, link);
    expect(await reason(readUserFile(join(dir, 'nope'), TEST_KIND))).toBe(
      `NOT_FOUND: Cannot read the test file ${dir}/nope: no such file`,
    );
    expect(await reason(readUserFile(folder, TEST_KIND))).toBe(
      `VALIDATION: Cannot read the test file ${folder}: it is a folder, not a file`,
    );
    expect(await reason(readUserFile(pipe, TEST_KIND))).toBe(
      `VALIDATION: Cannot read the test file ${pipe}: it is a named pipe (FIFO), not a regular file`,
    );
    expect(await reason(readUserFile(link, TEST_KIND, { label: 'link' }))).toBe(
      'VALIDATION: Cannot read the test file link: it is a named pipe (FIFO), not a regular file',
    );
    for (const device of ['/dev/zero', '/dev/urandom']) {
      expect(await reason(readUserFile(device, TEST_KIND))).toBe(
        `VALIDATION: Cannot read the test file ${device}: it is a device, not a regular file`,
      );
    }
  });

  it('refuses a file over the limit of its kind, by its size or, when the size lies, by reading one byte past it', async () => {
    const big = join(dir, 'big');
    writeFileSync(big, 'x'.repeat(2048));
    expect(await reason(readUserFile(big, TEST_KIND))).toBe(
      `VALIDATION: Cannot read the test file ${big}: it is 2 KiB, over the 1 KiB limit for a test file`,
    );
    writeFileSync(big, 'x'.repeat(1024));
    expect((await readUserFile(big, TEST_KIND)).length).toBe(1024);
    // Files in /proc say they are empty and are not: the read itself must stop.
    const lying = '/proc/self/status';
    const tiny: FileKind = { name: 'status file', maxBytes: 16 };
    expect(await reason(readUserFile(lying, tiny))).toBe(
      `VALIDATION: Cannot read the status file ${lying}: it is larger than the 16 bytes limit for a status file`,
    );
  });

  it('does not tie up the file-system threads on FIFOs with no writer: a normal read after many of them still answers', async () => {
    // libuv has four file-system threads; a blocking open of a FIFO would hold one for good.
    const pipes = Array.from({ length: 8 }, (_, i) => fifo(`many-${i}`));
    const refused = await Promise.all(pipes.map((p) => reason(readUserFile(p, TEST_KIND))));
    expect(refused.every((r) => r.includes('named pipe'))).toBe(true);
    const file = join(dir, 'after');
    writeFileSync(file, 'ok');
    expect(await readUserText(file, TEST_KIND)).toBe('ok');
  });
});

describe('readStreamText', () => {
  it('reads a stream within the limit, and refuses one past it without keeping it', async () => {
    expect(
      await readStreamText(Readable.from([Buffer.from('\uFEFF{"a"'), Buffer.from(':1}')]), 'standard input', TEST_KIND),
    ).toBe('{"a":1}');
    // An endless stream: the read must end by itself.
    const endless = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(100, 0x20);
      })(),
    );
    expect(await reason(readStreamText(endless, 'standard input', TEST_KIND))).toBe(
      'VALIDATION: standard input is larger than the 1 KiB limit for a test file',
    );
  });
});
