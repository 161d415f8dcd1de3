import { describe, expect, it } from 'vitest';
import type { DriftFinding } from '../../../../shared/model/drift';
import { describeLocation, groupFindings } from './findings';

const finding = (kind: DriftFinding['kind'], subject: string): DriftFinding => ({
  kind,
  category: 'WIRE',
  rule: 'RULE',
  subject,
  message: subject,
});

describe('drift findings in the view', () => {
  it('groups by kind, breaking on the wire first, additions last, without empty groups', () => {
    const groups = groupFindings([finding('addition', 'a'), finding('breaking-wire', 'b'), finding('addition', 'c')]);
    expect(groups.map((g) => [g.kind, g.findings.map((f) => f.subject)])).toEqual([
      ['breaking-wire', ['b']],
      ['addition', ['a', 'c']],
    ]);
  });

  it('names a location by its symbol and, where known, its file and line', () => {
    expect(describeLocation({ symbol: 'a.B.c', file: 'a.proto', line: 3, column: 5 })).toBe('a.B.c at a.proto:3:5');
    expect(describeLocation({ symbol: 'a.B.c' })).toBe('a.B.c');
  });
});
