/**
 * Loads a dataset into a started DuckDB: fetch and validate the manifest, bring the DuckDB file
 * in (whole, with progress, when small; by HTTP range reads when large), attach it read-only and
 * make it the default catalog. Only same-origin URLs under `data/` are ever requested.
 */
import { DuckDBDataProtocol } from '@duckdb/duckdb-wasm';
import type { Table } from 'apache-arrow';
import type { BrowserDuckDB } from './browserEngine';
import { AtlasError } from './errors';
import { CUBE_NAMES, CUBE_VERSION, buildCubeQueries, summedColumns } from '../sql/cube';
import type { SqlModel } from '../sql/model';
import { quoteLiteral } from '../sql/literal';
import { weightsOf } from '../model/catalogue';
import { isDatasetName } from '../model/viewState';
import { ManifestSchema, catalogueOf, type DatasetManifest } from './manifest';
import { DATASET_DIRECTORY, lockDownStatements } from './sandbox';
import { isLocalDataset, readLocalDataset } from './localDatasets';
import { attachStoredTables, type StoredTable } from './storedTables';

/**
 * Oldest dataset generator whose schema this app reads (version 2 added places.iso_numeric;
 * version 3 the `subdivisions` gazetteer and ISO 3166-2 codes in `seizures.admin1`; version 4
 * the route ends' subdivisions, `origin_admin1` and `destination_admin1`).
 */
export const MIN_GENERATOR_VERSION = 4;

/** Above this size the file is read by range requests instead of downloaded whole. */
export const RANGE_READ_THRESHOLD = 96 * 1024 * 1024;

/** Progress of the download, 0–1. */
export type LoadProgress = (fraction: number) => void;

/** The folder URL of a dataset, relative to the app. */
export function datasetBaseUrl(name: string): string {
  if (!isDatasetName(name)) throw new AtlasError('invalid_data', `Invalid dataset name: ${name}`);
  return `${import.meta.env.BASE_URL}data/${name}/`;
}

