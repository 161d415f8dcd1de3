/**
 * Received messages as scripts see them: objects that read as the message's proto3 JSON (every
 * field, defaults included), decoded from the wire bytes one field at a time, on first read.
 * A stream whose hook reads `tick.seq` decodes that field and nothing else of each message.
 *
 * Each message is a Proxy over an empty plain object, so what a script can observe is what the
 * parsed JSON would show: the keys (`Object.keys`, `in`, spread, JSON.stringify, chai's deep
 * equality) in the printer's order and with its presence rules, the values (int64 as decimal
 * text, bytes as base64, enums by name, well-known types in their JSON form), and writes and
 * deletes like any object's: the first operation that is not a read of a field (a write, a
 * delete, a freeze, a descriptor defined) copies every field into the object, and from then on
 * the Proxy only forwards. A message the printer refuses (a Timestamp out of range, a required
 * field missing, a Value without a kind) is the same `@loupe.error` object the eager printer made
 * (calls/codec.ts): fields that can fail are read when the message is made.
 */
import { Presence, Scalar, type EnumPlan, type FieldPlan, type MessagePlans, type TypePlan } from '../message-plan';
import { base64Text, readScalar, skipScalar, WireText, zeroJson, zeroKey } from './wire-text';
import { checkTimestamp, wellKnownJson } from './well-known-json';

const NONE: number[] = [];

/** Where one field is on the wire: [position after the tag, wire type, ...] per occurrence. */
type Occurrences = number[];

interface RuntimeType extends TypePlan {
  /** JSON key -> field index. */
  slotOf: Record<string, number>;
  /** Field number -> field index. */
  slotByNumber: Map<number, number>;
  oneofCount: number;
}

export class MessageReader {
  readonly types: RuntimeType[];
  readonly enums: EnumPlan[];

  constructor(readonly plans: MessagePlans) {
    this.enums = plans.enums;
    this.types = plans.types.map((t) => {
      const slotOf = Object.create(null) as Record<string, number>;
      const slotByNumber = new Map<number, number>();
      let oneofCount = 0;
      t.fields.forEach((f, i) => {
        slotOf[f.key] = i;
        slotByNumber.set(f.number, i);
        if (f.oneof !== undefined) oneofCount = Math.max(oneofCount, f.oneof + 1);
      });
      return { ...t, slotOf, slotByNumber, oneofCount };
    });
  }

  /** One received message (`s` from `start` to `end`), or the printer's error object. */
  message(s: string, start: number, end: number): unknown {
    try {
      return this.make(this.plans.root, s, [start, end]);
    } catch (err) {
      return {
        '@loupe.error': `cannot print ${this.types[this.plans.root]!.typeName} as JSON: ${(err as Error).message}`,
        '@loupe.base64': base64Text(s, start, end),
      };
    }
  }

  /**
   * A batch from the worker: message sizes, and Latin-1 strings of whole messages, a string
   * ending where the next message would not fit (worker/script-worker.ts).
   */
  batch(sizes: string, chunks: string[]): unknown[] {
    const list: unknown[] = [];
    let chunk = 0;
    let offset = 0;
    for (const text of sizes.split(',')) {
      const size = Number(text);
      if (offset + size > chunks[chunk]!.length) {
        chunk++;
        offset = 0;
      }
      list.push(this.message(chunks[chunk]!, offset, offset + size));
      offset += size;
    }
    return list;
  }

  /** A message of type `type` from its segments ([start, end) pairs, read as one: merged occurrences). */
  make(type: number, s: string, segments: number[]): unknown {
    const plan = this.types[type]!;
    const handler = new LazyMessage(this, plan, s, segments);
    if (plan.wellKnown) return wellKnownJson(plan, handler.fieldValues());
    if (plan.mayFail) handler.check();
    return new Proxy({}, handler);
  }

  enumJson(index: number, value: number): unknown {
    const e = this.enums[index]!;
    if (e.isNull) return null;
    return e.names[value] ?? value;
  }
}

