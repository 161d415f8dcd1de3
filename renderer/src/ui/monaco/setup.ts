import 'monaco-editor/features/register.all';
import * as monaco from 'monaco-editor/editor/editor.api';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

/**
 * Monaco from the local package, never a CDN: Loupe must work offline. Workers are bundled by
 * Vite and started from our own origin (the CSP allows 'self' and blob: workers only).
 */
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

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
    const match = /^\/edit\/(.+)\.json$/.exec(model.uri.path);
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
