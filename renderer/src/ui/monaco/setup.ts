import 'monaco-editor/features/register.all';
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { javascriptDefaults, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
// JavaScript's colouring, for scripts; its tokenizer is loaded when a script is first shown.
import 'monaco-editor/languages/definitions/javascript/register';
import { SCRIPT_API_TYPES } from '../../../../shared/scripts/script-api-types';

/**
 * Monaco from the local package, never a CDN: Loupe must work offline. Workers are bundled by
 * Vite and started from our own origin (the CSP allows 'self' and blob: workers only). The
 * TypeScript worker (several MB, for the script editor) is loaded only when a script is shown.
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker | Promise<Worker> {
    if (label === 'javascript' || label === 'typescript')
      return import('monaco-editor/languages/features/typescript/ts.worker?worker').then((m) => new m.default());
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

let scriptApiDeclared = false;

/**
 * Script editors complete and explain the script API from its declarations, and only that: no
 * DOM or Node globals, which a script does not have.
 */
export function declareScriptApi(): void {
  if (scriptApiDeclared) return;
  scriptApiDeclared = true;
  javascriptDefaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    lib: ['es2020'],
    allowJs: true,
    allowNonTsExtensions: true,
  });
  javascriptDefaults.addExtraLib(SCRIPT_API_TYPES, 'inmemory://loupe/types/loupe-scripts.d.ts');
}

/** Request schemas by model URI; Monaco validates, completes and shows hovers from them. */
const schemasByModel = new Map<string, Record<string, unknown>>();

export function setModelSchema(modelUri: string, schema: Record<string, unknown> | undefined): void {
  if (schema) schemasByModel.set(modelUri, schema);
  else schemasByModel.delete(modelUri);
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    // The engine refuses what the schema refuses, so say it as an error, not a warning.
    schemaValidation: 'error',
    enableSchemaRequest: false,
    schemas: [...schemasByModel].map(([uri, s]) => ({ uri: `${uri}#schema`, fileMatch: [uri], schema: s })),
  });
}

/**
 * Editable documents live as Monaco models (one per tab, keeping its undo history) beyond the
 * editor that shows them; this frees the models, and their schemas, of documents that are gone.
 */
export function disposeEditableDocumentsExcept(keep: ReadonlySet<string>): void {
  for (const model of monaco.editor.getModels()) {
    const match = /^\/edit\/(.+)\.(json|js|txtpb)$/.exec(model.uri.path);
    if (model.uri.scheme !== 'inmemory' || !match?.[1] || keep.has(decodeURIComponent(match[1]))) continue;
    setModelSchema(model.uri.toString(), undefined);
    model.dispose();
  }
}

export function prefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

export function followOsTheme(): void {
  const apply = (): void => monaco.editor.setTheme(prefersDark() ? 'vs-dark' : 'vs');
  apply();
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
}

export { monaco };
