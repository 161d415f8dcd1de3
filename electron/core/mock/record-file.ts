import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import type { DescMethod } from '@bufbuild/protobuf';
import { AppError } from '../../../shared/model/errors';
import { formatJson, parseFile } from '../../../shared/workspace/json-file';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';
import { RuleFileSchema, type Rule, type RuleFile } from './rule-format';

/** The file a method's recorded rules go to: one per method, named after it. */
export function ruleFileName(method: DescMethod): string {
  return `${method.parent.typeName}.${method.name}.json`;
}

/**
 * Writes recorded rules, one file per method, after every call (a stopped recording loses
 * nothing). A file already there is read first and added to, never replaced: a recorded call
 * whose `when` equals an existing rule's takes that rule's place, anything else is appended.
 * A file that does not parse is left alone and that method is not recorded.
 */
export class RuleFileWriter {
  private readonly files = new Map<string, Promise<RuleFile>>();
  private readonly queue = new SerialQueue();

  constructor(
    private readonly dir: string,
    private readonly onProblem: (message: string) => void,
  ) {}

  record(method: DescMethod, rule: Rule): Promise<void> {
    const path = join(this.dir, ruleFileName(method));
    return this.queue.run(async () => {
      let file: RuleFile;
      try {
        file = await this.fileFor(path, method);
      } catch (err) {
        if (err instanceof AppError) return; // reported once, when first read
        throw err;
      }
      const same = file.rules.findIndex((r) => isDeepStrictEqual(r.when, rule.when));
      if (same >= 0) file.rules[same] = rule;
      else file.rules.push(rule);
      await writeFileAtomic(path, formatJson(stripDefaults(file)));
    });
  }

  private fileFor(path: string, method: DescMethod): Promise<RuleFile> {
    let file = this.files.get(path);
    if (!file) {
      const fullName = `${method.parent.typeName}/${method.name}`;
      file = readUserText(path, FILE_KINDS.workspaceFile).then(
        (text) => parseFile(RuleFileSchema, text, path),
        (err: unknown) => {
          if (err instanceof UserFileError && err.reason === 'not-found')
            return { method: fullName, vars: {}, rules: [] };
          throw err;
        },
      );
      file.catch((err: unknown) => {
        this.onProblem(`not recording ${fullName}: ${(err as Error).message}; move the file away to record it`);
      });
      this.files.set(path, file);
    }
    return file;
  }

  /** Waits for every write so far. */
  flush(): Promise<void> {
    return this.queue.run(() => Promise.resolve());
  }
}

/** The file as a person would write it: no defaults the format fills in. */
function stripDefaults(file: RuleFile): unknown {
  return {
    method: file.method,
    ...(Object.keys(file.vars).length ? { vars: file.vars } : {}),
    rules: file.rules.map((r) => {
      const out: Record<string, unknown> = { ...r };
      if (r.when && Object.keys(r.when).length === 0) delete out.when;
      if (r.intervalMs === 0) delete out.intervalMs;
      for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
      return out;
    }),
  };
}
