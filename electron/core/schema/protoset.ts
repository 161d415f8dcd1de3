import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { errorMessage, schemaError } from './errors';
import { stripUnknownFields } from './descriptor-utils';
import { FILE_KINDS, readUserFile } from '../fs/read-user-file';

/**
 * Reads a FileDescriptorSet (protoc --descriptor_set_out, buf build -o). Protobuf's wire format
 * accepts surprising bytes, so beyond "does it decode" we check it looks like descriptors:
 * at least one file, every file named. Random bytes fail one of those checks.
 */
export async function readProtoset(path: string): Promise<FileDescriptorProto[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readUserFile(path, FILE_KINDS.protoset);
  } catch (err) {
    throw schemaError(errorMessage(err), [{ file: path }]);
  }
  return parseProtoset(bytes, path);
}

function parseProtoset(bytes: Uint8Array, label: string): FileDescriptorProto[] {
  const notAProtoset = (why: string) =>
    schemaError(
      `${label} is not a protoset (a binary FileDescriptorSet): ${why}. Create one with \`protoc --include_imports --descriptor_set_out=FILE ...\` or \`buf build -o FILE\`.`,
      [{ file: label }],
    );
  if (bytes.length === 0) throw notAProtoset('the file is empty');
  let files: FileDescriptorProto[];
  try {
    files = fromBinary(FileDescriptorSetSchema, bytes).file;
  } catch (err) {
    throw notAProtoset(`it does not decode (${errorMessage(err)})`);
  }
  if (files.length === 0) throw notAProtoset('it contains no files');
  const unnamed = files.findIndex((f) => !f.name);
  if (unnamed >= 0) throw notAProtoset(`file #${unnamed + 1} has no name`);
  const text = new TextDecoder('utf-8', { fatal: false });
  for (const f of files) {
    // A decoded-but-garbage name (random bytes) contains replacement or control characters.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
    if (/[\uFFFD\u0000-\u001F]/.test(f.name) || text.decode(new TextEncoder().encode(f.name)) !== f.name) {
      throw notAProtoset(`a file name is not text (${JSON.stringify(f.name.slice(0, 40))})`);
    }
  }
  return files.map(stripUnknownFields);
}
