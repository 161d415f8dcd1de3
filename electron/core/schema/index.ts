/**
 * The schema engine: every way of getting a schema (.proto files, protosets, server reflection,
 * any mix) ends as faithful FileDescriptorProtos in one SchemaRegistry; every view (service tree,
 * templates, JSON Schema, describe) and JSON <-> binary conversion derives from it.
 */
export { SchemaRegistry } from './registry';
export { loadSchema, type LoadSchemaOptions } from './load-schema';
