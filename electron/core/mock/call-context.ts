import type * as grpc from '@grpc/grpc-js';
import { fromBinary, toJson, type DescMessage, type Registry } from '@bufbuild/protobuf';
import type { TemplateContext } from './body-template';
import type { CompiledRule, CompiledStatus } from './compile-rules';
import type { MatchInput } from './match';

/** Bytes a client sent that are not its method's request type; answered INVALID_ARGUMENT. */
export class BadRequestError extends Error {}

/** A request message as rules see it: proto3 JSON with defaults, so `{"count": 0}` matches an unset count. */
export function requestJson(desc: DescMessage, bytes: Buffer, registry: Registry): unknown {
  try {
    return toJson(desc, fromBinary(desc, bytes), { registry, alwaysEmitImplicit: true });
  } catch (err) {
    throw new BadRequestError(`The request is not a valid ${desc.typeName}: ${(err as Error).message}`);
  }
}

/** Metadata with lower-cased keys, every value as text (binary values in base64). */
export function metadataValues(metadata: grpc.Metadata): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) {
    out[key.toLowerCase()] = values.map((v) => (typeof v === 'string' ? v : Buffer.from(v).toString('base64')));
  }
  return out;
}

/** The first rule whose `when` holds, or undefined for the method's default answer. */
export function pickRule(rules: readonly CompiledRule[], input: MatchInput): CompiledRule | undefined {
  return rules.find((r) => r.matches(input));
}

export function templateContext(
  rule: CompiledRule | undefined,
  metadata: Record<string, string[]>,
  now: () => number,
  extra: Partial<TemplateContext>,
): TemplateContext {
  let seq = 0;
  return {
    metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, v[0] ?? ''])),
    vars: rule?.vars ?? {},
    nextSeq: rule?.nextSeq ?? (() => ++seq),
    now,
    ...extra,
  };
}

/** A status as grpc-js sends it, with google.rpc details in grpc-status-details-bin. */
export function statusObject(status: CompiledStatus, metadataCtor: typeof grpc.Metadata): grpc.StatusObject {
  const metadata = new metadataCtor();
  if (status.detailsBin) metadata.set('grpc-status-details-bin', status.detailsBin);
  return { code: status.code, details: status.message, metadata };
}

/** Milliseconds a rule waits: fixed, or uniform in [min, max]. */
export function delayOf(rule: CompiledRule | undefined): number {
  const d = rule?.delay;
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  return d.min + Math.floor(Math.random() * (d.max - d.min + 1));
}
