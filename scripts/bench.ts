/**
 * `npm run bench` (not part of `npm test`): generates (and caches in .cache/datasets) the dataset
 * at 100k, 1M and 10M seizures, serves the production build, and drives headless Chromium
 * through a fixed script — cold start to a settled Overview, every view, twenty filter and
 * cross-filter changes of different kinds, a heavy shared link — timing each step to the app's
 * `atlas:settled` mark. The SQL each interaction ran is replayed on native DuckDB
 * (@duckdb/node-api) on the same file for a WASM/native ratio. Writes bench-results/bench.json
 * and bench-results/bench.md, and prints the table.
 *
 *   BENCH_SIZES=100000,1000000 RUNS=5 npm run bench
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'vite';
import type { QueryTiming } from '../src/db/coordinator';
import { launchBrowser, type RecordedBrowser } from '../tests/helpers/browser';
import { ensureDefaultDataset } from './ensure-dataset';
import { ensureBenchDataset, publishDatasets, settledAfter } from './lib/measureKit';
import { mosaicHarnessScript } from './lib/mosaic';
import type { MosaicHarness, MosaicStep } from './lib/mosaicHarness';
import { NativeEngine } from './lib/nativeEngine';
import { serveStatic } from './server';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const ENGINE = process.env.BENCH_ENGINE === 'native' ? 'native' : 'wasm';
const OUT = 'bench-results';
/**
 * Result files: `bench.*`, or `bench-native.*` for the native engine; `BENCH_STEM` names others
 * (e.g. a 10M run with fewer runs beside the 1M one: `BENCH_STEM=bench-10m`).
 */
const STEM = process.env.BENCH_STEM ?? (ENGINE === 'native' ? 'bench-native' : 'bench');
if (!/^[a-z0-9-]+$/.test(STEM)) throw new Error(`BENCH_STEM must be a plain file name: ${STEM}`);

/** The fixed interaction script: a view and the filter part of its address. */
const INTERACTIONS: { view: string; kind: string; params: string }[] = [
  { view: 'overview', kind: 'filter: region', params: '&r=central_america_mexico' },
  {
    view: 'overview',
    kind: 'filter: + firearm type',
    params: '&r=central_america_mexico&ft=pistol',
  },
  {
    view: 'overview',
    kind: 'filter: time range',
    params: '&t=2019-01-01,2022-12-31&r=central_america_mexico&ft=pistol',
  },
  {
    view: 'overview',
    kind: 'cross-filter: country',
    params: '&t=2019-01-01,2022-12-31&x=overview.countries~p~country~MEX',
  },
  { view: 'overview', kind: 'cross-filter: route', params: '&x=overview.routes~r~USA~MEX' },
  {
    view: 'overview',
    kind: 'cross-filter: period',
    params: '&x=overview.monthly~i~2021-01-01~2021-12-31',
  },
  { view: 'overview', kind: 'clear all', params: '' },
  { view: 'map', kind: 'filter: origin', params: '&o=USA' },
  { view: 'map', kind: 'cross-filter: leg', params: '&o=USA&x=map.routes~l~MEX~GTM' },
  { view: 'map', kind: 'filter: transit', params: '&tr=MEX' },
  { view: 'map', kind: 'playback step', params: '&mp=2023-03-01' },
  { view: 'trends', kind: 'filter: region', params: '&r=west_africa' },
  { view: 'trends', kind: 'filter: linked crime', params: '&r=west_africa&lc=terrorism' },
  {
    view: 'trends',
    kind: 'cross-filter: period',
    params: '&r=west_africa&x=trends.series~i~2020-01-01~2022-12-31',
  },
  { view: 'flows', kind: 'filter: destination', params: '&d=BRA' },
  { view: 'flows', kind: 'cross-filter: node', params: '&x=flows.sankey~p~origin~TUR' },
  { view: 'patterns', kind: 'filter: agency', params: '&ag=customs' },
  { view: 'patterns', kind: 'filter: calibre', params: '&ag=customs&cal=9%C3%9719mm' },
  {
    view: 'patterns',
    kind: 'cross-filter: bar',
    params: '&x=patterns.firearmType~p~firearmType~shotgun',
  },
  { view: 'traces', kind: 'filter: country', params: '&c=MEX,GTM,HND' },
  {
    view: 'traces',
    kind: 'cross-filter: outcome',
    params: '&x=traces.outcomes~p~traceOutcome~pending',
  },
];

