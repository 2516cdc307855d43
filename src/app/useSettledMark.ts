/**
 * Sets the `atlas:settled` performance mark each time every query has finished and no panel on
 * screen is still loading: "the visible views have committed their data". The benchmark and
 * tests time interactions to it. With `?bench` in the page address, the queries run are also
 * recorded on `window.__atlasBench` so the benchmark can replay them on native DuckDB.
 */
import { useEffect } from 'react';
import type { Coordinator, QueryTiming } from '../db/coordinator';
import { tableToRows } from '../db/engine';
import type { SqlValue } from '../sql/types';
import type { ViewStateStore } from '../state/store';

/** What the benchmark reads from the page (only with `?bench`). */
export interface BenchHook {
  queries: QueryTiming[];
  /** Runs SQL on the app's DuckDB, outside the cache (for memory figures and query timings). */
  query: (sql: string, params?: unknown[]) => Promise<unknown[]>;
  /** The app's DuckDB-WASM instance (the benchmark runs Mosaic over it, on its own connection). */
  db?: unknown;
  /** What the SQL builders know of the dataset (the benchmark builds the app's queries with it). */
  model?: unknown;
}

declare global {
  interface Window {
    __atlasBench?: BenchHook;
  }
}

/** Installs the settled mark (and the bench hook when asked for). */
export function useSettledMark(
  coordinator: Coordinator,
  store: ViewStateStore,
  bench: Pick<BenchHook, 'db' | 'model'> = {},
): void {
  useEffect(() => {
    let frame = 0;
    let marked = true;
    // After a change of the view state, React has yet to render it (and flag the panels that
    // will load): wait one frame before judging quiet.
    let storePending = false;
    const check = () => {
      if (storePending) return;
      const quiet = coordinator.isIdle() && !document.querySelector('[aria-busy="true"]');
      if (quiet && !marked) performance.mark('atlas:settled');
      marked = quiet;
    };
    const afterFrame = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        storePending = false;
        check();
      });
    };
    // Checked when the queue drains and as soon as React commits a panel's busy state (results
    // are committed after the queue has drained), so the mark is the commit, not a later paint.
    const offIdle = coordinator.onIdle(check);
    const observer = new MutationObserver(check);
    // Every change of the view state ends in a settled mark, even one served from the cache.
    const offStore = store.subscribe(() => {
      marked = false;
      storePending = true;
      afterFrame();
    });
    observer.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-busy'],
    });
    marked = false;
    afterFrame();
    let offQuery: () => unknown = () => undefined;
    if (new URLSearchParams(window.location.search).has('bench')) {
      const hook: BenchHook = {
        queries: [],
        query: async (sql, params = []) =>
          tableToRows(
            await coordinator.query({ sql, params: params as SqlValue[] }, { cache: false }),
          ),
        ...bench,
      };
      window.__atlasBench = hook;
      offQuery = coordinator.onQuery((t) => hook.queries.push(t));
    }
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      offStore();
      offIdle();
      offQuery();
    };
  }, [coordinator, store, bench]);
}
