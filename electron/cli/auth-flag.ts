import { AuthSettingsSchema } from '../../shared/model/auth';
import { AppError } from '../../shared/model/errors';
import type { TargetSettings } from '../../shared/model/target';
import { substituteAuth } from '../../shared/workspace/auth-variables';
import { parseFile } from '../../shared/workspace/json-file';
import { replaceReferences } from '../../shared/workspace/variables';
import { FILE_KINDS, readUserText } from '../core/fs/read-user-file';
import { secretEnvName } from '../core/workspace/secrets';
import { buildTarget, type ConnectionFlags } from './options';

export interface AuthFlag {
  /** `--auth`: the auth settings as JSON, or @file; the same shape as a workspace target's `auth`. */
  auth?: string;
}

/**
 * The target the flags name, with `--auth` applied. {{name}} in the settings is read from
 * LOUPE_SECRET_<NAME>, as `loupe run` reads secret variables, so a client secret need not be
 * typed on a command line (where `ps` and shell history would keep it).
 */
export async function targetWithAuth(
  address: string,
  flags: ConnectionFlags & AuthFlag,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TargetSettings> {
  const target = buildTarget(address, flags);
  if (flags.auth === undefined) return target;
  const fromFile = flags.auth.startsWith('@');
  const label = fromFile ? flags.auth.slice(1) : '--auth';
  const text = fromFile ? await readUserText(label, FILE_KINDS.workspaceFile) : flags.auth;
  const settings = parseFile(AuthSettingsSchema, text, label);
  const auth = substituteAuth(settings, (value, field) =>
    replaceReferences(value, (name) => {
      const envVar = secretEnvName(name);
      const found = env[envVar];
      if (!found) throw new AppError('VALIDATION', `${label}: ${field} uses {{${name}}}: set ${envVar}`);
      return found;
    }),
  );
  return { ...target, ...(auth ? { auth } : {}) };
}
