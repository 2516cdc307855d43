/**
 * `npm run measure:startup`: opens the built app five times in fresh headless Chromium profiles
 * and prints the median time from navigation to each start-up mark; then opens a heavy shared
 * link five times and times it until every panel shows its restored data; plus gzip sizes of the
 * build. Figures go to test-results/startup.json.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser, waitForShell } from '../tests/helpers/browser';
import { serveStatic } from './server';

const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** A heavy shared link: a dozen filters, three cross-filters, a time range, a theme. */
export const HEAVY_LINK =
  '#/overview?v=2&t=2016-01-01,2024-12-31&r=central_america_mexico,caribbean,south_america&o=USA,PRY,VEN' +
  '&ft=pistol,rifle,revolver&pt=land_border,road_checkpoint,urban,seaport&ag=police,customs,border_guard' +
  '&tm=road_vehicle,none,maritime_container&lc=drugs&x=overview.monthly~i~2019-01-01~2023-06-30' +
  '&x=overview.countries~p~country~MEX,GTM,HND,BRA,COL&m=-80.5,10.25,3.5&th=dark';

const server = await serveStatic('dist');
const samples: Record<string, number[]> = {};
try {
  for (let i = 0; i < RUNS; i++) {
    const b = await launchBrowser(server.url);
    await b.page.goto(server.url);
    await waitForShell(b.page);
    const marks = await b.page.evaluate(() =>
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('atlas:'))
        .map((m) => [m.name, m.startTime] as const),
    );
    for (const [name, t] of marks) (samples[name] ??= []).push(t);
    await b.close();
  }
  for (let i = 0; i < RUNS; i++) {
    const b = await launchBrowser(server.url);
    await b.page.goto(server.url + HEAVY_LINK);
    await b.page.waitForFunction(
      () =>
        document.querySelector('.figures[data-state="ready"]') &&
        document.querySelectorAll('[data-panel][data-state="ready"]').length >= 3 &&
        !document.querySelector('[aria-busy="true"]'),
      null,
      { timeout: 60_000, polling: 20 },
    );
    (samples['link:restored-view'] ??= []).push(await b.page.evaluate(() => performance.now()));
    await b.close();
  }
} finally {
  await server.close();
}

const assets = readdirSync('dist/assets').map((f) => {
  const bytes = readFileSync(join('dist/assets', f));
  return {
    file: f,
    bytes: statSync(join('dist/assets', f)).size,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
});
const sum = (pred: (f: string) => boolean, k: 'bytes' | 'gzip') =>
  assets.filter((a) => pred(a.file)).reduce((a, x) => a + x[k], 0);
const result = {
  runs: RUNS,
  heavyLink: { characters: HEAVY_LINK.length },
  medianMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))])),
  samplesMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map(Math.round)])),
  bundle: {
    jsGzip: sum((f) => f.endsWith('.js') && !f.includes('duckdb'), 'gzip'),
    duckdbWorkerGzip: sum((f) => f.endsWith('.js') && f.includes('duckdb'), 'gzip'),
    wasmGzip: sum((f) => f.endsWith('.wasm'), 'gzip'),
    cssGzip: sum((f) => f.endsWith('.css'), 'gzip'),
    files: assets,
  },
};
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/startup.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ medianMs: result.medianMs, samplesMs: result.samplesMs }, null, 2));
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `JS (app) gzip ${kb(result.bundle.jsGzip)}, DuckDB worker gzip ${kb(result.bundle.duckdbWorkerGzip)}, wasm gzip ${kb(result.bundle.wasmGzip)}, CSS gzip ${kb(result.bundle.cssGzip)}`,
);
