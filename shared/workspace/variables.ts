import { AppError } from '../model/errors';

/** `{{name}}`, spaces inside the braces allowed. */
const REFERENCE = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Replaces each `{{name}}` in a text with what `replace` returns for it (`whole` keeps it as written). */
export function replaceReferences(text: string, replace: (name: string, whole: string) => string): string {
  return text.replace(REFERENCE, (whole, name: string) => replace(name, whole));
}

export interface VariableScope {
  /** Shown in errors, e.g. the environment's name. */
  environment?: string;
  /** Raw values; a value may itself use {{other}}. */
  values: Record<string, string>;
  /**
   * Secret variables that have no value here: the process variable that would supply one, and
   * whether it is set but empty (which counts as unset).
   */
  unsetSecrets?: Record<string, { envVar: string; emptyInProcessEnv?: boolean }>;
  /** The environment's proxy (a URL or "none"), for targets that name none of their own. */
  proxy?: string;
}

function missing(name: string, field: string, scope: VariableScope): AppError {
  const unset = scope.unsetSecrets?.[name];
  if (unset) {
    const { envVar } = unset;
    const fix = unset.emptyInProcessEnv
      ? `${envVar} is set but empty, which counts as not set (a CI system passes an empty string for a secret it does not have): give it the value, or store one in the environment editor`
      : `set ${envVar}, or store it in the environment editor`;
    return new AppError(
      'VALIDATION',
      `Secret variable '${name}' used in ${field} has no value${scope.environment ? ` in environment '${scope.environment}'` : ''}: ${fix}`,
      {
        details: { variable: name, field, secret: true },
      },
    );
  }
  const where = scope.environment ? ` in environment '${scope.environment}'` : ' (no environment is active)';
  return new AppError('VALIDATION', `Variable '${name}' used in ${field} is not defined${where}`, {
    details: { variable: name, field },
  });
}

/**
 * Resolves every variable to its final text (variables may use variables). A cycle is an error
 * that shows the whole loop, e.g. `a -> b -> a`.
 */
export function resolveVariables(scope: VariableScope): Record<string, string> {
  const resolved = new Map<string, string>();
  const visiting: string[] = [];

  const resolve = (name: string): string => {
    const done = resolved.get(name);
    if (done !== undefined) return done;
    const at = visiting.indexOf(name);
    if (at >= 0) {
      const loop = [...visiting.slice(at), name].join(' -> ');
      throw new AppError('VALIDATION', `Variables refer to each other in a cycle: ${loop}`, {
        details: { cycle: loop },
      });
    }
    visiting.push(name);
    const raw = scope.values[name]!;
    const value = raw.replace(REFERENCE, (_, inner: string) => {
      if (!Object.hasOwn(scope.values, inner)) throw missing(inner, `variable '${name}'`, scope);
      return resolve(inner);
    });
    visiting.pop();
    resolved.set(name, value);
    return value;
  };

  for (const name of Object.keys(scope.values)) resolve(name);
  return Object.fromEntries(resolved);
}

/** Replaces {{name}} in one field's text; `field` says where, for the error (e.g. "metadata 'x'"). */
export function substitute(
  text: string,
  resolved: Record<string, string>,
  field: string,
  scope: VariableScope = { values: {} },
): string {
  return text.replace(REFERENCE, (_, name: string) => {
    if (!Object.hasOwn(resolved, name)) throw missing(name, field, { ...scope, values: resolved });
    return resolved[name]!;
  });
}

/** The names a text refers to, in order of first use (for "this request needs ..." hints). */
export function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(REFERENCE)].map((m) => m[1]!))];
}
