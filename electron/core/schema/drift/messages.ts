import type { DescField, DescMessage } from '@bufbuild/protobuf';
import { numbersText, placeOnOther, rangeText, ranges, uncovered, type Context } from './context';
import { addedField, compareField, removedField, renumberedField } from './fields';
import { protoJsonName } from './types';

/** Every message of the base side against its counterpart, and the messages only one side has. */
export function compareMessages(ctx: Context): void {
  const { base, other, findings } = ctx;
  for (const [name, a] of base.messages) {
    const b = other.messages.get(ctx.alias(name));
    if (b) {
      compareMessage(ctx, a, b);
      continue;
    }
    // A nested message goes with its parent: one finding for the parent says it all.
    if (a.parent && !other.messages.has(ctx.alias(a.parent.typeName))) continue;
    findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'PACKAGE_MESSAGE_NO_DELETE',
      base: a,
      other: placeOnOther(ctx, a),
      message: `message ${name} was removed: code that uses it no longer compiles`,
    });
  }
  for (const [name, b] of other.messages) {
    if (base.messages.has(ctx.unalias(name))) continue;
    if (b.parent && !base.messages.has(ctx.unalias(b.parent.typeName))) continue;
    findings.add({
      kind: 'addition',
      category: 'WIRE',
      rule: 'MESSAGE_ADDED',
      other: b,
      message: `message ${name} was added`,
    });
  }
}

function compareMessage(ctx: Context, a: DescMessage, b: DescMessage): void {
  const lossy = ctx.lossy(a, b);
  const byNumber = (m: DescMessage) => new Map(m.fields.map((f) => [f.number, f]));
  const numbersA = byNumber(a);
  const numbersB = byNumber(b);
  // Camel-cased names (protobufjs without keepCase) still name the same field.
  const sameName = (x: DescField, y: DescField) =>
    x.name === y.name || (lossy && protoJsonName(x.name) === protoJsonName(y.name));
  const renumbered = new Set<number>();
  for (const f of a.fields) {
    const g = numbersB.get(f.number);
    if (g) {
      compareField(ctx, f, g, a.typeName);
      continue;
    }
    const moved = b.fields.find((y) => sameName(f, y) && !numbersA.has(y.number));
    if (moved) {
      renumbered.add(moved.number);
      renumberedField(ctx, f, moved);
    } else removedField(ctx, f, b);
  }
  for (const g of b.fields) if (!numbersA.has(g.number) && !renumbered.has(g.number)) addedField(ctx, a, g);

  const used = new Set(b.fields.map((f) => f.number));
  for (const range of uncovered(
    ranges(a.proto.reservedRange, ctx.lossyBase(a)),
    ranges(b.proto.reservedRange, ctx.lossyOther(b)),
    used,
  )) {
    ctx.findings.add({
      kind: 'hygiene',
      category: 'WIRE',
      rule: 'RESERVED_MESSAGE_NO_DELETE',
      base: a,
      other: b,
      message: `${a.typeName} no longer reserves ${numbersText(range)}: a later field could reuse it, and old clients would mis-read that field`,
    });
  }
  const names = new Set(b.fields.map((f) => f.name));
  for (const name of a.proto.reservedName) {
    if (b.proto.reservedName.includes(name) || names.has(name)) continue;
    ctx.findings.add({
      kind: 'hygiene',
      category: 'WIRE_JSON',
      rule: 'RESERVED_MESSAGE_NO_DELETE',
      base: a,
      other: b,
      message: `${a.typeName} no longer reserves the name ${name}: a later field could take it, and JSON clients would confuse the two`,
    });
  }
  for (const oneof of a.oneofs) {
    if (b.oneofs.some((o) => o.name === oneof.name)) continue;
    ctx.findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'ONEOF_NO_DELETE',
      base: oneof,
      other: b,
      message: `the oneof ${oneof.name} of ${a.typeName} was removed: code that uses it no longer compiles`,
    });
  }
  for (const range of uncovered(
    ranges(a.proto.extensionRange, ctx.lossyBase(a)),
    ranges(b.proto.extensionRange, ctx.lossyOther(b)),
    new Set(),
  )) {
    ctx.findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'EXTENSION_MESSAGE_NO_DELETE',
      base: a,
      other: b,
      message: `${a.typeName} no longer accepts extensions ${rangeText(range)}: extensions declared there no longer compile`,
    });
  }
}

/** Extensions by the message they extend and their number. */
export function compareExtensions(ctx: Context): void {
  const key = (extendee: string, n: number) => `${extendee}#${n}`;
  const others = new Map([...ctx.other.extensions.values()].map((x) => [key(x.extendee.typeName, x.number), x]));
  const matched = new Set<string>();
  for (const a of ctx.base.extensions.values()) {
    const k = key(ctx.alias(a.extendee.typeName), a.number);
    const b = others.get(k);
    if (b) {
      matched.add(k);
      compareField(ctx, a, b, a.extendee.typeName);
      continue;
    }
    ctx.findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'PACKAGE_EXTENSION_NO_DELETE',
      base: a,
      other: placeOnOther(ctx, a),
      message: `extension ${a.typeName} (number ${a.number} of ${a.extendee.typeName}) was removed: code that uses it no longer compiles`,
    });
  }
  for (const [k, b] of others) {
    if (matched.has(k)) continue;
    ctx.findings.add({
      kind: 'addition',
      category: 'WIRE',
      rule: 'EXTENSION_ADDED',
      other: b,
      message: `extension ${b.typeName} (number ${b.number} of ${b.extendee.typeName}) was added`,
    });
  }
}
