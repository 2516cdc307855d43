/**
 * The unit-test fixture: a small dataset made by the real generator (same code as the default
 * dataset, fewer seizures), written once per test run under `.cache/fixtures/`.
 */
import { existsSync } from 'node:fs';
import { ensureCubes } from '../../datasets/lib/cubes';
import { generateAggregateDataset } from '../../datasets/lib/aggregate';
import { generateDataset } from '../../datasets/lib/dataset';
import { GENERATOR_VERSION } from '../../datasets/lib/write';

/** Seizures in the fixture (on top of the fixed operation blocks). */
export const FIXTURE_SEIZURES = 3000;
/** Seed of the fixture. */
export const FIXTURE_SEED = 7;
/** Where the fixture lives. */
export const FIXTURE_DIR = `.cache/fixtures/v${GENERATOR_VERSION}-s${FIXTURE_SEIZURES}-seed${FIXTURE_SEED}`;

/** Generates the fixture unless it already exists. */
export async function ensureFixture(): Promise<string> {
  if (!existsSync(`${FIXTURE_DIR}/manifest.json`)) {
    await generateDataset({
      seizures: FIXTURE_SEIZURES,
      seed: FIXTURE_SEED,
      outDir: FIXTURE_DIR,
      name: 'fixture',
    });
  }
  await ensureCubes(FIXTURE_DIR);
  return FIXTURE_DIR;
}

/** Where the aggregate-only fixture (`datasets/lib/aggregate.ts`) lives. */
export const AGGREGATE_DIR = `.cache/fixtures/v${GENERATOR_VERSION}-aggregate`;

/** Generates the aggregate-only fixture unless it already exists. */
export async function ensureAggregateFixture(
  dir = AGGREGATE_DIR,
  name = 'aggregate',
): Promise<string> {
  if (!existsSync(`${dir}/manifest.json`)) await generateAggregateDataset(dir, name);
  return dir;
}