/** The last day of month `ym` (YYYY-MM). */
function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
/** `n` months after `ym`, as YYYY-MM. */
function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
const brush = (from: string, months: number): MosaicStep => ({
  source: 'monthly',
  from: `${from}-01`,
  to: monthEnd(addMonths(from, months - 1)),
});

/**
 * The Overview's selections, run by the app and by Mosaic: brushing the monthly chart ten times,
 * then the source alternating between the monthly chart, the countries and the routes (each
 * panel's last selection stays, as in a crossfilter).
 */
const SEQUENCES: { name: string; steps: MosaicStep[] }[] = [
  {
    name: 'brush one view',
    steps: Array.from({ length: 10 }, (_, i) => brush(addMonths('2016-01', 3 * i), 24)),
  },
  {
    name: 'alternating sources',
    steps: [
      brush('2019-01', 24),
      { source: 'countries', country: 'MEX' },
      { source: 'routes', origin: 'USA', destination: 'MEX' },
      brush('2020-01', 24),
      { source: 'countries', country: 'GTM' },
      { source: 'routes', origin: 'USA', destination: 'GTM' },
      brush('2017-01', 24),
      { source: 'countries', country: 'BRA' },
      { source: 'routes', origin: 'PRY', destination: 'BRA' },
      brush('2021-01', 24),
      { source: 'countries', country: 'COL' },
      { source: 'routes', origin: 'VEN', destination: 'COL' },
    ],
  },
];

/** A step's label in the tables. */
function stepLabel(st: MosaicStep): string {
  if (st.source === 'monthly') return `period ${st.from.slice(0, 7)}…${st.to.slice(0, 7)}`;
  if (st.source === 'countries') return `country ${st.country}`;
  return `route ${st.origin}→${st.destination}`;
}

/** The app's cross-filter for a step (the `x=` part of its address). */
function crossFilterParam(st: MosaicStep): string {
  if (st.source === 'monthly') return `overview.monthly~i~${st.from}~${st.to}`;
  if (st.source === 'countries') return `overview.countries~p~country~${st.country}`;
  return `overview.routes~r~${st.origin}~${st.destination}`;
}

/** The heavy shared link. */
const HEAVY =
  '&t=2016-01-01,2024-12-31&r=central_america_mexico,caribbean,south_america&o=USA,PRY,VEN&ft=pistol,rifle,revolver' +
  '&pt=land_border,road_checkpoint,urban,seaport&ag=police,customs,border_guard&tm=road_vehicle,none,maritime_container' +
  '&lc=drugs&x=overview.monthly~i~2019-01-01~2023-06-30&x=overview.countries~p~country~MEX,GTM,HND,BRA,COL&th=dark';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x);

