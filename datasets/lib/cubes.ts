/**
 * The cubes (`src/sql/cube.ts`) stored in a dataset's DuckDB file, so the browser reads a few MB
 * of pre-aggregated rows instead of scanning the tables when it opens the data. The generator
 * writes them as its last step; `ensureCubes` adds or rewrites them in a dataset written before
 * (or with cubes of another `CUBE_VERSION`) without regenerating its rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EVENTS_ON_TABLES, type SqlModel } from '../../src/sql/model';
import { CUBE_VERSION, buildCubeQueries } from '../../src/sql/cube';
import type { DatasetSummary } from '../../src/db/manifest';
import { datasetSummary } from './summary';

/** What the manifest says of stored cubes. */
export interface StoredCubes {
  version: number;
}

/**
 * Builds the cubes into `schema` (e.g. `atlas.main`) from the tables `seizures`, `firearms` and
 * `traces` of the connection's current catalog.
 */
export async function writeCubes(
  conn: DuckDBConnection,
  schema: string,
  weights: SqlModel['weights'] = EVENTS_ON_TABLES.weights,
): Promise<StoredCubes> {
  // The generator writes event rows (every row one seizure, firearm or trace request); an import
  // may write aggregates, whose weights the cubes sum.
  for (const q of buildCubeQueries(schema, { weights })) await conn.run(q.sql);
  return { version: CUBE_VERSION };
}

/**
 * Makes sure the dataset in `dir` holds cubes of the current version and its manifest its
 * headline figures (`summary`): writes what is missing into its `atlas.duckdb` and manifest
 * (cubes, summary). Returns true when it wrote anything.
 */
export async function ensureCubes(dir: string): Promise<boolean> {
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    duckdb: { file: string; bytes?: number };
    cubes?: StoredCubes;
    summary?: DatasetSummary;
  };
  const current = manifest.cubes?.version === CUBE_VERSION;
  if (current && manifest.summary) return false;
  const file = join(dir, manifest.duckdb.file);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${file.replaceAll("'", "''")}' AS atlas`);
    await conn.run('USE atlas');
    if (!current) manifest.cubes = await writeCubes(conn, 'atlas.main');
    manifest.summary ??= await datasetSummary(conn);
    await conn.run('USE memory');
    await conn.run('CHECKPOINT atlas');
    await conn.run('DETACH atlas');
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  // Older manifests recorded the file's size, which writing cubes changes: drop it.
  delete manifest.duckdb.bytes;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
}
