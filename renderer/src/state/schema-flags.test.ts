import { describe, expect, it } from 'vitest';
import type { DriftFinding, DriftReport } from '../../../shared/model/drift';
import type { MethodInfo, SchemaSummary } from '../../../shared/model/schema';
import { flagsForTabs } from './schema-flags';

const method = (name: string, requestType: string): MethodInfo => ({
  fullName: `a.Users.${name}`,
  name,
  path: `/a.Users/${name}`,
  kind: 'unary',
  requestType,
  responseType: 'a.User',
});
const summary = (...methods: MethodInfo[]): SchemaSummary => ({
  services: [{ fullName: 'a.Users', name: 'Users', package: 'a', file: 'a.proto', methods }],
  fileCount: 1,
  sources: [],
  loadedAt: 0,
});
const finding = (kind: DriftFinding['kind'], subject: string, message: string): DriftFinding => ({
  kind,
  category: 'WIRE',
  rule: 'R',
  subject,
  message,
});
const report = (...findings: DriftFinding[]): DriftReport => ({
  base: 'before',
  other: 'now',
  category: 'FILE',
  findings,
  breaking: findings.length,
  notes: [],
});

describe('tabs flagged after a schema refresh', () => {
  const before = summary(
    method('Get', 'a.GetRequest'),
    method('Delete', 'a.DeleteRequest'),
    method('List', 'a.ListRequest'),
  );
  const after = summary(method('Get', 'a.GetRequest'), method('List', 'a.ListRequest'));
  const tabs = [
    { id: 'get', method: 'a.Users.Get' },
    { id: 'delete', method: 'a.Users.Delete' },
    { id: 'list', method: 'a.Users.List' },
    { id: 'new', method: undefined },
  ];

  it('flags a tab whose method is gone, or whose request message breaks; leaves the rest alone', () => {
    const flags = flagsForTabs(
      tabs,
      before,
      after,
      report(
        finding('breaking-wire', 'a.Users.Delete', 'method removed'),
        finding('breaking-json', 'a.GetRequest.id', 'field 1 of a.GetRequest was renamed'),
        finding('addition', 'a.ListRequest.page', 'field added'),
      ),
    );
    expect(flags).toEqual({
      delete: ['a.Users.Delete is no longer in the schema: sending it will fail.'],
      get: ['field 1 of a.GetRequest was renamed'],
    });
  });
});
