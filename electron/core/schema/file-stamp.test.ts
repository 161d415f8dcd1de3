import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { absenceTest } from './file-stamp';

describe('absenceTest', () => {
  it('says "certainly absent" only for relative paths whose first folder the listing lacks, in any case', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-absence-'));
    await mkdir(join(dir, 'Api'));
    const absent = await absenceTest(dir);
    expect(absent('google/api/http.proto')).toBe(true);
    expect(absent('Api/x.proto')).toBe(false);
    // A case-insensitive file system would find it: never answered "absent".
    expect(absent('api/x.proto')).toBe(false);
    expect(absent('API\\x.proto')).toBe(false);
    expect(absent(join(dir, 'google/x.proto'))).toBe(false);
    expect(absent('./google/x.proto')).toBe(false);
    expect(absent('../google/x.proto')).toBe(false);
    const unlistable = await absenceTest(join(dir, 'no-such-folder'));
    expect(unlistable('google/x.proto')).toBe(false);
  });
});