class LazyMessage implements ProxyHandler<object> {
  private at: Array<Occurrences | undefined> | undefined;
  private winners: number[] | undefined;
  /** Field values read so far, by slot (a hole: not read yet). */
  private readonly values: unknown[] = [];
  private copied = false;

  constructor(
    private readonly reader: MessageReader,
    private readonly type: RuntimeType,
    private readonly s: string,
    private readonly segments: number[],
  ) {}

  // ----- Proxy traps -----

  get(target: object, key: string | symbol, receiver: unknown): unknown {
    if (!this.copied && typeof key === 'string') {
      const slot = this.type.slotOf[key];
      if (slot !== undefined && this.present(slot)) return this.value(slot);
    }
    return Reflect.get(target, key, receiver);
  }

  has(target: object, key: string | symbol): boolean {
    if (!this.copied && typeof key === 'string') {
      const slot = this.type.slotOf[key];
      if (slot !== undefined && this.present(slot)) return true;
    }
    return Reflect.has(target, key);
  }

  ownKeys(target: object): Array<string | symbol> {
    if (this.copied) return Reflect.ownKeys(target);
    return this.type.fields.filter((_, slot) => this.present(slot)).map((f) => f.key);
  }

  getOwnPropertyDescriptor(target: object, key: string | symbol): PropertyDescriptor | undefined {
    if (!this.copied && typeof key === 'string') {
      const slot = this.type.slotOf[key];
      if (slot !== undefined && this.present(slot))
        return { value: this.value(slot), writable: true, enumerable: true, configurable: true };
    }
    return Reflect.getOwnPropertyDescriptor(target, key);
  }

  set(target: object, key: string | symbol, value: unknown, receiver: unknown): boolean {
    this.copy(target);
    return Reflect.set(target, key, value, receiver);
  }

  defineProperty(target: object, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    this.copy(target);
    return Reflect.defineProperty(target, key, descriptor);
  }

  deleteProperty(target: object, key: string | symbol): boolean {
    this.copy(target);
    return Reflect.deleteProperty(target, key);
  }

  preventExtensions(target: object): boolean {
    this.copy(target);
    return Reflect.preventExtensions(target);
  }

  setPrototypeOf(target: object, proto: object | null): boolean {
    this.copy(target);
    return Reflect.setPrototypeOf(target, proto);
  }

  /** Makes the fields own properties of the target, in order; the Proxy only forwards after. */
  private copy(target: object): void {
    if (this.copied) return;
    this.type.fields.forEach((f, slot) => {
      if (this.present(slot))
        Object.defineProperty(target, f.key, {
          value: this.value(slot),
          writable: true,
          enumerable: true,
          configurable: true,
        });
    });
    this.copied = true;
  }

  // ----- fields -----

  /** Reads what the printer would refuse now, so that the message is the error object instead. */
  check(): void {
    this.type.fields.forEach((f, slot) => {
      if (!this.present(slot)) {
        if (f.presence === Presence.REQUIRED) throw new Error(f.requiredError);
      } else if (f.mayFail) {
        // A Timestamp is checked now and printed when read; the rest is read now.
        if (f.shape === 'singular' && f.kind === 'message' && !(slot in this.values)) {
          const type = this.reader.types[f.message!]!;
          if (type.wellKnown === 'timestamp') {
            checkTimestamp(type, this.s, this.segmentsOf(f, this.layout()[0][slot]!));
            return;
          }
        }
        this.value(slot);
      }
    });
  }

