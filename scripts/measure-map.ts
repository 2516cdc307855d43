/**
 * `npm run measure:map`: time from a filter change to the redrawn route map, median of 5, on the
 * default dataset and (when generated, `npm run datasets -- --seizures 1000000`) on 1M seizures.
 * A change is made by setting the address (as a shared link or back/forward would), and timed to
 * the `atlas:map-drawn` mark the map sets once new arcs and hotspots are on screen.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../tests/helpers/browser';
import { serveStatic } from './server';

const RUNS = Number(process.env.RUNS ?? 5);
const REGIONS = [
  'caribbean',
  'south_america',
  'west_africa',
  'central_africa',
  'central_america_mexico',
  'caribbean',
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const datasets = ['default'];
if (existsSync('.cache/datasets/s1000000/atlas.duckdb')) {
  rmSync('dist/data/s1000000', { recursive: true, force: true });
  mkdirSync('dist/data', { recursive: true });
  cpSync('.cache/datasets/s1000000', 'dist/data/s1000000', {
    recursive: true,
    filter: (f) => !f.endsWith('.parquet'),
  });
  datasets.push('s1000000');
}

const server = await serveStatic('dist');
const results: Record<string, { medianMs: number; samplesMs: number[] }> = {};
try {
  for (const ds of datasets) {
    const b = await launchBrowser(server.url);
    const base = `${server.url}#/map?v=2${ds === 'default' ? '' : `&ds=${ds}`}`;
    await b.page.goto(base);
    await b.page.waitForFunction(
      () => performance.getEntriesByName('atlas:map-drawn').length > 0,
      null,
      { timeout: 180_000 },
    );
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const hash = new URL(`${base}&r=${REGIONS[i % REGIONS.length]}`).hash;
      const ms = await b.page.evaluate(
        (h) =>
          new Promise<number>((resolve) => {
            performance.clearMarks('atlas:map-drawn');
            const t0 = performance.now();
            const timer = setInterval(() => {
              const m = performance.getEntriesByName('atlas:map-drawn')[0];
              if (
                m &&
                document.querySelector('[data-panel="map"]')?.getAttribute('aria-busy') === 'false'
              ) {
                clearInterval(timer);
                resolve(m.startTime - t0);
              }
            }, 5);
            location.hash = h;
          }),
        hash,
      );
      samples.push(Math.round(ms));
    }
    results[ds] = { medianMs: median(samples), samplesMs: samples };
    console.log(ds, results[ds]);
    await b.close();
  }
} finally {
  await server.close();
  rmSync('dist/data/s1000000', { recursive: true, force: true });
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/map-update.json', `${JSON.stringify(results, null, 2)}\n`);
