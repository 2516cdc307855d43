/**
 * `npm run measure:records`: the records table and the SQL console at scale. Serves the
 * production build with a cached benchmark dataset (10M seizures by default, generated once by
 * `npm run bench` or here) and measures, median of RUNS runs:
 * - time to first rows of the Records view (click on "Records" → first window drawn),
 * - a scroll jump to the middle (scroll → rows there drawn), and to the end,
 * - a sort by another column (click → first rows in the new order),
 * - the console: start of its own engine, and the cancel latency of a runaway query
 *   (click on Cancel → message shown; the engine keeps its temp tables),
 * - the Overview's update time while that runaway query runs (the views are not blocked).
 * Writes bench-results/records.json and prints the figures.
 *
 *   RECORDS_SIZE=10000000 RUNS=3 npm run measure:records
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { launchBrowser, waitForIdle, waitForShell } from '../tests/helpers/browser';
import { ensureBenchDataset, publishDatasets, settledAfter } from './lib/measureKit';
import { serveStatic } from './server';

const n = Number(process.env.RECORDS_SIZE ?? 10_000_000);
const runs = Number(process.env.RUNS ?? 3);
const RUNAWAY = 'SELECT sum(a.range * b.range) FROM range(300000) a, range(300000) b';
const src = await ensureBenchDataset(n);
await build({ logLevel: 'warn' });
const unpublish = publishDatasets(new Map([[n, src]]));
const server = await serveStatic('dist');
const samples: Record<string, number[]> = {};
const add = (k: string, ms: number) => {
  (samples[k] ??= []).push(Math.round(ms));
  console.log(`  ${k}: ${Math.round(ms)} ms`);
};

/** True once rows near `near` are drawn and loaded in the records table (runs in the page). */
function rowsDrawn(near: number): boolean {
  const trs = [...document.querySelectorAll('[data-testid="records-table"] tbody tr.vtable__row')];
  return (
    trs.length > 5 &&
    !trs.some((t) => t.querySelector('.vtable__pending')) &&
    Math.abs(Number(trs[0]!.getAttribute('data-index')) - near) < 60
  );
}

try {
  for (let run = 0; run < runs; run++) {
    const b = await launchBrowser(server.url);
    const page = b.page;
    await page.goto(`${server.url}#/overview?v=2&ds=s${n}`);
    await settledAfter(b, 0, 600_000);
    const now = () => page.evaluate(() => performance.now());
    const until = async (near: number, timeout = 600_000) => {
      await page.waitForFunction(rowsDrawn, near, { timeout, polling: 5 });
      return now();
    };

    let t0 = await now();
    await page.getByRole('link', { name: 'Records' }).click();
    add('records: first rows', (await until(0)) - t0);
    await waitForIdle(page, 600_000);

    for (const [label, f] of [
      ['records: scroll jump to the middle', 0.5],
      ['records: scroll jump to the end', 1],
    ] as const) {
      t0 = await page.evaluate((fraction) => {
        const el = document.querySelector('[data-testid="records-table"]')!;
        el.scrollTop = (el.scrollHeight - el.clientHeight) * fraction;
        return performance.now();
      }, f);
      add(label, (await until(f === 1 ? n - 25 : n * f)) - t0);
    }
    await page.evaluate(
      () => (document.querySelector('[data-testid="records-table"]')!.scrollTop = 0),
    );
    await until(0);
    t0 = await now();
    await page.getByRole('button', { name: 'Sort by Firearms' }).click();
    await page.waitForFunction(() => location.hash.includes('ts=firearms_count'), null, {
      timeout: 60_000,
    });
    add('records: sort by firearms', (await until(0)) - t0);

    /** Sets the From date and times the header figures' update (page clock, ms). */
    const headerUpdate = async (from: string) => {
      const before = await page.locator('[data-figure="seizures"] .figure__value').innerText();
      const start = await now();
      await page.getByLabel('From', { exact: true }).fill(from);
      await page.waitForFunction(
        (old) =>
          document.querySelector('.figures')?.getAttribute('data-state') === 'ready' &&
          document.querySelector('[data-figure="seizures"] .figure__value')?.textContent !== old,
        before,
        { timeout: 120_000, polling: 5 },
      );
      return (await now()) - start;
    };

    // The console: its engine's start, then a runaway query cancelled.
    t0 = await now();
    await page.getByRole('link', { name: 'SQL' }).click();
    await page
      .getByTestId('sql-schema')
      .locator('button', { hasText: 'seizures' })
      .first()
      .waitFor({
        timeout: 120_000,
      });
    add('console: engine started (schema listed)', (await now()) - t0);
    add('header update, console idle', await headerUpdate('2020-01-01'));
    await page.getByLabel('SQL query').fill(RUNAWAY);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByTestId('sql-cancel').waitFor();
    await page.waitForTimeout(1500);
    // The views keep working meanwhile: a filter change settles on their own engine.
    add('header update while a runaway query runs', await headerUpdate('2021-01-01'));
    t0 = await now();
    await page.getByTestId('sql-cancel').click();
    await page.getByTestId('sql-error').waitFor({ timeout: 30_000 });
    add('console: cancel latency of a runaway query', (await now()) - t0);
    await waitForShell(page);
    await b.close();
    console.log(`run ${run + 1} of ${runs} done`);
  }
} finally {
  await server.close();
  unpublish();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures = Object.fromEntries(
  Object.entries(samples).map(([k, xs]) => [k, { median: median(xs), runs: xs }]),
);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/records.json',
  `${JSON.stringify({ date: new Date().toISOString(), seizures: n, runs, figures }, null, 2)}\n`,
);
for (const [k, v] of Object.entries(figures))
  console.log(`${k}: ${v.median} ms (runs: ${v.runs.join(', ')})`);
