/**
 * `npm run measure:views`: time from a filter change to the updated view, median of 5, for every
 * view, on the default dataset and (when generated, `npm run datasets -- --seizures 1000000`) on
 * 1M seizures. A change is made by setting the address (as a shared link or back/forward would)
 * and timed until every panel of the view shows its new data (for the map: to the
 * `atlas:map-drawn` mark set once new arcs and hotspots are on screen).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../tests/helpers/browser';
import { benchDatasetDir, ensureBenchDataset, publishDatasets } from './lib/measureKit';
import { serveStatic } from './server';

const RUNS = Number(process.env.RUNS ?? 5);
const VIEWS = (
  process.env.VIEWS ?? 'overview,map,trends,flows,patterns,traces,operations,records'
).split(',');
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
// The 1M dataset when the benchmark has cached it.
const published = new Map<number, string>();
if (existsSync(`${benchDatasetDir(1_000_000)}/atlas.duckdb`)) {
  published.set(1_000_000, await ensureBenchDataset(1_000_000));
  datasets.push('s1000000');
}
const unpublish = publishDatasets(published);

const server = await serveStatic('dist');
const results: Record<string, Record<string, { medianMs: number; samplesMs: number[] }>> = {};
try {
  for (const ds of datasets) {
    results[ds] = {};
    const b = await launchBrowser(server.url);
    for (const view of VIEWS) {
      const base = `${server.url}#/${view}?v=2${ds === 'default' ? '' : `&ds=${ds}`}`;
      await b.page.goto(base);
      await b.page.waitForSelector(`#main[data-view="${view}"] [data-panel]`, { timeout: 180_000 });
      await b.page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
        timeout: 180_000,
      });
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const hash = new URL(`${base}&r=${REGIONS[i % REGIONS.length]}`).hash;
        const ms = await b.page.evaluate(
          ([h, isMap]) =>
            new Promise<number>((resolve) => {
              performance.clearMarks('atlas:map-drawn');
              const t0 = performance.now();
              let sawBusy = false;
              const timer = setInterval(() => {
                const busy = !!document.querySelector('[aria-busy="true"]');
                sawBusy ||= busy;
                const drawn = performance.getEntriesByName('atlas:map-drawn')[0];
                if (isMap ? drawn && !busy : sawBusy && !busy) {
                  clearInterval(timer);
                  resolve((isMap ? drawn!.startTime : performance.now()) - t0);
                }
              }, 4);
              location.hash = h;
            }),
          [hash, view === 'map'] as const,
        );
        samples.push(Math.round(ms));
      }
      results[ds]![view] = { medianMs: median(samples), samplesMs: samples };
      console.log(ds, view, results[ds]![view]);
    }
    await b.close();
  }
} finally {
  await server.close();
  unpublish();
}
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/view-updates.json', `${JSON.stringify(results, null, 2)}\n`);
