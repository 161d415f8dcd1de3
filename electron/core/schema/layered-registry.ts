import type { DescEnum, DescExtension, DescMessage, DescService, Registry } from '@bufbuild/protobuf';

type TypeDesc = DescMessage | DescEnum | DescExtension | DescService;

/**
 * A registry that answers from `primary` and falls back to `fallback` for what primary lacks, the
 * same answers as createRegistry(fallback, primary) without copying either: copying iterates
 * every type, which links every file of a lazy registry (lazy-registry.ts) on each call.
 */
export function layeredRegistry(primary: Registry, fallback: Registry): Registry {
  const pick = <T>(ask: (r: Registry) => T | undefined): T | undefined => ask(primary) ?? ask(fallback);
  return {
    kind: 'registry',
    *[Symbol.iterator](): IterableIterator<TypeDesc> {
      for (const t of fallback) if (!primary.get(t.typeName)) yield t;
      yield* primary;
    },
    get: (typeName) => pick((r) => r.get(typeName)),
    getMessage: (typeName) => pick((r) => r.getMessage(typeName)),
    getEnum: (typeName) => pick((r) => r.getEnum(typeName)),
    getExtension: (typeName) => pick((r) => r.getExtension(typeName)),
    getService: (typeName) => pick((r) => r.getService(typeName)),
    getExtensionFor: (extendee, no) => pick((r) => r.getExtensionFor(extendee, no)),
  };
}
