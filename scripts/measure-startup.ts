/**
 * `npm run measure:startup`: opens the built app five times in fresh headless Chromium profiles
 * and prints the median time from navigation to each start-up mark, plus gzip sizes of the
 * build. Figures go to test-results/startup.json. (The full benchmark is `npm run bench`.)
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
