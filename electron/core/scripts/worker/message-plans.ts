import type { DescEnum, DescField, DescMessage, Registry } from '@bufbuild/protobuf';
import {
  Presence,
  type EnumPlan,
  type FieldPlan,
  type MessagePlans,
  type TypePlan,
  type ValuePlan,
  type WellKnown,
} from '../message-plan';

/** @bufbuild/protobuf's FeatureSet.FieldPresence values. */
const IMPLICIT: number = 2;
const LEGACY_REQUIRED: number = 3;

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (n) => `google.protobuf.${n}Value`,
  ),
);
const WELL_KNOWN: Record<string, WellKnown> = {
  'google.protobuf.Timestamp': 'timestamp',
  'google.protobuf.Duration': 'duration',
  'google.protobuf.Struct': 'struct',
  'google.protobuf.Value': 'value',
  'google.protobuf.ListValue': 'list',
  'google.protobuf.FieldMask': 'fieldmask',
};
/** Well-known types whose JSON the printer may refuse (out of range, NaN, no kind, odd names). */
const REFUSABLE = new Set<WellKnown>(['timestamp', 'duration', 'struct', 'value', 'list', 'fieldmask']);

/**
 * The sandbox's reading plans for `root` and every type it reaches, or undefined when the
 * received messages are better printed whole by @bufbuild/protobuf (worker/decode-messages.ts):
 * an Any (its contents need the whole registry) or a type the registry has extensions of (the
 * printer shows them by name), anywhere inside.
 */
export function messagePlans(root: DescMessage, registry: Registry): MessagePlans | undefined {
  const extended = new Set<string>();
  for (const t of registry) if (t.kind === 'extension') extended.add(t.extendee.typeName);
  const types: TypePlan[] = [];
  const enums: EnumPlan[] = [];
  const typeIndex = new Map<string, number>();
  const enumIndex = new Map<string, number>();
  let lazyable = true;

  const enumOf = (e: DescEnum): number => {
    let i = enumIndex.get(e.typeName);
    if (i === undefined) {
      i = enums.length;
      enumIndex.set(e.typeName, i);
      enums.push({
        names: Object.fromEntries(e.values.map((v) => [String(v.number), v.jsonName])),
        closed: !e.open,
        isNull: e.typeName === 'google.protobuf.NullValue',
        zero: e.values[0]!.number,
      });
    }
    return i;
  };

  const typeOf = (desc: DescMessage): number => {
    let i = typeIndex.get(desc.typeName);
    if (i !== undefined) return i;
    if (desc.typeName === 'google.protobuf.Any' || extended.has(desc.typeName)) lazyable = false;
    i = types.length;
    typeIndex.set(desc.typeName, i);
    const wellKnown = WRAPPERS.has(desc.typeName) ? 'wrapper' : WELL_KNOWN[desc.typeName];
    const plan: TypePlan = { typeName: desc.typeName, fields: [], mayFail: false, ...(wellKnown ? { wellKnown } : {}) };
    types.push(plan); // before its fields: recursive types find it
    const sorted = desc.fields.concat().sort((a, b) => a.number - b.number);
    plan.fields = sorted.map((f) => fieldPlan(f));
    return i;
  };

  const valuePlan = (f: DescField): ValuePlan => {
    const kind = f.fieldKind === 'list' ? f.listKind : f.fieldKind === 'map' ? f.mapKind : f.fieldKind;
    if (kind === 'message') {
      const message = f.message!;
      return {
        kind,
        message: typeOf(message),
        ...((f as { delimitedEncoding?: boolean }).delimitedEncoding ? { group: true } : {}),
      };
    }
    if (kind === 'enum') return { kind, enum: enumOf(f.enum!) };
    return { kind: 'scalar', scalar: f.scalar! };
  };

  const fieldPlan = (f: DescField): FieldPlan => {
    const shape = f.fieldKind === 'list' ? 'list' : f.fieldKind === 'map' ? 'map' : 'singular';
    const presence =
      shape !== 'singular' || ((f.presence as number) === IMPLICIT && !f.oneof)
        ? Presence.IMPLICIT
        : (f.presence as number) === LEGACY_REQUIRED
          ? Presence.REQUIRED
          : Presence.EXPLICIT;
    return {
      number: f.number,
      key: f.jsonName,
      shape,
      presence,
      ...valuePlan(f),
      ...(f.oneof ? { oneof: f.parent.oneofs.indexOf(f.oneof) } : {}),
      ...(f.fieldKind === 'map' ? { mapKey: f.mapKey } : {}),
      ...(presence === Presence.REQUIRED
        ? { requiredError: `cannot encode ${String(f)} to JSON: required field not set` }
        : {}),
    };
  };

  const root_ = typeOf(root);
  if (!lazyable) return undefined;
  markRefusable(types);
  return { types, enums, root: root_ };
}

/** Marks the fields whose value the printer may refuse, through any depth (to a fixed point). */
function markRefusable(types: TypePlan[]): void {
  for (const t of types)
    t.mayFail = (t.wellKnown && REFUSABLE.has(t.wellKnown)) || t.fields.some((f) => f.presence === Presence.REQUIRED);
  for (let changed = true; changed;) {
    changed = false;
    for (const t of types)
      for (const f of t.fields) {
        if (f.mayFail || f.message === undefined || !types[f.message]!.mayFail) continue;
        f.mayFail = true;
        if (!t.mayFail) t.mayFail = true;
        changed = true;
      }
  }
}
