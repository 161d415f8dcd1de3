import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { authError } from './auth-error';

/** A key file's text, bounded and async; an unreadable one says where and what to do. */
export async function readKeyFile(path: string, what: string): Promise<string> {
  try {
    return await readUserText(path, FILE_KINDS.authKey);
  } catch (err) {
    throw authError(
      'key-file',
      `the ${what} could not be read at ${path}: ${err instanceof UserFileError ? err.why : (err as Error).message}`,
      'Fix the key file path in the target’s Auth settings (relative paths start at the workspace folder)',
    );
  }
}
