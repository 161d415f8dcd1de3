import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import { displayPath } from './layout';

const inside = (path: string, folder: string) => {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Refuses to write `path` when `folder`, where it lands, is really elsewhere: a `requests/`
 * subfolder may be a symbolic link (in a cloned repository, anyone's), and following it would
 * write outside the workspace. Checks the deepest part of the path that exists, before any
 * folder is created, so nothing is made outside either. The file itself may be a link: writes
 * replace it by rename, they do not follow it.
 */
export async function checkInsideWorkspace(root: string, path: string, folder = dirname(path)): Promise<void> {
  const realRoot = await realpath(root);
  let probe = folder;
  for (;;) {
    let real: string;
    try {
      real = await realpath(probe);
    } catch (err) {
      const parent = dirname(probe);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === probe) throw err;
      probe = parent;
      continue;
    }
    if (inside(real, realRoot)) return;
    throw new AppError(
      'VALIDATION',
      `Cannot write ${displayPath(root, path)}: ${displayPath(root, probe) || '.'} leads outside the workspace folder (to ${real}). Loupe writes only inside the workspace.`,
      {
        details: { path, outside: real },
      },
    );
  }
}
