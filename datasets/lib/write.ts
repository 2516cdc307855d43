/**
 * Writes a generated dataset: the tables go into an in-memory native DuckDB (single-threaded, so
 * Parquet output is byte-for-byte reproducible), then out as one Parquet file per table (the
 * canonical, deterministic output) and as one DuckDB database file that the browser attaches.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DuckDBInstance,
  LIST,
  VARCHAR,
  dateValue,
  listValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { writeCubes, type StoredCubes } from './cubes';
import { datasetSummary } from './summary';
import type { DatasetSummary } from '../../src/db/manifest';
import { EVENTS_CATALOGUE, weightsOf, type Catalogue } from '../../src/model/catalogue';
import { TABLES, createTableSql, type TableSpec } from '../../src/model/schema';

/** Bump when the generator's output changes, so `npm start` regenerates stale data. */
export const GENERATOR_VERSION = 4;

/** What the app reads first: which files make the dataset and what they hold. */
export interface Manifest {
  manifestVersion: 1;
  generatorVersion: number;
  name: string;
  title: string;
  seed: number;
  synthetic: boolean;
  rows: Record<string, number>;
  dateRange: { from: string; to: string };
  /** The DuckDB file; its size is not recorded (it varies from run to run, see README). */
  duckdb: { file: string };
  /** Pre-aggregated tables in the DuckDB file (`src/sql/cube.ts`); absent: the app builds them. */
  cubes?: StoredCubes;
  /** Headline figures of the whole dataset, shown while the engine starts. */
  summary: DatasetSummary;
  /** Grains, fields, measures and precisions the dataset holds (`src/model/catalogue.ts`). */
  catalogue: Catalogue;
  parquet: Record<string, { file: string; bytes: number; sha256: string }>;
}

type Appender = (row: readonly unknown[]) => void;

const DAY_MS = 86_400_000;

/** An appender that converts JS values into the column types of `spec`. */
function rowAppender(appender: DuckDBAppender, spec: TableSpec): Appender {
  const writers = spec.columns.map((c): ((v: unknown) => void) => {
    const notNull = (f: (v: never) => void) => (v: unknown) =>
      v === null || v === undefined ? appender.appendNull() : f(v as never);
    switch (c.type) {
      case 'INTEGER':
        return notNull((v: number) => appender.appendInteger(v));
      case 'SMALLINT':
        return notNull((v: number) => appender.appendSmallInt(v));
      case 'BIGINT':
        return notNull((v: number) => appender.appendBigInt(BigInt(v)));
      case 'DOUBLE':
        return notNull((v: number) => appender.appendDouble(v));
      case 'BOOLEAN':
        return notNull((v: boolean) => appender.appendBoolean(v));
      case 'DATE':
        return notNull((v: number | string) =>
          appender.appendDate(
            dateValue(typeof v === 'number' ? v : Date.parse(`${v}T00:00:00Z`) / DAY_MS),
          ),
        );
      case 'VARCHAR[]':
        return notNull((v: readonly string[]) => appender.appendList(listValue(v), LIST(VARCHAR)));
      default:
        return notNull((v: string) => appender.appendVarchar(v));
    }
  });
  return (row) => {
    for (let i = 0; i < writers.length; i++) writers[i]!(row[i]);
    appender.endRow();
  };
}

/** An open dataset being written. */
export interface DatasetWriter {
  append(table: TableSpec['name'], row: readonly unknown[]): void;
  finish(meta: {
    name: string;
    title: string;
    seed: number;
    /** The dataset's catalogue (default: every grain of events, every field). */
    catalogue?: Catalogue;
    /** Store the cubes in the file (default true; the app builds missing ones in memory). */
    cubes?: boolean;
    /** False for imported (real) data; default true. */
    synthetic?: boolean;
  }): Promise<Manifest>;
}

/**
 * Opens a writer that will put its files in `outDir`. Rows are staged in a scratch DuckDB file
 * (not in memory) with a memory cap, so a 10M-seizure dataset fits on a 24 GB machine.
 */
export async function openDatasetWriter(
  outDir: string,
  tables: readonly TableSpec[] = TABLES,
): Promise<DatasetWriter> {
  mkdirSync(outDir, { recursive: true });
  const scratch = join(outDir, `.staging-${process.pid}.duckdb`);
  rmSync(scratch, { force: true });
  rmSync(`${scratch}.wal`, { force: true });
  const instance = await DuckDBInstance.create(scratch, {
    threads: '1',
    memory_limit: '3GB',
    preserve_insertion_order: 'true',
  });
  const conn: DuckDBConnection = await instance.connect();
  const appenders = new Map<string, { appender: DuckDBAppender; append: Appender }>();
  for (const t of tables) {
    await conn.run(createTableSql(t));
    const appender = await conn.createAppender(t.name);
    appenders.set(t.name, { appender, append: rowAppender(appender, t) });
  }
  return {
    append(table, row) {
      appenders.get(table)!.append(row);
    },
    async finish(meta) {
      for (const { appender } of appenders.values()) {
        appender.flushSync();
        appender.closeSync();
      }
      const rows: Record<string, number> = {};
      const parquet: Manifest['parquet'] = {};
      for (const t of tables) {
        const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${t.name}`);
        rows[t.name] = Number(count.getRows()[0]![0]);
        const file = `${t.name}.parquet`;
        const path = join(outDir, file);
        await conn.run(
          `COPY ${t.name} TO '${path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
        );
        const bytes = readFileSync(path);
        parquet[t.name] = {
          file,
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        };
      }
      const range = await conn.runAndReadAll(
        'SELECT min(seizure_date)::VARCHAR, max(seizure_date)::VARCHAR FROM seizures',
      );
      const [from, to] = range.getRows()[0] as [string | null, string | null];

      // The browser's copy: one DuckDB file, tables sorted by their key for zone-map pruning.
      await conn.run('SET threads = 2');
      const dbFile = 'atlas.duckdb';
      const tmp = join(outDir, `${dbFile}.tmp`);
      rmSync(tmp, { force: true });
      await conn.run(`ATTACH '${tmp}' AS atlas`);
      for (const t of tables) {
        await conn.run(`CREATE TABLE atlas.${t.name} AS SELECT * FROM ${t.name}`);
      }
      const cubes =
        meta.cubes === false
          ? undefined
          : await writeCubes(conn, 'atlas.main', weightsOf(meta.catalogue ?? EVENTS_CATALOGUE));
      const summary = await datasetSummary(conn, weightsOf(meta.catalogue ?? EVENTS_CATALOGUE));
      await conn.run('CHECKPOINT atlas');
      await conn.run('DETACH atlas');
      renameSync(tmp, join(outDir, dbFile));
      conn.closeSync();
      instance.closeSync();
      rmSync(scratch, { force: true });
      rmSync(`${scratch}.wal`, { force: true });

      const manifest: Manifest = {
        manifestVersion: 1,
        generatorVersion: GENERATOR_VERSION,
        name: meta.name,
        title: meta.title,
        seed: meta.seed,
        synthetic: meta.synthetic ?? true,
        rows,
        dateRange: { from: from ?? '', to: to ?? '' },
        duckdb: { file: dbFile },
        ...(cubes && { cubes }),
        summary,
        catalogue: meta.catalogue ?? EVENTS_CATALOGUE,
        parquet,
      };
      writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      return manifest;
    },
  };
}
