/**
 * `npm run bench` (not part of `npm test`): generates (and caches in .cache/datasets) the dataset
 * at 100k, 1M and 10M seizures, serves the production build, and drives headless Chromium
 * through a fixed script — cold start to a settled Overview, every view, twenty filter and
 * cross-filter changes of different kinds, a heavy shared link — timing each step to the app's
 * `atlas:settled` mark. The SQL each interaction ran is replayed on native DuckDB
 * (@duckdb/node-api) on the same file for a WASM/native ratio. Writes bench-results/bench.json
 * and bench-results/bench.md, and prints the table. Its parts are in scripts/bench/: the script
 * (scenario.ts), measuring a step (measure.ts), the Mosaic comparison (compare.ts) and the report
 * (report.ts); this file runs them per size.
 *
 *   BENCH_SIZES=100000,1000000 RUNS=5 npm run bench
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { build } from 'vite';
import type { QueryTiming } from '../src/db/coordinator';
import { launchBrowser } from '../tests/helpers/browser';
import { ensureDefaultDataset } from './ensure-dataset';
import { ensureBenchDataset, publishDatasets, settledAfter } from './lib/measureKit';
import { NativeEngine } from './lib/nativeEngine';
import { serveStatic } from './server';
import { compareWithMosaic } from './bench/compare';
import type { ComparedStep, DefaultStart, SizeResult } from './bench/measure';
import { median, p95, recordLongTasks, round, step } from './bench/measure';
import { bundleSizes, markdown } from './bench/report';
import { HEAVY, INTERACTIONS, SEQUENCES } from './bench/scenario';

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
  const interDrawn: number[][] = INTERACTIONS.map(() => []);
  const viewDrawn: Record<string, number[]> = {};
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
      const { ms, drawnMs } = await step(b, `#/${view}?v=2&ds=${ds}`);
      (viewTimes[view] ??= []).push(ms);
      (viewDrawn[view] ??= []).push(drawnMs);
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
      interDrawn[i]!.push(r.drawnMs);
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
    drawnMedianMs: round(median(interDrawn[i]!)),
    drawnP95Ms: round(p95(interDrawn[i]!)),
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
    viewsDrawn: Object.fromEntries(
      Object.entries(viewDrawn).map(([k, v]) => [k, round(median(v))]),
    ),
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
const md = markdown(results, bundle, start, RUNS);
writeFileSync(
  join(OUT, `${STEM}.json`),
  `${JSON.stringify({ date: new Date().toISOString(), engine: ENGINE, runs: RUNS, start, results, bundle }, null, 2)}\n`,
);
writeFileSync(join(OUT, `${STEM}.md`), md);
console.log(`\n${md}`);
