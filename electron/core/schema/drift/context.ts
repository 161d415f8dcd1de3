import type { AnyDesc, DescEnum, DescExtension, DescMessage, DescService } from '@bufbuild/protobuf';
import type { Findings } from './findings';
import { isLossy, type Side } from './side';

/** What every part of one comparison shares. */
export interface Context {
  base: Side;
  other: Side;
  findings: Findings;
  /** A base type name as it is named on the other side (differs when its package moved). */
  alias: (name: string) => string;
  /** The other way round: an other-side type name as the base side names it. */
  unalias: (name: string) => string;
  /** Whether a base symbol's or an other-side symbol's file was described by protobufjs (see madeByProtobufjs). */
  lossy(a: AnyDesc, b: AnyDesc): boolean;
  lossyBase(a: AnyDesc): boolean;
  lossyOther(b: AnyDesc): boolean;
}

export function makeContext(base: Side, other: Side, findings: Findings, moves: Map<string, string>): Context {
  const rename = (map: Map<string, string>) => (name: string) => {
    // The longest moved package that prefixes the name wins (acme.v1.sub before acme.v1).
    let best: [string, string] | undefined;
    for (const [from, to] of map) {
      if ((name === from || name.startsWith(`${from}.`)) && (!best || from.length > best[0].length)) best = [from, to];
    }
    return best ? best[1] + name.slice(best[0].length) : name;
  };
  const back = new Map([...moves].map(([from, to]) => [to, from]));
  return {
    base,
    other,
    findings,
    alias: rename(moves),
    unalias: rename(back),
    lossy: (a, b) => isLossy(base, a) || isLossy(other, b),
    lossyBase: (a) => isLossy(base, a),
    lossyOther: (b) => isLossy(other, b),
  };
}

/**
 * Where a removed type would be on the other side: its parent message, or its file when that
 * file still exists there, so the finding can point at the place it left.
 */
export function placeOnOther(
  ctx: Context,
  removed: DescMessage | DescEnum | DescService | DescExtension,
): AnyDesc | undefined {
  if (removed.kind !== 'service' && removed.parent) return ctx.other.messages.get(ctx.alias(removed.parent.typeName));
  return ctx.other.files.get(removed.file.proto.name);
}

/** Reserved or extension ranges as half-open [start, end) pairs, repairing protobufjs's inclusive ends. */
export function ranges(list: { start: number; end: number }[], lossy: boolean): [number, number][] {
  return list.map((r) => [r.start, lossy ? r.end + 1 : r.end]);
}

export function inRanges(n: number, list: [number, number][]): boolean {
  return list.some(([start, end]) => n >= start && n < end);
}

/**
 * The numbers of `from` that `to` does not cover, as ranges. Ranges too wide to walk (extension
 * ranges up to max) are checked by containment only: uncovered, the whole range is reported.
 */
export function uncovered(from: [number, number][], to: [number, number][], used: Set<number>): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of from) {
    if (end - start > 10_000) {
      if (!to.some(([s, e]) => s <= start && e >= end)) out.push([start, end]);
      continue;
    }
    let runStart: number | undefined;
    for (let n = start; n <= end; n++) {
      const missing = n < end && !inRanges(n, to) && !used.has(n);
      if (missing && runStart === undefined) runStart = n;
      if (!missing && runStart !== undefined) {
        out.push([runStart, n]);
        runStart = undefined;
      }
    }
  }
  // `reserved 5, 6;` is two ranges: report what they leave uncovered as one.
  out.sort((x, y) => x[0] - y[0]);
  return out.reduce<[number, number][]>((merged, r) => {
    const last = merged[merged.length - 1];
    if (last && last[1] >= r[0]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
    return merged;
  }, []);
}

/** "the number 9", "the numbers 9 to 12". */
export function numbersText(range: [number, number]): string {
  return `${range[1] - range[0] > 1 ? 'the numbers' : 'the number'} ${rangeText(range)}`;
}

/** "9", "9 to 12", "100 to max". */
export function rangeText([start, end]: [number, number]): string {
  const last = end - 1;
  if (last === start) return `${start}`;
  return `${start} to ${last >= 536_870_911 ? 'max' : last}`;
}
