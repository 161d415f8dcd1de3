import { AppError } from '../../../../shared/model/errors';
import { EnvironmentFileSchema, type EnvironmentFile, type EnvironmentView } from '../../../../shared/model/workspace';
import { validateWith } from '../../../../shared/workspace/json-file';

export interface VariableDraft {
  key: string;
  name: string;
  /** The plain value; unused for secrets. */
  value: string;
  secret: boolean;
  /** A new secret value typed here, stored outside the workspace on save; never filled from it. */
  newSecret: string;
  source?: 'store' | 'process-env' | 'missing';
}

let keys = 0;
export const draftKey = (): string => `v${++keys}`;

export function draftFromView(view: EnvironmentView): VariableDraft[] {
  return view.environment.variables.map((v) => ({
    key: draftKey(),
    name: v.name,
    value: v.value ?? '',
    secret: v.secret === true,
    newSecret: '',
    source: view.secrets.find((s) => s.name === v.name)?.source,
  }));
}

/** What the editor holds for one environment: its rows, and the file version they came from. */
export interface EnvironmentDraft {
  /** The environment the draft is of; undefined when none is selected. */
  name: string | undefined;
  variables: VariableDraft[];
  /**
   * The version of the file the rows were read from: the save is based on it, so a file changed
   * on disk since is not overwritten unasked. Undefined when there was no file.
   */
  baseVersion: string | undefined;
  /** Edits not saved yet. */
  edited: boolean;
  /** The environment's proxy as typed: a URL, "none", or empty for none set here. */
  proxy: string;
}

/** A fresh draft of `view` (as last read), with no edits. */
export function draftOf(name: string | undefined, view: EnvironmentView | undefined): EnvironmentDraft {
  return {
    name,
    variables: view ? draftFromView(view) : [],
    baseVersion: view?.version,
    edited: false,
    proxy: view?.environment.proxy ?? '',
  };
}

/**
 * The draft meets the file as last read (a change on disk, a reload, our own save coming back).
 * Same version: nothing to do (the very same draft). Another version: a draft without edits shows
 * the file; one with edits keeps them and the version they were based on, so their save is
 * refused (CONFLICT) instead of overwriting the change.
 */
export function followEnvironment(draft: EnvironmentDraft, view: EnvironmentView | undefined): EnvironmentDraft {
  if (!view || view.name !== draft.name || view.version === draft.baseVersion || draft.edited) return draft;
  return draftOf(draft.name, view);
}

/**
 * The editor after a save of `saved` (the variables as they were when Save was pressed) wrote
 * `version`. If the user typed on while the save ran, those keystrokes stay: the draft keeps them,
 * still marked edited, now based on the version just written (so the next save does not conflict
 * with our own write). Otherwise the editor shows the file as read back (`view`, which says where
 * each secret now comes from).
 */
export function draftAfterSave(
  current: EnvironmentDraft,
  name: string,
  saved: VariableDraft[],
  version: string,
  view: EnvironmentView | undefined,
  /** The proxy as it was when Save was pressed; typing on in it is kept like a variable's. */
  savedProxy = current.proxy,
): EnvironmentDraft {
  if (current.name !== name) return current; // another environment was picked meanwhile
  if (current.variables !== saved || current.proxy !== savedProxy)
    return { ...current, baseVersion: version, edited: true };
  if (view?.name === name && view.version === version) return draftOf(name, view);
  return { name, variables: saved, baseVersion: version, edited: false, proxy: savedProxy };
}

/**
 * The environment file for a draft, keeping any fields a newer version wrote. Secrets are written
 * without a value (their values go to the secret store). Empty rows are dropped.
 */
export function environmentFromDraft(
  draft: VariableDraft[],
  original: EnvironmentFile | undefined,
  name: string,
  /** The proxy as typed; empty removes it; undefined keeps the file's. */
  proxy?: string,
): EnvironmentFile {
  const variables = draft
    .filter((v) => v.name.trim() || v.value)
    .map((v) => {
      const known = original?.variables.find((o) => o.name === v.name.trim());
      const { value: _value, secret: _secret, ...rest } = known ?? { name: v.name.trim() };
      return v.secret
        ? { ...rest, name: v.name.trim(), secret: true }
        : { ...rest, name: v.name.trim(), value: v.value };
    });
  const { proxy: originalProxy, ...kept } = original ?? {};
  const newProxy = proxy === undefined ? originalProxy : proxy.trim() || undefined;
  return validateWith(
    EnvironmentFileSchema,
    { ...kept, version: original?.version ?? 1, variables, ...(newProxy ? { proxy: newProxy } : {}) },
    `environment '${name}'`,
  );
}

/** Secrets with a new value typed, to store after the file is saved. */
export function secretsToStore(draft: VariableDraft[]): Array<{ name: string; value: string }> {
  return draft
    .filter((v) => v.secret && v.newSecret && v.name.trim())
    .map((v) => ({ name: v.name.trim(), value: v.newSecret }));
}

/** The environment variable that may supply a secret, as the engine reads it. */
export function secretEnvName(name: string): string {
  return `LOUPE_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function sourceLabel(v: VariableDraft): string {
  if (v.newSecret) return 'will be stored on save';
  if (v.source === 'store') return 'stored on this computer';
  if (v.source === 'process-env') return `from ${secretEnvName(v.name)}`;
  if (v.source === 'missing') return `not set (store one, or set ${secretEnvName(v.name)})`;
  return 'not saved yet';
}

export function checkEnvironmentName(name: string, existing: string[]): void {
  if (!name.trim()) throw new AppError('VALIDATION', 'An environment needs a name');
  if (existing.includes(name.trim()))
    throw new AppError('VALIDATION', `An environment named '${name.trim()}' already exists`);
}
