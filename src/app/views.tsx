/**
 * The views, each loaded on demand so the first screen does not wait for every chart library.
 * A view's code can be fetched ahead (`preloadView`): the app does so for the first view while the
 * engine starts, so the shell never paints a "Loading…" placeholder that the view then pushes
 * aside (a layout shift), and idle time can fetch the views a reader is likely to open next.
 */
import { createElement, lazy, type ComponentType, type ReactElement } from 'react';
import type { ViewId } from '../model/viewState';

type Loader = () => Promise<{ default: ComponentType }>;

/** A view that renders at once when its code is in, and suspends (once) when it is not. */
interface LazyView {
  Component: ComponentType;
  preload(): Promise<void>;
}

function lazyView(load: Loader): LazyView {
  let loaded: ComponentType | undefined;
  let pending: Promise<void> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (m) => {
        loaded = m.default;
      },
      (e: unknown) => {
        pending = undefined; // a failed fetch may succeed later (back online)
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then(() => ({ default: loaded! })));
  function View() {
    return createElement(loaded ?? Lazy);
  }
  return { Component: View, preload };
}

const VIEW_CODE: Partial<Record<ViewId, LazyView>> = {
  overview: lazyView(() => import('../features/overview/OverviewView')),
  records: lazyView(() => import('../features/records/RecordsView')),
  map: lazyView(() => import('../features/map/MapView')),
  trends: lazyView(() => import('../features/trends/TrendsView')),
  flows: lazyView(() => import('../features/flows/FlowsView')),
  traces: lazyView(() => import('../features/traces/TracesView')),
  patterns: lazyView(() => import('../features/patterns/PatternsView')),
  changes: lazyView(() => import('../features/changes/ChangesView')),
  operations: lazyView(() => import('../features/operations/OperationsView')),
  sql: lazyView(() => import('../features/sql-console/SqlConsoleView')),
  notebooks: lazyView(() => import('../features/notebooks/NotebooksView')),
  import: lazyView(() => import('../features/import/ImportView')),
  briefing: lazyView(() => import('../features/briefing/BriefingView')),
};

/** The element that renders `view`, or null for a view that has no code yet. */
export function viewElement(view: ViewId): ReactElement | null {
  const code = VIEW_CODE[view];
  return code ? createElement(code.Component) : null;
}

/**
 * Fetches a view's code ahead of showing it. Never rejects: a view whose code cannot be fetched
 * now shows its own loading state and error when it is opened.
 */
export function preloadView(view: ViewId): Promise<void> {
  return VIEW_CODE[view]?.preload().catch(() => undefined) ?? Promise.resolve();
}
