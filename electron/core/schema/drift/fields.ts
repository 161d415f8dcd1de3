import { ScalarType, type DescMessage } from '@bufbuild/protobuf';
import { inRanges, ranges, type Context } from './context';
import {
  declText,
  effectiveJsonName,
  isRequired,
  protoJsonName,
  typeChanges,
  worst,
  type AnyField,
  type Aspect,
} from './types';

/**
 * One field (or extension) present on both sides under one number: every way it changed, as one
 * finding led by the change that breaks the most (wire, then JSON, then source).
 */
export function compareField(ctx: Context, a: AnyField, b: AnyField, owner: string): void {
  const lossy = ctx.lossy(a, b);
  const aspects: Aspect[] = typeChanges(a, b, ctx.alias, !lossy);
  const oneofA = a.kind === 'field' ? a.oneof?.name : undefined;
  const oneofB = b.kind === 'field' ? b.oneof?.name : undefined;
  if (oneofA !== oneofB) {
    // Joining or leaving a oneof also changes presence; the oneof is the change that matters.
    const presence = aspects.findIndex((x) => x.rule === 'FIELD_SAME_CARDINALITY');
    if (presence >= 0) aspects.splice(presence, 1);
    aspects.push({
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'FIELD_SAME_ONEOF',
      why:
        oneofA === undefined
          ? `it moved into the oneof ${oneofB}: setting another member of it now clears this field`
          : oneofB === undefined
            ? `it moved out of the oneof ${oneofA}: it no longer clears the other members, nor they it`
            : `it moved from the oneof ${oneofA} to the oneof ${oneofB}`,
    });
  }
  const sameName = a.name === b.name || (lossy && protoJsonName(a.name) === protoJsonName(b.name));
  // An empty json_name means the side did not say (lossy reflection): nothing to compare.
  const jsonKnown =
    !lossy && a.kind === 'field' && b.kind === 'field' && a.proto.jsonName !== '' && b.proto.jsonName !== '';
  const jsonChanged = jsonKnown && effectiveJsonName(a) !== effectiveJsonName(b);
  if (!sameName) {
    aspects.push({
      kind: 'breaking-json',
      category: 'WIRE_JSON',
      rule: 'FIELD_SAME_NAME',
      why:
        jsonKnown && !jsonChanged
          ? 'it was renamed (its JSON name is unchanged): clients that use proto names in JSON or text format break'
          : 'it was renamed: JSON clients read and write it under another key',
    });
  } else if (jsonChanged) {
    aspects.push({
      kind: 'breaking-json',
      category: 'WIRE_JSON',
      rule: 'FIELD_SAME_JSON_NAME',
      why: `its JSON name changed from ${effectiveJsonName(a)} to ${effectiveJsonName(b)}: JSON clients read and write it under another key`,
    });
  }
  if (!lossy) aspects.push(...optionChanges(a, b));
  const lead = worst(aspects);
  if (!lead) return;
  const before = declText(a, jsonKnown);
  const after = declText(b, jsonKnown);
  const what = `${a.kind === 'extension' ? 'extension' : 'field'} ${a.number} of ${owner}`;
  const whys = [lead, ...aspects.filter((x) => x !== lead)].map((x) => x.why).join('; ');
  ctx.findings.add({
    kind: lead.kind,
    category: lead.category,
    rule: lead.rule,
    base: a,
    other: b,
    message:
      before === after ? `${what} (\`${before}\`): ${whys}` : `${what} was \`${before}\`, is now \`${after}\`: ${whys}`,
  });
}

/** Defaults and the options that change generated code, as Buf checks them. */
function optionChanges(a: AnyField, b: AnyField): Aspect[] {
  const out: Aspect[] = [];
  if (a.proto.defaultValue !== b.proto.defaultValue) {
    const show = (v: string | undefined) => (v ? v : 'the type default');
    out.push({
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'FIELD_SAME_DEFAULT',
      why: `readers that receive no value now see ${show(b.proto.defaultValue)} instead of ${show(a.proto.defaultValue)}`,
    });
  }
  const source = (rule: string, why: string): Aspect => ({ kind: 'breaking-source', category: 'PACKAGE', rule, why });
  if ((a.proto.options?.jstype ?? 0) !== (b.proto.options?.jstype ?? 0))
    out.push(source('FIELD_SAME_JSTYPE', 'its jstype changed (JavaScript code reads it as another type)'));
  if ((a.proto.options?.ctype ?? 0) !== (b.proto.options?.ctype ?? 0))
    out.push(source('FIELD_SAME_CPP_STRING_TYPE', 'its ctype changed (C++ code changes type)'));
  if (a.scalar === ScalarType.STRING && b.scalar === ScalarType.STRING && a.utf8Validation !== b.utf8Validation)
    out.push(
      source(
        'FIELD_SAME_UTF8_VALIDATION',
        b.utf8Validation ? 'its text is now checked for valid UTF-8' : 'its text is no longer checked for valid UTF-8',
      ),
    );
  return out;
}

