import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';

/**
 * Removes unknown fields at the top level of a freshly decoded FileDescriptorProto (in place:
 * the caller owns it), where buf's image writes its private extension (field 8042). Unknown
 * fields deeper down are kept on purpose: custom options (google.api.http...) live there.
 */
export function stripUnknownFields(file: FileDescriptorProto): FileDescriptorProto {
  delete (file as { $unknown?: unknown }).$unknown;
  return file;
}
