import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

/*
 * Parts of the window that are not on its first screen (views behind a sidebar tab or a button,
 * dialogs and overlays that open on demand) load as chunks of their own, so the first screen's
 * script stays small and the window paints and lists services sooner
 * (renderer/src/first-screen.test.ts keeps the heavy ones out of it).
 */

/**
 * A component loaded on its first render from `load`, which names one export of a module. Until it
 * has loaded it renders `fallback`: nothing by default, which suits overlays (they render nothing
 * while closed anyway); views in a pane pass an empty box of the pane's size so nothing shifts.
 */
export function lazyPart<Props extends object, Name extends string>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
  fallback: ReactNode = null,
): ComponentType<Props> {
  const Lazy = lazy(() => load().then((module) => ({ default: module[name] }))) as unknown as ComponentType<Props>;
  function LazyPart(props: Props) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  LazyPart.displayName = `lazyPart(${name})`;
  return LazyPart;
}

/** A pane view's placeholder while its chunk loads: fills the pane, shows nothing, says it is busy. */
export const PANE_FALLBACK = <div className="lazy-part-pending" aria-busy="true" />;

/**
 * Renders `children` from the first time `needed` is true on, and keeps them mounted after: an
 * overlay's chunk then loads when it first opens, not with the window, and what it holds while
 * closed (a dialog it opened, a subscription) lives on as it did when it was always mounted.
 */
export function OnceNeeded({ needed, children }: { needed: boolean; children: ReactNode }) {
  const [seen, setSeen] = useState(needed);
  if (needed && !seen) setSeen(true);
  return seen || needed ? <>{children}</> : null;
}
