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
import { serveStatic } from './server';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
const OUT = 'bench-results';

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

/** Sets the address hash and times it to the settled mark; returns ms and the queries it ran. */
async function step(
  b: RecordedBrowser,
  hash: string,
): Promise<{ ms: number; queries: QueryTiming[] }> {
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
  return { ms: t1 - t0, queries };
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
  }[];
  perView: Record<string, { medianMs: number; p95Ms: number }>;
  overall: { medianMs: number; p95Ms: number };
  wasmOverNative: number;
  peakJsHeapMb: number;
  duckdbMemoryMb: number;
}

async function benchSize(url: string, n: number, file: string): Promise<SizeResult> {
  const ds = `s${n}`;
  const cold: number[] = [];
  const duckReady: number[] = [];
  const cubeBuild: number[] = [];
  const link: number[] = [];
  const viewTimes: Record<string, number[]> = {};
  const inter: number[][] = INTERACTIONS.map(() => []);
  let lastQueries: QueryTiming[][] = INTERACTIONS.map(() => []);
  let peakHeap = 0;
  let duckMem = 0;
  for (let run = 0; run < RUNS; run++) {
    const b = await launchBrowser(url);
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
      const { ms, queries: q } = await step(b, `#/${it.view}?v=2&ds=${ds}${it.params}`);
      inter[i]!.push(ms);
      queries.push(q.filter((x) => !x.cached));
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
      const t0 = performance.now();
      const prepared = await conn.prepare(q.sql);
      q.params.forEach((p, i) => {
        if (typeof p === 'number') prepared.bindDouble(i + 1, p);
        else if (typeof p === 'boolean') prepared.bindBoolean(i + 1, p);
        else if (p === null) prepared.bindNull(i + 1);
        else prepared.bindVarchar(i + 1, String(p));
      });
      await prepared.runAndReadAll();
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
    wasmOverNative: native > 0 ? Number((wasm / native).toFixed(2)) : 0,
    peakJsHeapMb: Number((peakHeap / 1e6).toFixed(1)),
    duckdbMemoryMb: Number((duckMem / 1e6).toFixed(1)),
  };
}

function bundleSizes() {
  const files = readdirSync('dist/assets');
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

function markdown(results: SizeResult[], bundle: ReturnType<typeof bundleSizes>): string {
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
    ...Object.keys(results[0]?.views ?? {}).map((v) => row(`open ${v}`, (r) => `${r.views[v]} ms`)),
    row('query time WASM / native DuckDB (2 threads)', (r) => `${r.wasmOverNative}×`),
    row('peak JS heap (page)', (r) => `${r.peakJsHeapMb} MB`),
    row('DuckDB memory in use', (r) => `${r.duckdbMemoryMb} MB`),
  ];
  lines.push(
    '',
    `Bundle (gzip): app JS ${bundle.appJsGzipKb} KiB, DuckDB worker ${bundle.duckdbWorkerGzipKb} KiB, maplibre worker ${bundle.maplibreWorkerGzipKb} KiB, DuckDB wasm ${bundle.wasmGzipKb} KiB.`,
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
const server = await serveStatic('dist');
const results: SizeResult[] = [];
try {
  for (const n of SIZES) {
    console.log(`Benchmarking ${n.toLocaleString('en')} seizures (${RUNS} runs)…`);
    results.push(await benchSize(server.url, n, resolve(dirs.get(n)!, 'atlas.duckdb')));
  }
} finally {
  await server.close();
  unpublish();
}
const bundle = bundleSizes();
mkdirSync(OUT, { recursive: true });
const md = markdown(results, bundle);
writeFileSync(
  join(OUT, 'bench.json'),
  `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results, bundle }, null, 2)}\n`,
);
writeFileSync(join(OUT, 'bench.md'), md);
console.log(`\n${md}`);