/** A field of `from` with no field under its number in `to`: removed, or moved to another number. */
export function removedField(ctx: Context, f: AnyField & { kind: 'field' }, to: DescMessage): void {
  const lossy = ctx.lossy(f, to);
  const decl = declText(f, false);
  const what = `field ${f.number} of ${f.parent.typeName} (\`${decl}\`)`;
  if (isRequired(f) && !lossy) {
    ctx.findings.add({
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'MESSAGE_SAME_REQUIRED_FIELDS',
      base: f,
      other: to,
      message: `${what} was removed though it was required: old readers refuse the messages that now lack it`,
    });
  } else {
    ctx.findings.add({
      kind: 'breaking-source',
      category: 'PACKAGE',
      rule: 'FIELD_NO_DELETE',
      base: f,
      other: to,
      message: `${what} was removed: code that uses it no longer compiles`,
    });
  }
  const numberKept = inRanges(f.number, ranges(to.proto.reservedRange, ctx.lossyOther(to)));
  const nameKept = to.proto.reservedName.includes(f.name);
  if (numberKept && nameKept) return;
  const missing = !numberKept && !nameKept ? 'its number and name' : !numberKept ? 'its number' : 'its name';
  ctx.findings.add({
    kind: 'hygiene',
    category: numberKept ? 'WIRE_JSON' : 'WIRE',
    rule: numberKept ? 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED' : 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED',
    base: f,
    other: to,
    message: `${what} was removed without reserving ${missing}: a later field could reuse ${numberKept ? 'it, and JSON clients would confuse the two' : 'it, and old clients would mis-read that field'}`,
  });
}

/** A field that moved to another number: old clients write the old number, which the other side ignores. */
export function renumberedField(ctx: Context, a: AnyField & { kind: 'field' }, b: AnyField): void {
  ctx.findings.add({
    kind: 'breaking-wire',
    category: 'WIRE',
    rule: 'FIELD_SAME_NUMBER',
    base: a,
    other: b,
    message: `field \`${declText(a, false)}\` of ${a.parent.typeName} moved from number ${a.number} to ${b.number}: each side ignores what the other writes under its number`,
  });
}

/** A field only the other side has: an addition, unless it is required or takes a reserved number or name. */
export function addedField(ctx: Context, from: DescMessage, b: AnyField & { kind: 'field' }): void {
  const lossy = ctx.lossy(from, b);
  const what = `field ${b.number} of ${b.parent.typeName} (\`${declText(b, false)}\`)`;
  const add = (kind: Aspect['kind'], category: Aspect['category'], rule: string, message: string) =>
    ctx.findings.add({ kind, category, rule, base: from, other: b, subject: b, message });
  if (isRequired(b) && !lossy)
    add(
      'breaking-wire',
      'WIRE',
      'MESSAGE_SAME_REQUIRED_FIELDS',
      `${what} was added as required: readers refuse messages from old writers, which lack it`,
    );
  else if (inRanges(b.number, ranges(from.proto.reservedRange, ctx.lossyBase(from))))
    add(
      'breaking-wire',
      'WIRE',
      'RESERVED_MESSAGE_NO_DELETE',
      `${what} takes the number ${b.number}, which ${from.typeName} reserved: data written under the old field is mis-read`,
    );
  else if (from.proto.reservedName.includes(b.name))
    add(
      'breaking-json',
      'WIRE_JSON',
      'RESERVED_MESSAGE_NO_DELETE',
      `${what} takes the name ${b.name}, which ${from.typeName} reserved: JSON written for the old field is mis-read`,
    );
  else add('addition', 'WIRE', 'FIELD_ADDED', `${what} was added`);
}
