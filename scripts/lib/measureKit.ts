/**
 * What the measuring scripts (`bench`, `measure:range`, `measure:views`) share: the cached
 * benchmark datasets, publishing them into the built app, and waiting for the app's
 * `atlas:settled` mark.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCubes } from '../../datasets/lib/cubes';
import { DEFAULT_SEED, generateDataset } from '../../datasets/lib/dataset';
import { GENERATOR_VERSION } from '../../datasets/lib/write';
import type { RecordedBrowser } from '../../tests/helpers/browser';
import { writeDatasetIndex } from './datasetIndex';

/** Where the dataset of `n` seizures is cached. */
export const benchDatasetDir = (n: number) => `.cache/datasets/s${n}`;

/**
 * Seizures of the dataset the Records end-to-end test scrolls through (made before the suite).
 * 300,000 rows of 34 px are 10.2M px, past the table's 8M px scroll range, so the test proves what
 * a million would (a compressed scroll range, deep windows through an order index) in a third of
 * the time to make; `npm run measure:records` times the same at a million.
 */
export const RECORDS_TEST_SEIZURES = 300_000;

/**
 * The dataset of `n` seizures, generated when missing or written by another generator version
 * (1M: about a minute; 10M: about 11 minutes), with current cubes. Returns its folder.
 */
export async function ensureBenchDataset(n: number): Promise<string> {
  const dir = benchDatasetDir(n);
  const manifest = join(dir, 'manifest.json');
  const current =
    existsSync(manifest) &&
    (JSON.parse(readFileSync(manifest, 'utf8')) as { generatorVersion: number })
      .generatorVersion === GENERATOR_VERSION;
  if (!current) {
    console.log(`Generating ${n.toLocaleString('en')} seizures…`);
    await generateDataset({ seizures: n, seed: DEFAULT_SEED, outDir: dir, name: `s${n}` });
  }
  if (await ensureCubes(dir)) console.log(`Wrote the cubes into ${dir}`);
  return dir;
}

/**
 * Copies cached datasets into `dist/data/s<n>` (a copy, not a link: the static server serves
 * real files only; Parquet is left out) and returns a function that removes them again.
 */
export function publishDatasets(dirs: ReadonlyMap<number, string>): () => void {
  return publishNamedDatasets([...dirs].map(([n, dir]) => [`s${n}`, dir]));
}

/** Copies datasets into `dist/data/<name>` (and lists them); returns a function that removes them. */
export function publishNamedDatasets(entries: readonly (readonly [string, string])[]): () => void {
  mkdirSync('dist/data', { recursive: true });
  for (const [name, dir] of entries) {
    rmSync(`dist/data/${name}`, { recursive: true, force: true });
    cpSync(dir, `dist/data/${name}`, {
      recursive: true,
      filter: (f) => !f.endsWith('.parquet') && !f.includes('.staging'),
    });
  }
  writeDatasetIndex('dist/data');
  return () => {
    for (const [name] of entries) rmSync(`dist/data/${name}`, { recursive: true, force: true });
    writeDatasetIndex('dist/data');
  };
}

/**
 * Waits for the first `atlas:settled` mark after `since` (page time) with nothing busy and a
 * panel drawn, and returns its time. Throws if the app shows a full-page error.
 */
export async function settledAfter(
  b: RecordedBrowser,
  since: number,
  timeout = 300_000,
): Promise<number> {
  const handle = await b.page.waitForFunction(
    (t0) => {
      const marks = performance.getEntriesByName('atlas:settled').filter((m) => m.startTime > t0);
      const busy = document.querySelector('[aria-busy="true"]');
      const drawn = document.querySelector('#main [data-panel]');
      if (document.querySelector('.fatal'))
        throw new Error(document.querySelector('.fatal')!.textContent ?? 'fatal');
      return !busy && drawn && marks.length > 0 ? marks[marks.length - 1]!.startTime : false;
    },
    since,
    { timeout, polling: 10 },
  );
  return (await handle.jsonValue()) as number;
}
