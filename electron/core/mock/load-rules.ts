import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import { parseFile } from '../../../shared/workspace/json-file';
import { FILE_KINDS, readUserText } from '../fs/read-user-file';
import type { SchemaRegistry } from '../schema/registry';
import { compileRuleFile, type CompiledRule } from './compile-rules';
import { RuleFileSchema } from './rule-format';

export interface LoadedRules {
  /** By gRPC path (`/pkg.Service/Method`), in file-name order, each file's rules in order. */
  byPath: Map<string, CompiledRule[]>;
  /** Files read and compiled. */
  files: string[];
  /** Files left out, each message naming the file and the field: the rest is still served. */
  problems: string[];
}

/** A folder with more rule files than this is more likely a wrong folder than a mock. */
const MAX_RULE_FILES = 10_000;

/**
 * Reads every `*.json` in a rules folder (not below it) and compiles it against the schema. A
 * file that does not parse or fit is reported and left out; one bad file never stops the mock.
 * A missing folder is an error: the user named it.
 */
export async function loadRules(dir: string, schema: SchemaRegistry, labelBase = process.cwd()): Promise<LoadedRules> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.name.endsWith('.json') && !e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'ENOTDIR' ? 'it is not a folder' : String(err);
    throw new AppError('VALIDATION', `Cannot read the mock rules folder ${dir}: ${why}`);
  }
  if (names.length > MAX_RULE_FILES) {
    throw new AppError(
      'VALIDATION',
      `The mock rules folder ${dir} holds ${names.length} files, over ${MAX_RULE_FILES}`,
    );
  }
  const out: LoadedRules = { byPath: new Map(), files: [], problems: [] };
  for (const name of names) {
    const path = join(dir, name);
    const rel = relative(labelBase, path);
    const label = rel && !rel.startsWith('..') ? rel : path;
    try {
      const text = await readUserText(path, FILE_KINDS.workspaceFile, { label });
      const file = parseFile(RuleFileSchema, text, label);
      const { method, rules } = compileRuleFile(file, label, schema);
      const key = `/${method.parent.typeName}/${method.name}`;
      out.byPath.set(key, [...(out.byPath.get(key) ?? []), ...rules]);
      out.files.push(label);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.problems.push(err.message);
    }
  }
  return out;
}
