import type { DescMethod, DescService } from '@bufbuild/protobuf';
import { placeOnOther, type Context } from './context';

/*
 * A removed service or method is breaking on the wire here, where Buf files it under PACKAGE
 * (generated code): Buf compares files in a repository, Loupe also compares live servers, and a
 * client calling a method the server no longer has fails with UNIMPLEMENTED at run time. The
 * method's path is as much a part of the wire contract as a field number.
 */

/** Every service of the base side against its counterpart, and the services only one side has. */
export function compareServices(ctx: Context): void {
  const { base, other, findings } = ctx;
  for (const [name, a] of base.services) {
    const b = other.services.get(ctx.alias(name));
    if (b) {
      compareMethods(ctx, a, b);
      continue;
    }
    const methods = a.methods.map((m) => m.name);
    findings.add({
      kind: 'breaking-wire',
      category: 'WIRE',
      rule: 'SERVICE_NO_DELETE',
      base: a,
      other: placeOnOther(ctx, a),
      message: `service ${name} was removed: calls to its ${methods.length === 1 ? 'method' : `${methods.length} methods`} (${methods.join(', ')}) fail with UNIMPLEMENTED`,
    });
  }
  for (const [name, b] of other.services) {
    if (base.services.has(ctx.unalias(name))) continue;
    findings.add({
      kind: 'addition',
      category: 'WIRE',
      rule: 'SERVICE_ADDED',
      other: b,
      message: `service ${name} was added`,
    });
  }
}

const KIND_TEXT: Record<DescMethod['methodKind'], string> = {
  unary: 'unary',
  server_streaming: 'server streaming',
  client_streaming: 'client streaming',
  bidi_streaming: 'bidirectional streaming',
};

function compareMethods(ctx: Context, a: DescService, b: DescService): void {
  const { findings } = ctx;
  for (const m of a.methods) {
    const n = b.methods.find((x) => x.name === m.name);
    const path = `${a.typeName}/${m.name}`;
    if (!n) {
      findings.add({
        kind: 'breaking-wire',
        category: 'WIRE',
        rule: 'RPC_NO_DELETE',
        base: m,
        other: b,
        message: `method ${path} was removed: calls to it fail with UNIMPLEMENTED`,
      });
      continue;
    }
    const wire = (rule: string, message: string, detail?: number[]) =>
      findings.add({ kind: 'breaking-wire', category: 'WIRE', rule, base: m, other: n, message, detail });
    if (ctx.alias(m.input.typeName) !== n.input.typeName)
      wire(
        'RPC_SAME_REQUEST_TYPE',
        `method ${path} took ${m.input.typeName}, now takes ${n.input.typeName}: requests are read as another message`,
      );
    if (ctx.alias(m.output.typeName) !== n.output.typeName)
      wire(
        'RPC_SAME_RESPONSE_TYPE',
        `method ${path} returned ${m.output.typeName}, now returns ${n.output.typeName}: responses are read as another message`,
      );
    if (m.methodKind !== n.methodKind) {
      const clientChanged =
        (m.methodKind === 'client_streaming' || m.methodKind === 'bidi_streaming') !==
        (n.methodKind === 'client_streaming' || n.methodKind === 'bidi_streaming');
      wire(
        clientChanged ? 'RPC_SAME_CLIENT_STREAMING' : 'RPC_SAME_SERVER_STREAMING',
        `method ${path} was ${KIND_TEXT[m.methodKind]}, is now ${KIND_TEXT[n.methodKind]}: clients built for one kind of call cannot make the other`,
      );
    }
    const level = (x: DescMethod) => x.proto.options?.idempotencyLevel ?? 0;
    if (!ctx.lossy(m, n) && level(m) !== level(n))
      wire(
        'RPC_SAME_IDEMPOTENCY_LEVEL',
        `method ${path} changed its idempotency level: clients that retry it or send it as GET behave differently`,
        [4, 34], // MethodDescriptorProto.options, MethodOptions.idempotency_level
      );
  }
  for (const n of b.methods) {
    if (a.methods.some((m) => m.name === n.name)) continue;
    findings.add({
      kind: 'addition',
      category: 'WIRE',
      rule: 'RPC_ADDED',
      base: a,
      other: n,
      subject: n,
      message: `method ${b.typeName}/${n.name} was added`,
    });
  }
}
