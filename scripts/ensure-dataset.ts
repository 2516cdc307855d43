/**
 * Generates the default dataset when it is missing or was written by an older generator, so
 * `npm start`, `npm run build` and the tests always run on current data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeDatasetIndex } from './lib/datasetIndex';
import { DEFAULT_SEED, DEFAULT_SEIZURES, generateDataset } from '../datasets/lib/dataset';
import { ensureCubes } from '../datasets/lib/cubes';
import { GENERATOR_VERSION } from '../datasets/lib/write';

/** Output folder of the default dataset (served by the app as `data/default/`). */
export const DEFAULT_DATASET_DIR = 'public/data/default';

/** True when the default dataset exists and matches the current generator. */
export function defaultDatasetIsCurrent(dir = DEFAULT_DATASET_DIR): boolean {
  const path = `${dir}/manifest.json`;
  if (!existsSync(path)) return false;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as {
      generatorVersion?: number;
      seed?: number;
      rows?: { seizures?: number };
    };
    return (
      m.generatorVersion === GENERATOR_VERSION &&
      m.seed === DEFAULT_SEED &&
      existsSync(`${dir}/atlas.duckdb`)
    );
  } catch {
    return false;
  }
}

/** Generates the default dataset if needed, and brings its stored cubes up to date. */
export async function ensureDefaultDataset(): Promise<void> {
  if (!defaultDatasetIsCurrent()) {
    console.log('Generating the default dataset (about 5 s)…');
    await generateDataset({
      seizures: DEFAULT_SEIZURES,
      seed: DEFAULT_SEED,
      outDir: DEFAULT_DATASET_DIR,
      name: 'default',
    });
  }
  await ensureCubes(DEFAULT_DATASET_DIR);
  writeDatasetIndex('public/data');
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureDefaultDataset();
