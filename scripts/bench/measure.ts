/**
 * Measuring one step: its time to the app's settled mark, the page's long tasks meanwhile, and the
 * shapes of a size's results.
 */
import type { QueryTiming } from '../../src/db/coordinator';
import { type RecordedBrowser } from '../../tests/helpers/browser';
import { settledAfter } from '../lib/measureKit';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};
export const round = (x: number) => Math.round(x);

/** Records the page's long tasks (Long Tasks API) from its first script on. */
export async function recordLongTasks(b: RecordedBrowser) {
  await b.page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * When the view committed at `t1` was on screen: the start of the second frame after the
 * commit (the first frame paints it; the next begins once that paint is done).
 */
export async function drawnAfter(b: RecordedBrowser, t1: number): Promise<number> {
  const handle = await b.page.waitForFunction(
    (t) => {
      const frames = (window as unknown as { __frames?: number[] }).__frames;
      if (!frames) return -1; // not recorded on this page: the commit stands for the drawing
      const after = frames.filter((f) => f > t);
      if (after.length < 2) return false;
      (window as unknown as { __frames?: number[] }).__frames = undefined; // ends the recording
      return after[1]!;
    },
    t1,
    { timeout: 30_000, polling: 10 },
  );
  const drawn = (await handle.jsonValue()) as number;
  return drawn < 0 ? t1 : drawn;
}

/** Main-thread work between `t0` and `t1` (+100 ms for the paint that follows a commit). */
export async function mainThread(b: RecordedBrowser, t0: number, t1: number) {
  await b.page.waitForTimeout(100);
  return b.page.evaluate(
    ([from, to]) => {
      const tasks =
        (
          window as unknown as { __longTasks?: { start: number; duration: number }[] }
        ).__longTasks?.filter((t) => t.start >= from && t.start <= to + 100) ?? [];
      return {
        longestTaskMs: tasks.reduce((a, t) => Math.max(a, t.duration), 0),
        blockingMs: tasks.reduce((a, t) => a + Math.max(0, t.duration - 50), 0),
      };
    },
    [t0, t1] as const,
  );
}

/**
 * Sets the address hash and times it to the settled mark (the views committed their data) and to
 * the view drawn on screen; returns both, the queries it ran and the main thread's longest task
 * (0 when none took over 50 ms) and blocking time in that span.
 */
export async function step(
  b: RecordedBrowser,
  hash: string,
): Promise<{
  ms: number;
  drawnMs: number;
  queries: QueryTiming[];
  longestTaskMs: number;
  blockingMs: number;
}> {
  const before = await b.page.evaluate(() => window.__atlasBench?.queries.length ?? 0);
  const t0 = await b.page.evaluate((h) => {
    const now = performance.now();
    // The frames from here on (the start of each), until the step's drawing is timed.
    const w = window as unknown as { __frames?: number[] };
    const frames: number[] = [];
    w.__frames = frames;
    // (Held in an array: a named function would get a `__name` helper the page does not have.)
    const loop: ((t: number) => void)[] = [];
    loop.push((t: number) => {
      if (w.__frames !== frames) return;
      frames.push(t);
      requestAnimationFrame(loop[0]!);
    });
    requestAnimationFrame(loop[0]!);
    location.hash = h;
    return now;
  }, hash);
  // Let the change start (queries are issued on the next render) before waiting for quiet.
  await b.page
    .waitForFunction(
      (n) =>
        (window.__atlasBench?.queries.length ?? 0) > n ||
        !!document.querySelector('[aria-busy="true"]'),
      before,
      { timeout: 5_000, polling: 5 },
    )
    .catch(() => undefined);
  const t1 = await settledAfter(b, t0);
  const t2 = await drawnAfter(b, t1);
  const queries = await b.page.evaluate((n) => window.__atlasBench?.queries.slice(n) ?? [], before);
  return { ms: t1 - t0, drawnMs: t2 - t0, queries, ...(await mainThread(b, t0, t1)) };
}

/** One step of a Mosaic comparison sequence, over all runs. */
export interface ComparedStep {
  label: string;
  /** The app, to the settled and drawn Overview. */
  oursMs: number[];
  /** The app's queries for the same three panels, no drawing. */
  oursDataMs: number[];
  mosaicMs: number[];
}

export interface SizeResult {
  seizures: number;
  coldStartMs: number;
  duckdbReadyMs: number;
  cubeBuildMs: number;
  linkRestoreMs: number;
  views: Record<string, number>;
  /** Opening each view, to it drawn on screen. */
  viewsDrawn: Record<string, number>;
  interactions: {
    view: string;
    kind: string;
    medianMs: number;
    p95Ms: number;
    /** To the view drawn on screen (the frame after the commit), median / p95 over runs. */
    drawnMedianMs: number;
    drawnP95Ms: number;
    wasmQueryMs: number;
    nativeQueryMs: number;
    /** p95 over runs of the longest main-thread task (0: none over 50 ms). */
    longestTaskP95Ms: number;
  }[];
  perView: Record<string, { medianMs: number; p95Ms: number }>;
  overall: { medianMs: number; p95Ms: number };
  /** Main thread per interaction (all runs): longest task and blocking time, median / p95. */
  mainThread: { longestMedianMs: number; longestP95Ms: number; blockingP95Ms: number };
  wasmOverNative: number;
  peakJsHeapMb: number;
  duckdbMemoryMb: number;
  mosaic: {
    name: string;
    steps: { label: string; oursMs: number; oursDataMs: number; mosaicMs: number }[];
  }[];
}
/** Cold starts on the bundled default dataset: where the time goes before the first view. */
export interface DefaultStart {
  /**
   * Navigation → the engine is asked for (`atlas:boot-start`): once the boot screen has painted
   * the manifest's headline figures (content first, `src/app/boot.ts`).
   */
  scriptMs: number;
  /** The engine asked for → DuckDB-WASM started (download, streaming compile, open). */
  duckdbStartMs: number;
  /** DuckDB started → the Overview settled (dataset attach, queries, render). */
  beyondDuckdbMs: number;
  /** Navigation → settled Overview. */
  totalMs: number;
}
