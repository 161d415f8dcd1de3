import type { AnyDesc } from '@bufbuild/protobuf';
import {
  inCategory,
  isBreaking,
  kindRank,
  type DriftCategory,
  type DriftFinding,
  type DriftKind,
} from '../../../../shared/model/drift';
import { locate, symbolOf } from './side';

export interface FindingInput {
  kind: DriftKind;
  category: DriftCategory;
  rule: string;
  /** The symbol on the base side (removals, changes) ... */
  base?: AnyDesc;
  /** ... and on the other side (additions, changes). */
  other?: AnyDesc;
  /** What the finding is about, when not `base` (an added field, located beside its base message). */
  subject?: AnyDesc;
  /** The subject by name, for what has no descriptor of its own (a package). */
  subjectName?: string;
  /** The changed part under both symbols, as a source path suffix (see locate). */
  detail?: number[];
  message: string;
}

/** What one comparison found, in the order it was found; sorted and filtered by `finish`. */
export class Findings {
  readonly all: DriftFinding[] = [];
  readonly notes: string[] = [];

  add(f: FindingInput): void {
    const subjectDesc = f.subject ?? f.base ?? f.other;
    if (!subjectDesc) throw new Error(`finding ${f.rule} names no symbol`);
    const finding: DriftFinding = {
      kind: f.kind,
      category: f.category,
      rule: f.rule,
      subject: f.subjectName ?? symbolOf(subjectDesc),
      message: f.message,
    };
    if (f.base) finding.base = locate(f.base, f.detail);
    if (f.other) finding.other = locate(f.other, f.detail);
    this.all.push(finding);
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** The findings reported at `strictness`, breaking ones first, each group in subject order. */
  finish(strictness: DriftCategory): { findings: DriftFinding[]; breaking: number } {
    const findings = this.all
      .filter((f) => inCategory(f.category, strictness))
      .sort(
        (a, b) =>
          kindRank(a.kind) - kindRank(b.kind) || compareText(a.subject, b.subject) || compareText(a.rule, b.rule),
      );
    return { findings, breaking: findings.filter((f) => isBreaking(f.kind)).length };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
