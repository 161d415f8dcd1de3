/**
 * The schema engine: every way of getting a schema (.proto files, protosets, server reflection,
 * any mix) ends as faithful FileDescriptorProtos in one SchemaRegistry; every view (service tree,
 * templates, JSON Schema, describe) and JSON <-> binary conversion derives from it.
 */
export { SchemaRegistry } from './registry';
export { compileProtoFiles } from './compile-protos';
export { resolveProtoLayout, parseImports } from './proto-imports';
export { readProtoset, parseProtoset } from './protoset';
export { reflectSchema, type ReflectOptions, type ReflectedSchema, type ReflectionVersion } from './reflection-client';
export { readReflectionCache, writeReflectionCache, type CachedReflection } from './reflection-cache';
export { loadSchema, type LoadSchemaOptions } from './load-schema';
export { resolveBufBinary } from './buf-binary';
export type { JsonReadOpts, JsonWriteOpts } from './json-codec';
export type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