/** Records the page's long tasks (Long Tasks API) from its first script on. */
async function recordLongTasks(b: RecordedBrowser) {
  await b.page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Main-thread work between `t0` and `t1` (+100 ms for the paint that follows a commit). */
async function mainThread(b: RecordedBrowser, t0: number, t1: number) {
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
 * Sets the address hash and times it to the settled mark; returns ms, the queries it ran and the
 * main thread's longest task (0 when none took over 50 ms) and blocking time in that span.
 */
async function step(
  b: RecordedBrowser,
  hash: string,
): Promise<{ ms: number; queries: QueryTiming[]; longestTaskMs: number; blockingMs: number }> {
  const before = await b.page.evaluate(() => window.__atlasBench?.queries.length ?? 0);
  const t0 = await b.page.evaluate((h) => {
    const now = performance.now();
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
  const queries = await b.page.evaluate((n) => window.__atlasBench?.queries.slice(n) ?? [], before);
  return { ms: t1 - t0, queries, ...(await mainThread(b, t0, t1)) };
}

/** One step of a Mosaic comparison sequence, over all runs. */
interface ComparedStep {
  label: string;
  /** The app, to the settled and drawn Overview. */
  oursMs: number[];
  /** The app's queries for the same three panels, no drawing. */
  oursDataMs: number[];
  mosaicMs: number[];
}

interface SizeResult {
  seizures: number;
  coldStartMs: number;
  duckdbReadyMs: number;
  cubeBuildMs: number;
  linkRestoreMs: number;
  views: Record<string, number>;
  interactions: {
    view: string;
    kind: string;
    medianMs: number;
    p95Ms: number;
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

/** Runs the comparison sequences in the app, then in Mosaic on the same DuckDB; appends times. */
async function compareWithMosaic(
  b: RecordedBrowser,
  ds: string,
  domain: [string, string],
  into: ComparedStep[][],
) {
  const script = await mosaicHarnessScript();
  for (const [i, seq] of SEQUENCES.entries()) {
    const out = (into[i] ??= seq.steps.map((st) => ({
      label: stepLabel(st),
      oursMs: [],
      oursDataMs: [],
      mosaicMs: [],
    })));
    // The app: each panel's last selection stays in the address, as a crossfilter keeps it.
    // (Setting the address it already has would change nothing, and never settle.)
    const clear = `#/overview?v=2&ds=${ds}`;
    if ((await b.page.evaluate(() => location.hash)) !== clear) await step(b, clear);
    const active = new Map<string, MosaicStep>();
    for (const [j, st] of seq.steps.entries()) {
      active.set(st.source, st);
      const x = [...active.values()].map((a) => `&x=${crossFilterParam(a)}`).join('');
      out[j]!.oursMs.push((await step(b, `#/overview?v=2&ds=${ds}${x}`)).ms);
    }
    await step(b, clear);
    // Mosaic, set up afresh for the sequence (its pre-aggregates are built on first use).
    await b.page.evaluate(script);
    const times = await b.page.evaluate(
      async ({ steps, domain }) => {
        const w = window as unknown as {
          __mosaicHarness: {
            setupMosaic(db: unknown, table: string, d: [string, string]): Promise<MosaicHarness>;
            ourDataStep(
              run: (sql: string, params: unknown[]) => Promise<unknown>,
              model: unknown,
              active: MosaicStep[],
              source: MosaicStep['source'],
            ): Promise<number>;
          };
        };
        const bench = window.__atlasBench!;
        const ours: number[] = [];
        const active = new Map<string, MosaicStep>();
        for (const st of steps) {
          active.set(st.source, st);
          ours.push(
            await w.__mosaicHarness.ourDataStep(
              (sql, params) => bench.query(sql, params),
              bench.model,
              [...active.values()],
              st.source,
            ),
          );
        }
        const h = await w.__mosaicHarness.setupMosaic(
          window.__atlasBench!.db,
          'atlas.main.seizures',
          domain,
        );
        const ms: number[] = [];
        for (const st of steps) ms.push(await h.step(st));
        await h.dispose();
        return { ours, mosaic: ms };
      },
      { steps: seq.steps, domain },
    );
    times.ours.forEach((t, j) => out[j]!.oursDataMs.push(t));
    times.mosaic.forEach((t, j) => out[j]!.mosaicMs.push(t));
  }
}

async function benchSize(
  url: string,
  n: number,
  file: string,
  domain: [string, string],
): Promise<SizeResult> {
  const ds = `s${n}`;
  const cold: number[] = [];
  const duckReady: number[] = [];
  const cubeBuild: number[] = [];
  const link: number[] = [];
  const viewTimes: Record<string, number[]> = {};
  const inter: number[][] = INTERACTIONS.map(() => []);
  const longest: number[][] = INTERACTIONS.map(() => []);
  const blocking: number[] = [];
  const compared: ComparedStep[][] = [];
  let lastQueries: QueryTiming[][] = INTERACTIONS.map(() => []);
  let peakHeap = 0;
  let duckMem = 0;
  for (let run = 0; run < RUNS; run++) {
    const b = await launchBrowser(url);
    await recordLongTasks(b);
    const cdp = await b.context.newCDPSession(b.page);
    await cdp.send('Performance.enable');
    const sampleHeap = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peakHeap = Math.max(peakHeap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    };
    await b.page.goto(`${url}?bench#/overview?v=2&ds=${ds}`);
    const start = await settledAfter(b, 0);
    cold.push(start);
    cubeBuild.push(
      await b.page.evaluate(
        () =>
          (performance.getEntriesByName('atlas:cube-ready')[0]?.startTime ?? 0) -
          (performance.getEntriesByName('atlas:attached')[0]?.startTime ?? 0),
      ),
    );
    duckReady.push(
      await b.page.evaluate(
        () => performance.getEntriesByName('atlas:duckdb-ready')[0]?.startTime ?? 0,
      ),
    );
    for (const view of [
      'map',
      'trends',
      'flows',
      'patterns',
      'traces',
      'operations',
      'records',
      'overview',
    ]) {
      const { ms } = await step(b, `#/${view}?v=2&ds=${ds}`);
      (viewTimes[view] ??= []).push(ms);
    }
    await sampleHeap();
    const queries: QueryTiming[][] = [];
    let view = 'overview';
    let params = '';
    for (const [i, it] of INTERACTIONS.entries()) {
      // Switching views is not an interaction: go to the view with the filters as they are first.
      if (it.view !== view) await step(b, `#/${it.view}?v=2&ds=${ds}${params}`);
      view = it.view;
      params = it.params;
      const r = await step(b, `#/${it.view}?v=2&ds=${ds}${it.params}`);
      inter[i]!.push(r.ms);
      longest[i]!.push(r.longestTaskMs);
      blocking.push(r.blockingMs);
      queries.push(r.queries.filter((x) => !x.cached));
    }
    // In the app, queries overlap with rendering and with each other; for the engine comparison,
    // run each interaction's queries again one by one on the idle page.
    for (const qs of queries) {
      for (const q of qs) {
        q.ms = await b.page.evaluate(async (x) => {
          const t = performance.now();
          await window.__atlasBench!.query(x.sql, x.params as unknown[]);
          return performance.now() - t;
        }, q);
      }
    }
    lastQueries = queries;
    if (process.env.BENCH_QUERIES) {
      mkdirSync(OUT, { recursive: true });
      writeFileSync(
        join(OUT, `queries-s${n}.json`),
        JSON.stringify(
          INTERACTIONS.map((it, i) => ({ ...it, ms: inter[i]!.at(-1), queries: queries[i] })),
          null,
          1,
        ),
      );
    }
    await sampleHeap();
    const mem = (await b.page.evaluate(() =>
      window.__atlasBench?.query(
        'SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()',
      ),
    )) as { b: number }[] | undefined;
    duckMem = Math.max(duckMem, mem?.[0]?.b ?? 0);
    if (!process.env.NO_MOSAIC && ENGINE === 'wasm')
      await compareWithMosaic(b, ds, domain, compared);
    await b.close();

    // A heavy shared link, opened cold.
    const l = await launchBrowser(url);
    await l.page.goto(`${url}?bench#/overview?v=2&ds=${ds}${HEAVY}`);
    link.push(await settledAfter(l, 0));
    await l.close();
    console.log(
      `  run ${run + 1}/${RUNS}: cold ${round(start)} ms, interactions median ${round(median(inter.map((x) => x[x.length - 1]!)))} ms`,
    );
  }

  // Replay the last run's queries on native DuckDB (2 threads) against the same file.
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  await conn.run(`ATTACH '${file}' AS atlas (READ_ONLY)`);
  await conn.run('USE atlas');
  const nativeMs: number[] = [];
  for (const qs of lastQueries) {
    let total = 0;
    for (const q of qs) {
      // In the order the page ran them: a shared selection's table is made before its readers.
      const t0 = performance.now();
      try {
        const prepared = await conn.prepare(q.sql);
        q.params.forEach((p, i) => {
          if (typeof p === 'number') prepared.bindDouble(i + 1, p);
          else if (typeof p === 'boolean') prepared.bindBoolean(i + 1, p);
          else if (p === null) prepared.bindNull(i + 1);
          else prepared.bindVarchar(i + 1, String(p));
        });
        await prepared.runAndReadAll();
      } catch (e) {
        console.warn('  (not replayed natively:', String(e).slice(0, 120), ')');
      }
      total += performance.now() - t0;
    }
    nativeMs.push(total);
  }
  conn.closeSync();
  instance.closeSync();

  const interactions = INTERACTIONS.map((it, i) => ({
    view: it.view,
    kind: it.kind,
    medianMs: round(median(inter[i]!)),
    p95Ms: round(p95(inter[i]!)),
    wasmQueryMs: round(lastQueries[i]!.reduce((a, q) => a + q.ms, 0)),
    nativeQueryMs: round(nativeMs[i]!),
    longestTaskP95Ms: round(p95(longest[i]!)),
  }));
  const perView: SizeResult['perView'] = {};
  for (const view of new Set(INTERACTIONS.map((x) => x.view))) {
    const all = INTERACTIONS.flatMap((x, i) => (x.view === view ? inter[i]! : []));
    perView[view] = { medianMs: round(median(all)), p95Ms: round(p95(all)) };
  }
  const all = inter.flat();
  const wasm = interactions.reduce((a, x) => a + x.wasmQueryMs, 0);
  const native = interactions.reduce((a, x) => a + x.nativeQueryMs, 0);
  return {
    seizures: n,
    coldStartMs: round(median(cold)),
    duckdbReadyMs: round(median(duckReady)),
    cubeBuildMs: round(median(cubeBuild)),
    linkRestoreMs: round(median(link)),
    views: Object.fromEntries(Object.entries(viewTimes).map(([k, v]) => [k, round(median(v))])),
    interactions,
    perView,
    overall: { medianMs: round(median(all)), p95Ms: round(p95(all)) },
    mainThread: {
      longestMedianMs: round(median(longest.flat())),
      longestP95Ms: round(p95(longest.flat())),
      blockingP95Ms: round(p95(blocking)),
    },
    wasmOverNative: native > 0 ? Number((wasm / native).toFixed(2)) : 0,
    peakJsHeapMb: Number((peakHeap / 1e6).toFixed(1)),
    duckdbMemoryMb: Number((duckMem / 1e6).toFixed(1)),
    mosaic: SEQUENCES.map((seq, i) => ({
      name: seq.name,
      steps: (compared[i] ?? []).map((c) => ({
        label: c.label,
        oursMs: round(median(c.oursMs)),
        oursDataMs: round(median(c.oursDataMs)),
        mosaicMs: round(median(c.mosaicMs)),
      })),
    })),
  };
}

/** Cold starts on the bundled default dataset: where the time goes before the first view. */
interface DefaultStart {
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

async function benchDefaultStart(url: string): Promise<DefaultStart> {
  const runs: DefaultStart[] = [];
  for (let run = 0; run < RUNS; run++) {
    const b = await launchBrowser(url);
    await b.page.goto(`${url}?bench#/overview?v=2`);
    const settled = await settledAfter(b, 0);
    const marks = await b.page.evaluate(() => ({
      boot: performance.getEntriesByName('atlas:boot-start')[0]?.startTime ?? 0,
      duck: performance.getEntriesByName('atlas:duckdb-ready')[0]?.startTime ?? 0,
    }));
    runs.push({
      scriptMs: marks.boot,
      duckdbStartMs: marks.duck - marks.boot,
      beyondDuckdbMs: settled - marks.duck,
      totalMs: settled,
    });
    await b.close();
  }
  const med = (k: keyof DefaultStart) => round(median(runs.map((r) => r[k])));
  return {
    scriptMs: med('scriptMs'),
    duckdbStartMs: med('duckdbStartMs'),
    beyondDuckdbMs: med('beyondDuckdbMs'),
    totalMs: med('totalMs'),
  };
}

function bundleSizes() {
  // The build's own files, not their precompressed copies.
  const files = readdirSync('dist/assets').filter((f) => !/\.(br|gz)$/.test(f));
  const gz = (pred: (f: string) => boolean) =>
    files
      .filter(pred)
      .reduce((a, f) => a + gzipSync(readFileSync(join('dist/assets', f)), { level: 9 }).length, 0);
  return {
    appJsGzipKb: round(
      gz((f) => f.endsWith('.js') && !f.includes('duckdb') && !f.includes('maplibre-gl-worker')) /
        1024,
    ),
    duckdbWorkerGzipKb: round(gz((f) => f.endsWith('.js') && f.includes('duckdb')) / 1024),
    maplibreWorkerGzipKb: round(gz((f) => f.includes('maplibre-gl-worker')) / 1024),
    wasmGzipKb: round(gz((f) => f.endsWith('.wasm')) / 1024),
  };
}

/** The issue's targets, each with its figure at every size measured, met or not. */
function targets(results: SizeResult[], start: DefaultStart): string[] {
  const lines = ['| target | figure | met |', '| --- | --- | :---: |'];
  const mark = (ok: boolean) => (ok ? 'yes' : '**no**');
  const bound = (n: number) => (n >= 10_000_000 ? 250 : 100);
  for (const r of results) {
    const size = r.seizures.toLocaleString('en');
    const worst = [...r.interactions].sort((a, b) => b.p95Ms - a.p95Ms)[0]!;
    const over = r.interactions.filter((x) => x.p95Ms > bound(r.seizures)).length;
    lines.push(
      `| every interaction p95 ≤ ${bound(r.seizures)} ms at ${size} | worst: ${worst.view} · ${worst.kind} ${worst.p95Ms} ms; ${over} of ${r.interactions.length} over | ${mark(over === 0)} |`,
    );
    const slowest = Object.entries(r.views).sort((a, b) => b[1] - a[1])[0]!;
    lines.push(
      `| opening any view ≤ 1.5 s at ${size} | slowest: ${slowest[0]} ${slowest[1]} ms | ${mark(slowest[1] <= 1500)} |`,
    );
    lines.push(
      `| heavy shared link ≤ 5 s at ${size} | ${r.linkRestoreMs} ms | ${mark(r.linkRestoreMs <= 5000)} |`,
    );
    lines.push(
      `| main thread per interaction ≤ 50 ms p95 at ${size} | longest task p95 ${r.mainThread.longestP95Ms} ms (median ${r.mainThread.longestMedianMs}); blocking p95 ${r.mainThread.blockingP95Ms} ms | ${mark(r.mainThread.longestP95Ms <= 50)} |`,
    );
  }
  lines.push(
    `| cold start, default dataset, ≤ 1.5 s beyond DuckDB's start | ${start.beyondDuckdbMs} ms beyond; DuckDB's start ${start.duckdbStartMs} ms; first view painted and engine asked for at ${start.scriptMs} ms; total ${start.totalMs} ms | ${mark(start.beyondDuckdbMs <= 1500)} |`,
  );
  return lines;
}

/**
 * Per step: the app's time to the drawn Overview, the app's queries for the same three panels,
 * Mosaic's, and the ratio of Mosaic's to the app's queries (above 1: the app is faster).
 */
function mosaicTables(results: SizeResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const seq of r.mosaic) {
      if (!seq.steps.length) continue;
      lines.push(
        '',
        `Mosaic comparison at ${r.seizures.toLocaleString('en')} seizures, ${seq.name} (median of ${RUNS} runs; both over the same DuckDB-WASM and dataset; "data" is the time until the three other panels' results are in, no drawing):`,
        '',
        '| step | ours, drawn view | ours, data | Mosaic (pre-aggregation on), data | Mosaic ÷ ours (data) |',
        '| --- | ---: | ---: | ---: | ---: |',
      );
      for (const st of seq.steps) {
        lines.push(
          `| ${st.label} | ${st.oursMs} ms | ${st.oursDataMs} ms | ${st.mosaicMs} ms | ${(st.mosaicMs / Math.max(1, st.oursDataMs)).toFixed(2)} |`,
        );
      }
      const col = (k: 'oursMs' | 'oursDataMs' | 'mosaicMs') => seq.steps.map((x) => x[k]);
      const mp = (xs: number[]) => `${round(median(xs))} / ${round(p95(xs))} ms`;
      lines.push(
        `| **median / p95** | ${mp(col('oursMs'))} | ${mp(col('oursDataMs'))} | ${mp(col('mosaicMs'))} | ${(median(col('mosaicMs')) / Math.max(1, median(col('oursDataMs')))).toFixed(2)} / ${(p95(col('mosaicMs')) / Math.max(1, p95(col('oursDataMs')))).toFixed(2)} |`,
      );
    }
  }
  return lines;
}

function markdown(
  results: SizeResult[],
  bundle: ReturnType<typeof bundleSizes>,
  start: DefaultStart,
): string {
  const sizes = results.map((r) => r.seizures.toLocaleString('en'));
  const row = (label: string, f: (r: SizeResult) => string | number) =>
    `| ${label} | ${results.map((r) => f(r)).join(' | ')} |`;
  const lines = [
    `| measure (median of ${RUNS} runs) | ${sizes.map((s) => `${s} seizures`).join(' | ')} |`,
    `| --- | ${results.map(() => '---:').join(' | ')} |`,
    row('cold start → settled Overview', (r) => `${r.coldStartMs} ms`),
    row('… of which DuckDB-WASM start', (r) => `${r.duckdbReadyMs} ms`),
    row('… of which opening the stored cubes (attach → cubes ready)', (r) => `${r.cubeBuildMs} ms`),
    row('heavy shared link → restored view', (r) => `${r.linkRestoreMs} ms`),
    row(
      'interaction, overall median / p95',
      (r) => `${r.overall.medianMs} / ${r.overall.p95Ms} ms`,
    ),
    ...[...new Set(INTERACTIONS.map((x) => x.view))].map((v) =>
      row(
        `interaction on ${v}, median / p95`,
        (r) => `${r.perView[v]!.medianMs} / ${r.perView[v]!.p95Ms} ms`,
      ),
    ),
    row(
      'main thread per interaction: longest task median / p95',
      (r) => `${r.mainThread.longestMedianMs} / ${r.mainThread.longestP95Ms} ms`,
    ),
    ...Object.keys(results[0]?.views ?? {}).map((v) => row(`open ${v}`, (r) => `${r.views[v]} ms`)),
    row('query time WASM / native DuckDB (2 threads)', (r) => `${r.wasmOverNative}×`),
    row('peak JS heap (page)', (r) => `${r.peakJsHeapMb} MB`),
    row('DuckDB memory in use', (r) => `${r.duckdbMemoryMb} MB`),
  ];
  lines.push(
    '',
    `Bundle (gzip): app JS ${bundle.appJsGzipKb} KiB, DuckDB worker ${bundle.duckdbWorkerGzipKb} KiB, maplibre worker ${bundle.maplibreWorkerGzipKb} KiB, DuckDB wasm ${bundle.wasmGzipKb} KiB.`,
    '',
    'Every interaction, median / p95 (longest main-thread task p95):',
    '',
    `| view | interaction | ${sizes.join(' | ')} |`,
    `| --- | --- | ${results.map(() => '---:').join(' | ')} |`,
    ...INTERACTIONS.map(
      (it, i) =>
        `| ${it.view} | ${it.kind} | ${results.map((r) => `${r.interactions[i]!.medianMs} / ${r.interactions[i]!.p95Ms} ms (${r.interactions[i]!.longestTaskP95Ms})`).join(' | ')} |`,
    ),
    '',
    'Targets:',
    '',
    ...targets(results, start),
    ...mosaicTables(results),
  );
  return `${lines.join('\n')}\n`;
}

// --- main
await ensureDefaultDataset();
const dirs = new Map<number, string>();
for (const n of SIZES) dirs.set(n, await ensureBenchDataset(n));
console.log('Building the app…');
await build({ logLevel: 'warn' });
const unpublish = publishDatasets(dirs);
// BENCH_ENGINE=native: the views' queries run on native DuckDB in this process, as
// `npm run serve -- --engine native` runs them (no DuckDB-WASM in the page, so no Mosaic).
const native = ENGINE === 'native' ? new NativeEngine('dist/data') : undefined;
const server = await serveStatic('dist', 0, '127.0.0.1', { native });
const results: SizeResult[] = [];
let start: DefaultStart;
try {
  console.log(`Cold starts on the default dataset (${RUNS} runs)…`);
  start = await benchDefaultStart(server.url);
  for (const n of SIZES) {
    console.log(`Benchmarking ${n.toLocaleString('en')} seizures (${RUNS} runs)…`);
    const manifest = JSON.parse(readFileSync(join(dirs.get(n)!, 'manifest.json'), 'utf8')) as {
      dateRange: { from: string; to: string };
    };
    results.push(
      await benchSize(server.url, n, resolve(dirs.get(n)!, 'atlas.duckdb'), [
        manifest.dateRange.from,
        manifest.dateRange.to,
      ]),
    );
  }
} finally {
  await server.close();
  native?.close();
  unpublish();
}
const bundle = bundleSizes();
mkdirSync(OUT, { recursive: true });
const md = markdown(results, bundle, start);
writeFileSync(
  join(OUT, `${STEM}.json`),
  `${JSON.stringify({ date: new Date().toISOString(), engine: ENGINE, runs: RUNS, start, results, bundle }, null, 2)}\n`,
);
writeFileSync(join(OUT, `${STEM}.md`), md);
console.log(`\n${md}`);
