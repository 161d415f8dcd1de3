import { strToU8, zipSync } from 'fflate';
import { AppError } from '../../../../shared/model/errors';
import type { ExportedFile } from '../../../../shared/model/load';

/** Bytes of a base64 text (a protoset the export carries as binary). */
function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/**
 * The k6 export as one zip, its folders as the script expects them (the script loads its protos
 * by relative path, which separate downloads would lose). A path that would land outside the
 * folder it is unpacked in is refused, whoever wrote it.
 */
export function k6Zip(files: readonly ExportedFile[]): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    if (path.startsWith('/') || /^[a-z]:/i.test(path) || path.split('/').includes('..')) {
      throw new AppError('INTERNAL', `The k6 export named a file outside its folder: ${file.path}`);
    }
    entries[path] = file.encoding === 'base64' ? fromBase64(file.content) : strToU8(file.content);
  }
  return zipSync(entries, { level: 6 });
}
