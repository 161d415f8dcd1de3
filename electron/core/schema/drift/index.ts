/**
 * Contract drift: compares two schemas (any sources: reflection, .proto files, protosets,
 * snapshots) into findings that say what changed and whom it breaks; saves and reads snapshots.
 */
export { compareSchemas, type CompareOptions, type DriftInput } from './compare';