/** Fetches and validates a dataset's manifest. */
export async function fetchManifest(name: string): Promise<DatasetManifest> {
  const url = `${datasetBaseUrl(name)}manifest.json`;
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-cache' });
  } catch (e) {
    throw new AtlasError('network', `Could not fetch ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new AtlasError('io', `Dataset "${name}" not found (${res.status} for ${url})`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new AtlasError('invalid_data', `The manifest of "${name}" is not valid JSON`);
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AtlasError(
      'invalid_data',
      `The manifest of "${name}" is malformed at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`,
    );
  }
  if (parsed.data.generatorVersion < MIN_GENERATOR_VERSION) {
    throw new AtlasError(
      'invalid_data',
      `Dataset "${name}" was written by generator version ${parsed.data.generatorVersion}; this app needs version ${MIN_GENERATOR_VERSION} or later. Regenerate it with "npm run datasets".`,
    );
  }
  return parsed.data;
}

/**
 * The size of a response's body as it will be read: its `Content-Length`, unless the body is
 * encoded (then the header counts compressed bytes), or null when unknown.
 */
function bodyLength(res: Response): number | null {
  const encoded = (res.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
  const length = Number(res.headers.get('Content-Length') ?? NaN);
  return !encoded && Number.isSafeInteger(length) && length > 0 ? length : null;
}

/**
 * Reads a response's body whole. With `expected` bytes, into one buffer with progress, and a body
 * longer or shorter than that is refused; without, in chunks, with progress only at the end.
 */
async function readBody(
  res: Response,
  url: string,
  expected: number | null,
  onProgress?: LoadProgress,
): Promise<Uint8Array> {
  if (!res.body) throw new AtlasError('io', `Could not download ${url} (no body)`);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  const buffer = expected === null ? null : new Uint8Array(expected);
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (buffer) {
      if (offset + value.length > buffer.length) {
        await reader.cancel();
        throw new AtlasError('invalid_data', `${url} is larger than its server says`);
      }
      buffer.set(value, offset);
      onProgress?.((offset + value.length) / buffer.length);
    } else chunks.push(value);
    offset += value.length;
  }
  if (buffer) {
    if (offset !== buffer.length) {
      throw new AtlasError(
        'invalid_data',
        `${url} is truncated (${offset} of ${buffer.length} bytes)`,
      );
    }
    return buffer;
  }
  const whole = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  onProgress?.(1);
  return whole;
}

/**
 * Whether a DuckDB file of `bytes` (null: unknown) is read by HTTP ranges rather than downloaded
 * whole: the manifest's `read` when it says, else by size (`RANGE_READ_THRESHOLD`).
 */
export function readsByRanges(manifest: DatasetManifest, bytes: number | null): boolean {
  const { read } = manifest.duckdb;
  return read ? read === 'ranges' : bytes !== null && bytes > RANGE_READ_THRESHOLD;
}

/** A dataset fetched and ready to attach: the whole file, or its URL for range reads. */
export interface FetchedDataset {
  manifest: DatasetManifest;
  url: string;
  bytes: Uint8Array | null;
  /** The tables of a dataset imported in this browser (read from its storage, not `data/`). */
  tables?: StoredTable[];
}

/**
 * Fetches the manifest and, when the file is small enough, the whole DuckDB file. Needs no
 * engine, so it runs while DuckDB-WASM is still starting; `onManifest` gets the manifest as soon
 * as it is in (the boot screen shows what the dataset holds while the engine streams in), and the
 * file's download starts once what it returns has resolved.
 */
export async function fetchDataset(
  name: string,
  onProgress?: LoadProgress,
  onManifest?: (manifest: DatasetManifest) => void | Promise<void>,
): Promise<FetchedDataset> {
  if (isLocalDataset(name)) {
    if (!isDatasetName(name)) throw new AtlasError('invalid_data', `Invalid dataset name: ${name}`);
    // An imported dataset: read from this browser's storage, never from the network.
    let local: Awaited<ReturnType<typeof readLocalDataset>>;
    try {
      local = await readLocalDataset(name);
    } catch (e) {
      throw new AtlasError(
        'invalid_data',
        `The imported dataset "${name}" could not be read from this browser's storage: ${(e as Error).message}`,
      );
    }
    if (!local) {
      throw new AtlasError(
        'io',
        `The dataset "${name}" was imported in another browser (or removed): imported datasets stay in the browser that imported them.`,
      );
    }
    await onManifest?.(local.manifest);
    onProgress?.(1);
    return { manifest: local.manifest, url: '', bytes: null, tables: local.tables };
  }
  const manifest = await fetchManifest(name);
  // The download waits for the caller to have shown what the manifest says.
  await onManifest?.(manifest);
  const url = new URL(`${datasetBaseUrl(name)}${manifest.duckdb.file}`, window.location.href).href;
  if (manifest.duckdb.read === 'ranges') {
    onProgress?.(1);
    return { manifest, url, bytes: null };
  }
  // The file's size comes with the response (the manifest need not carry it): a large file's
  // download stops at its headers and DuckDB reads it by ranges instead.
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new AtlasError('network', `Could not download ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new AtlasError('io', `Could not download ${url} (${res.status})`);
  const length = bodyLength(res) ?? manifest.duckdb.bytes ?? null;
  if (readsByRanges(manifest, length)) {
    await res.body?.cancel();
    onProgress?.(1);
    return { manifest, url, bytes: null };
  }
  return { manifest, url, bytes: await readBody(res, url, length, onProgress) };
}

/** Where a dataset's DuckDB file is registered in DuckDB's virtual file system. */
export function datasetFileName(name: string): string {
  return `${DATASET_DIRECTORY}${name}.duckdb`;
}

/**
 * Registers a fetched dataset with DuckDB and attaches it as catalog `atlas`, the default, then
 * locks the engine down (the first time): from then on no SQL can open any file but the datasets
 * registered under `DATASET_DIRECTORY`, nor change a setting (src/db/sandbox.ts). Returns what the
 * SQL builders need to know of it (`SqlModel`): its weights, and where its cubes are.
 */
export async function attachDataset(duck: BrowserDuckDB, data: FetchedDataset): Promise<SqlModel> {
  await duck.resetStatements();
  if (data.tables) {
    // An imported dataset: its stored tables become the in-memory catalog `atlas`.
    try {
      await attachStoredTables(duck.conn, 'atlas', data.tables);
      await duck.conn.query('USE atlas');
    } catch (e) {
      throw new AtlasError(
        'invalid_data',
        `Could not open the imported dataset "${data.manifest.title}": ${(e as Error).message}`,
      );
    }
  } else {
    const fileName = datasetFileName(data.manifest.name);
    if (data.bytes) await duck.db.registerFileBuffer(fileName, data.bytes);
    else await duck.db.registerFileURL(fileName, data.url, DuckDBDataProtocol.HTTP, false);
    try {
      // Replacing a dataset: leave the old catalog before detaching it.
      await duck.conn.query('USE memory');
      await duck.conn.query('DETACH DATABASE IF EXISTS atlas');
      await duck.conn.query(`ATTACH ${quoteLiteral(fileName)} AS atlas (READ_ONLY)`);
      await duck.conn.query('USE atlas');
    } catch (e) {
      throw new AtlasError(
        'invalid_data',
        `Could not open ${data.manifest.duckdb.file}: ${(e as Error).message}`,
      );
    }
  }
  performance.mark('atlas:attached');
  const weights = weightsOf(catalogueOf(data.manifest));
  const cubes = await openCubes((sql) => duck.conn.query(sql), data.manifest, weights);
  await lockDown(duck);
  return { cubes, weights };
}

/** Applies the sandbox's locked configuration once; later calls find it locked and return. */
async function lockDown(duck: BrowserDuckDB): Promise<void> {
  const locked = await duck.conn.query("SELECT current_setting('lock_configuration') AS locked");
  if (locked.getChild('locked')?.get(0) === true) return;
  for (const s of lockDownStatements([DATASET_DIRECTORY])) await duck.conn.query(s);
}

/**
 * Finds the cubes (`src/sql/cube.ts`) of the attached dataset: the ones stored in its file when
 * the manifest lists them at the current version and they are there, else builds them in
 * memory. Queries read them once they exist; if they cannot be built (e.g. memory runs out),
 * queries keep reading the tables. `run` runs one statement on the engine that attached it.
 */
export async function openCubes(
  run: (sql: string) => Promise<Table>,
  manifest: DatasetManifest,
  weights: SqlModel['weights'],
): Promise<string | null> {
  const names = Object.values(CUBE_NAMES);
  try {
    const drop = names.map((n) => `DROP TABLE IF EXISTS memory.main.${n};`).join(' ');
    if (manifest.cubes?.version === CUBE_VERSION) {
      // Both cubes, each with a column for every summed measure (a measure added since the
      // dataset was written gets the cubes rebuilt here).
      const columns = summedColumns();
      const found = await run(
        `SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE database_name = 'atlas' AND schema_name = 'main' AND table_name IN (${names.map(quoteLiteral).join(', ')}) AND column_name IN (${['n', ...columns].map(quoteLiteral).join(', ')})`,
      );
      if (Number(found.getChildAt(0)?.get(0)) === names.length * (columns.length + 1)) {
        await run(drop);
        performance.mark('atlas:cube-ready');
        return 'atlas.main';
      }
    }
    for (const q of buildCubeQueries('memory.main', { weights })) await run(q.sql);
    performance.mark('atlas:cube-ready');
    return 'memory.main';
  } catch (e) {
    console.warn('Pre-aggregation unavailable, queries read the tables:', e);
    return null;
  }
}
