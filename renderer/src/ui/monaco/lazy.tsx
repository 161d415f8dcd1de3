import { lazy, Suspense } from 'react';
import type { DiffViewProps } from './DiffView';
import type { JsonEditorProps } from './JsonEditor';
import type * as SetupModule from './setup';

/*
 * Monaco is most of the renderer's JavaScript (the editor, its languages and workers). Loaded
 * with the first screen, the window could not paint or list services until it had been parsed
 * and run; through these wrappers it loads as a chunk of its own when an editor first shows, and
 * the panels around it paint at once. Import sites use these instead of JsonEditor.tsx and
 * DiffView.tsx.
 */

let setup: typeof SetupModule | undefined;
const loadSetup = () => import('./setup').then((m) => (setup = m));

const LazyJsonEditor = lazy(() =>
  loadSetup()
    .then(() => import('./JsonEditor'))
    .then((m) => ({ default: m.JsonEditor })),
);
const LazyDiffView = lazy(() =>
  loadSetup()
    .then(() => import('./DiffView'))
    .then((m) => ({ default: m.DiffView })),
);

export function JsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<div className="json-editor" aria-busy="true" aria-label={props.ariaLabel} />}>
      <LazyJsonEditor {...props} />
    </Suspense>
  );
}

export function DiffView(props: DiffViewProps) {
  return (
    <Suspense fallback={<div className="diff-view" aria-busy="true" aria-label={props.ariaLabel} />}>
      <LazyDiffView {...props} />
    </Suspense>
  );
}

/** Fetches Monaco and the request editor ahead of the first editor shown (ui/lazy-part.tsx). */
export const preloadEditor = () => loadSetup().then(() => import('./JsonEditor'));

/** Until Monaco has loaded there are no documents to dispose, and nothing is loaded for it. */
export function disposeEditableDocumentsExcept(keep: ReadonlySet<string>): void {
  setup?.disposeEditableDocumentsExcept(keep);
}
