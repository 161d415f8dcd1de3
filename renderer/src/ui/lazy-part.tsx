import { lazy, Suspense, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';

/*
 * Parts of the window that are not on its first screen (views behind a sidebar tab or a button,
 * dialogs and overlays that open on demand) load as chunks of their own, so the first screen's
 * script stays small and the window paints and lists services sooner
 * (renderer/src/first-screen.test.ts keeps the heavy ones out of it).
 */

/** A part whose chunk can be fetched ahead of its first render. */
export type PreloadablePart<Props> = ComponentType<Props> & { preload: () => Promise<void> };

/**
 * A component loaded on its first render from `load`, which names one export of a module. Until it
 * has loaded it renders `fallback`: nothing by default, which suits overlays (they render nothing
 * while closed anyway); views in a pane pass an empty box of the pane's size so nothing shifts.
 * Once loaded (by a render or by `preload`) it renders the export directly, without suspending even
 * once: keys typed the moment a preloaded dialog opens reach its input instead of being lost.
 * Each instance keeps the shape it first rendered with for as long as it is mounted: one that
 * began behind Suspense stays there (the lazy component no longer suspends once loaded), since
 * switching to the export directly would mount a new one and drop what was typed into the old.
 */
export function lazyPart<Props extends object, Name extends string>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
  fallback: ReactNode = null,
): PreloadablePart<Props> {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;
  const fetchPart = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module[name];
        return loaded;
      },
      (error: unknown) => {
        loading = undefined; // a chunk that failed to fetch (the server was busy) is asked for again
        throw error;
      },
    ));
  const Lazy = lazy(() => fetchPart().then((component) => ({ default: component }))) as unknown as ComponentType<Props>;
  function LazyPart(props: Props) {
    const [direct] = useState(() => loaded);
    if (direct) {
      const Loaded = direct;
      return <Loaded {...props} />;
    }
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  LazyPart.displayName = `lazyPart(${name})`;
  LazyPart.preload = () => fetchPart().then(() => undefined);
  return LazyPart;
}

/** A pane view's placeholder while its chunk loads: fills the pane, shows nothing, says it is busy. */
export const PANE_FALLBACK = <div className="lazy-part-pending" aria-busy="true" />;

/** When a window that never becomes `ready` (no server chosen yet) still fetches its preloads. */
const PRELOAD_ANYWAY_AFTER_MS = 5000;

/**
 * Fetches `preloads` once `ready` is first true (or some seconds have passed) and the window is
 * idle, one after another so none competes with the first screen: parts a user reaches by a key
 * (the save dialog on Ctrl+S, the request editor) are then there before the keys typed after it.
 * A chunk that fails to fetch here is fetched again, with its error shown, when its part first
 * renders.
 */
export function usePreloadWhenIdle(ready: boolean, preloads: readonly (() => Promise<unknown>)[]): void {
  const started = useRef(false);
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedLongEnough(true), PRELOAD_ANYWAY_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!(ready || waitedLongEnough) || started.current) return;
    started.current = true;
    const whenIdle = (run: () => void) =>
      typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 2000 }) : setTimeout(run, 50);
    // Not cancelled on unmount: a fetched chunk is cached by the page, whoever asked for it.
    const next = (index: number) => {
      const preload = preloads[index];
      if (!preload) return;
      whenIdle(() => {
        void preload()
          .catch(() => undefined)
          .then(() => next(index + 1));
      });
    };
    next(0);
  }, [ready, waitedLongEnough, preloads]);
}

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