  /** Every field present, as the JSON object (for the well-known types' own forms). */
  fieldValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.type.fields.forEach((f, slot) => {
      if (this.present(slot)) out[f.key] = this.value(slot);
    });
    return out;
  }

  private present(slot: number): boolean {
    const f = this.type.fields[slot]!;
    if (f.shape !== 'singular') return true;
    if (f.oneof !== undefined) return this.layout()[1][f.oneof] === slot;
    if (f.presence === Presence.IMPLICIT) return true;
    return this.layout()[0][slot] !== undefined;
  }

  private value(slot: number): unknown {
    if (slot in this.values) return this.values[slot];
    const v = this.decode(this.type.fields[slot]!, this.layout()[0][slot] ?? NONE);
    this.values[slot] = v;
    return v;
  }

  private decode(f: FieldPlan, at: Occurrences): unknown {
    const { reader, s } = this;
    if (f.shape === 'map') return this.map(f, at);
    if (f.shape === 'list') {
      const out: unknown[] = [];
      for (let i = 0; i < at.length; i += 2) {
        if (f.kind === 'message') out.push(reader.make(f.message!, s, this.segment(f, at[i]!)));
        else if (at[i + 1] === 2 && f.scalar !== Scalar.STRING && f.scalar !== Scalar.BYTES)
          this.packed(f, at[i]!, out);
        else out.push(this.one(f, this.wire(at[i]!)));
      }
      return out;
    }
    if (f.kind === 'message') return reader.make(f.message!, s, this.segmentsOf(f, at));
    if (!at.length) return f.kind === 'enum' ? reader.enumJson(f.enum!, reader.enums[f.enum!]!.zero) : zeroJson(f);
    return this.one(f, this.wire(at[at.length - 2]!));
  }

  private one(f: { kind: string; scalar?: number; enum?: number }, r: WireText): unknown {
    if (f.kind === 'enum') return this.reader.enumJson(f.enum!, r.uint32() | 0);
    return readScalar(r, f.scalar!);
  }

  /** A packed run at `pos`, read as @bufbuild/protobuf reads it (until past its end). */
  private packed(f: FieldPlan, pos: number, out: unknown[]): void {
    const r = this.wire(pos);
    const len = r.uint32();
    const end = r.pos + len;
    while (r.pos < end) out.push(this.one(f, r));
  }

  private map(f: FieldPlan, at: Occurrences): Record<string, unknown> {
    const { reader, s } = this;
    // Keys first, then values in the order of the object's keys: the order the printer reads them.
    const entries: Record<string, unknown> = {};
    const raw = new Map<string, { value?: unknown; segments?: number[] }>();
    for (let i = 0; i < at.length; i += 2) {
      const r = this.wire(at[i]!);
      const len = r.uint32();
      const end = r.pos + len;
      let key: string | number | boolean | undefined;
      let value: unknown;
      let segments: number[] | undefined;
      while (r.pos < end) {
        const tag = r.tag();
        if (tag >>> 3 === 1) key = readScalar(r, f.mapKey!);
        else if (tag >>> 3 === 2) {
          if (f.kind === 'message') {
            const start = r.delimited();
            (segments ??= []).push(start, r.pos);
          } else value = this.one(f, r);
        } else r.skip(tag & 7, tag >>> 3);
      }
      const name = String(key ?? zeroKey(f.mapKey!));
      Object.defineProperty(entries, name, { value: 0, writable: true, enumerable: true, configurable: true });
      raw.set(name, f.kind === 'message' ? { segments: segments ?? [] } : { value });
    }
    for (const name of Object.keys(entries)) {
      const entry = raw.get(name)!;
      const value =
        f.kind === 'message'
          ? reader.make(f.message!, s, entry.segments!)
          : entry.value !== undefined
            ? entry.value
            : f.kind === 'enum'
              ? reader.enumJson(f.enum!, reader.enums[f.enum!]!.zero)
              : zeroJson(f);
      Object.defineProperty(entries, name, { value, writable: true, enumerable: true, configurable: true });
    }
    return entries;
  }

  private wire(pos: number): WireText {
    return new WireText(this.s, pos, this.s.length);
  }

  /** A singular message field's occurrences, merged. */
  private segmentsOf(f: FieldPlan, at: Occurrences): number[] {
    const segments: number[] = [];
    for (let i = 0; i < at.length; i += 2) {
      const [start, end] = this.segment(f, at[i]!);
      segments.push(start, end);
    }
    return segments;
  }

  /** A message field's value at `pos` (after its tag) as [start, end) of its fields. */
  private segment(f: FieldPlan, pos: number): [number, number] {
    const r = this.wire(pos);
    if (f.group) return [pos, this.groupEnd(f, r)];
    const start = r.delimited();
    return [start, r.pos];
  }

  /** Reads past a group of `f`'s type as the decoder does; returns where its end tag starts. */
  private groupEnd(f: FieldPlan, r: WireText): number {
    const type = this.reader.types[f.message!]!;
    for (;;) {
      const before = r.pos;
      const tag = r.tag();
      if ((tag & 7) === 4) {
        if (tag >>> 3 !== f.number) throw new Error('invalid end group tag');
        return before;
      }
      const slot = type.slotByNumber.get(tag >>> 3);
      if (slot === undefined) r.skip(tag & 7, tag >>> 3);
      else this.skipOccurrence(type.fields[slot]!, r, tag & 7);
    }
  }

  /** Skips one occurrence of `f` as the decoder reads it (by the field's type, not the wire type). */
  skipOccurrence(f: FieldPlan, r: WireText, wireType: number): void {
    if (f.shape === 'map') {
      const len = r.uint32();
      const end = r.pos + len;
      while (r.pos < end) {
        const tag = r.tag();
        if (tag >>> 3 === 1) skipScalar(r, f.mapKey!);
        else if (tag >>> 3 === 2) {
          if (f.kind === 'message') r.delimited();
          else if (f.kind === 'enum') r.uint32();
          else skipScalar(r, f.scalar!);
        } else r.skip(tag & 7, tag >>> 3);
      }
    } else if (f.kind === 'message') {
      if (f.group) this.groupEnd(f, r);
      else r.delimited();
    } else if (f.shape === 'list' && wireType === 2 && f.scalar !== Scalar.STRING && f.scalar !== Scalar.BYTES) {
      const len = r.uint32();
      const end = r.pos + len;
      while (r.pos < end) {
        if (f.kind === 'enum') r.uint32();
        else skipScalar(r, f.scalar!);
      }
    } else if (f.kind === 'enum') r.uint32();
    else skipScalar(r, f.scalar!);
  }

  /** Where each field is: scanned once, on the first question about the message. */
  private layout(): [Array<Occurrences | undefined>, number[]] {
    if (this.at) return [this.at, this.winners!];
    const at: Array<Occurrences | undefined> = [];
    const winners: number[] = this.type.oneofCount ? new Array<number>(this.type.oneofCount).fill(-1) : NONE;
    const { fields } = this.type;
    for (let k = 0; k < this.segments.length; k += 2) {
      const r = new WireText(this.s, this.segments[k]!, this.segments[k + 1]!);
      while (r.pos < r.end) {
        const tag = r.tag();
        const number = tag >>> 3;
        const slot = this.type.slotByNumber.get(number);
        if (slot === undefined) {
          r.skip(tag & 7, number);
          continue;
        }
        const f = fields[slot]!;
        const pos = r.pos;
        if (f.kind === 'enum' && f.shape === 'singular' && this.reader.enums[f.enum!]!.closed) {
          // A value the closed enum lacks is an unknown field, not a value.
          const value = r.uint32() | 0;
          if (this.reader.enums[f.enum!]!.names[value] === undefined) continue;
        } else this.skipOccurrence(f, r, tag & 7);
        if (f.oneof !== undefined && winners[f.oneof] !== slot) {
          // Another member came between: this one starts over.
          winners[f.oneof] = slot;
          at[slot] = undefined;
        }
        (at[slot] ??= []).push(pos, tag & 7);
      }
    }
    this.at = at;
    this.winners = winners;
    return [at, winners];
  }
}
