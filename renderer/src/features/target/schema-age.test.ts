import { describe, expect, it } from 'vitest';
import { describeFileCount, describeSchemaAge, humanAge } from './schema-age';

const MIN = 60_000;

describe('describeSchemaAge', () => {
  const now = 1_700_000_000_000;

  it('says how old a cached schema is', () => {
    expect(describeSchemaAge({ loadedAt: now - 3 * MIN - 5_000, fromCache: true }, now)).toBe('from cache, 3 min old');
    expect(describeSchemaAge({ loadedAt: now - 10_000, fromCache: true }, now)).toBe('from cache, under a minute old');
  });

  it('says when a fresh schema was loaded', () => {
    expect(describeSchemaAge({ loadedAt: now - 1_000 }, now)).toBe('loaded just now');
    expect(describeSchemaAge({ loadedAt: now - 2 * 60 * MIN }, now)).toBe('loaded 2 h ago');
  });

  it('treats a load stamped in the future (clock skew) as just now', () => {
    expect(describeSchemaAge({ loadedAt: now + 5 * MIN, fromCache: false }, now)).toBe('loaded just now');
  });
});

describe('humanAge', () => {
  it('uses the largest whole unit', () => {
    expect(humanAge(59 * MIN)).toBe('59 min');
    expect(humanAge(60 * MIN)).toBe('1 h');
    expect(humanAge(24 * 60 * MIN)).toBe('1 day');
    expect(humanAge(3 * 24 * 60 * MIN)).toBe('3 days');
  });
});

describe('describeFileCount', () => {
  it('pluralizes', () => {
    expect(describeFileCount(1)).toBe('1 file');
    expect(describeFileCount(12)).toBe('12 files');
  });
});
