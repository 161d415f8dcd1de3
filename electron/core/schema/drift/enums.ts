import type { DescEnum, DescEnumValue } from '@bufbuild/protobuf';
import { numbersText, placeOnOther, uncovered, type Context } from './context';

/** Every enum of the base side against its counterpart, and the enums only one side has. */
export function compareEnums(ctx: Context): void {
  const { base, other, findings } = ctx;
  for (const [name, a] of base.enums) {
    const b = other.enums.get(ctx.alias(name));
    if (b) {
      compareEnum(ctx, a, b);
      continue;
    }
    if (a.parent && !other.messages.has(ctx.alias(a.parent.typeName))) continue;
    findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'PACKAGE_ENUM_NO_DELETE',
      base: a,
      other: placeOnOther(ctx, a),
      message: `enum ${name} was removed: code that uses it no longer compiles`,
    });
  }
  for (const [name, b] of other.enums) {
    if (base.enums.has(ctx.unalias(name))) continue;
    if (b.parent && !base.messages.has(ctx.unalias(b.parent.typeName))) continue;
    findings.add({
      kind: 'addition',
      category: 'WIRE',
      rule: 'ENUM_ADDED',
      other: b,
      message: `enum ${name} was added`,
    });
  }
}

/**
 * Enum reserved ranges are inclusive in descriptors, unlike message ones (so that they can reach
 * the top of int32); protobufjs writes them inclusive too. As half-open pairs here.
 */
function reserved(e: DescEnum): [number, number][] {
  return e.proto.reservedRange.map((r) => [r.start, r.end + 1]);
}

function compareEnum(ctx: Context, a: DescEnum, b: DescEnum): void {
  const { findings } = ctx;
  const lossy = ctx.lossy(a, b);
  const namesAt = (e: DescEnum, n: number) => e.values.filter((v) => v.number === n).map((v) => v.name);
  const handledA = new Set<DescEnumValue>();
  const handledB = new Set<number>();

  // A name kept under another number: old clients send and expect the old number.
  for (const v of a.values) {
    const w = b.values.find((x) => x.name === v.name);
    if (!w || w.number === v.number || namesAt(b, v.number).length > 0) continue;
    handledA.add(v);
    handledB.add(w.number);
    findings.add({
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'ENUM_VALUE_SAME_NUMBER',
      base: v,
      other: w,
      message: `enum value ${a.typeName}.${v.name} was ${v.number}, is now ${w.number}: clients built with either side send a number the other reads as something else`,
    });
  }
  for (const v of a.values) {
    if (handledA.has(v)) continue;
    const now = namesAt(b, v.number);
    if (now.includes(v.name)) continue;
    if (now.length > 0) {
      if (namesAt(a, v.number)[0] !== v.name) continue; // an alias; the first name speaks for the number
      findings.add({
        kind: 'breaking-json',
        category: 'WIRE_JSON',
        rule: 'ENUM_VALUE_SAME_NAME',
        base: v,
        other: b.values.find((x) => x.number === v.number),
        message: `enum value ${v.number} of ${a.typeName} was ${v.name}, is now ${now.join(' / ')}: JSON clients send and read the name`,
      });
      continue;
    }
    findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'ENUM_VALUE_NO_DELETE',
      base: v,
      other: b,
      message: `enum value ${a.typeName}.${v.name} (${v.number}) was removed: code that uses it no longer compiles`,
    });
    const numberKept = reserved(b).some(([s, e]) => v.number >= s && v.number < e);
    const nameKept = b.proto.reservedName.includes(v.name);
    if (numberKept && nameKept) continue;
    findings.add({
      kind: 'hygiene',
      category: numberKept ? 'WIRE_JSON' : 'WIRE',
      rule: numberKept ? 'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED' : 'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED',
      base: v,
      other: b,
      message: `enum value ${a.typeName}.${v.name} (${v.number}) was removed without reserving ${numberKept ? 'its name' : nameKept ? 'its number' : 'its number and name'}: a later value could reuse it and mean something else`,
    });
  }
  for (const w of b.values) {
    if (handledB.has(w.number) || a.values.some((v) => v.number === w.number)) continue;
    if (namesAt(b, w.number)[0] !== w.name) continue;
    const what = `enum value ${b.typeName}.${w.name} (${w.number})`;
    if (reserved(a).some(([s, e]) => w.number >= s && w.number < e) || a.proto.reservedName.includes(w.name)) {
      findings.add({
        kind: 'breaking-wire',
        category: 'WIRE',
        rule: 'RESERVED_ENUM_NO_DELETE',
        base: a,
        other: w,
        subject: w,
        message: `${what} takes a number or name that ${a.typeName} reserved: old data with the former value is mis-read`,
      });
    } else {
      findings.add({
        kind: 'addition',
        category: 'WIRE',
        rule: 'ENUM_VALUE_ADDED',
        other: w,
        message: `${what} was added`,
      });
    }
  }
  const used = new Set(b.values.map((v) => v.number));
  for (const range of uncovered(reserved(a), reserved(b), used)) {
    findings.add({
      kind: 'hygiene',
      category: 'WIRE',
      rule: 'RESERVED_ENUM_NO_DELETE',
      base: a,
      other: b,
      message: `${a.typeName} no longer reserves ${numbersText(range)}: a later value could reuse it and mean something else`,
    });
  }
  if (!lossy && a.open !== b.open) {
    findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'ENUM_SAME_TYPE',
      base: a,
      other: b,
      message: `enum ${a.typeName} was ${a.open ? 'open' : 'closed'}, is now ${b.open ? 'open' : 'closed'}: unknown values ${b.open ? 'are now kept in the field' : 'now go to unknown fields'}`,
    });
  }
}
