import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const fresh = mkdtempSync(join(tmpdir(), 'loupe-generated-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('code generated from .proto files', () => {
  it('is what scripts/generate-protos.mjs makes from the sources now (run `npm run generate`)', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/generate-protos.mjs'), '--out', fresh], { stdio: 'pipe' });
    const files = filesUnder(fresh);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(existsSync(join(ROOT, file)), `${file} is missing: run npm run generate`).toBe(true);
      const checkedIn = readFileSync(join(ROOT, file), 'utf8');
      expect(checkedIn, `${file} is stale: run npm run generate`).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
  });
});
