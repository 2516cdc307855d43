/**
 * DuckDB-WASM in Node for unit tests: the same engine build the browser runs (the blocking Node
 * bundle), loading a dataset's DuckDB file from a buffer and attaching it exactly as the app does.
 * Queries built by `src/sql/` run through the app's own `Coordinator`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import { Coordinator } from '../../src/db/coordinator';
import { OFFLINE_SETTINGS, tableToRows, type QueryEngine } from '../../src/db/engine';
import { EVENTS_ON_TABLES, type SqlModel } from '../../src/sql/model';
import type { SqlQuery } from '../../src/sql/types';

const require = createRequire(import.meta.url);

interface BlockingConnection {
  query(sql: string): Table;
  prepare(sql: string): { query(...params: unknown[]): Table; close(): void };
  close(): void;
}
interface BlockingDuckDB {
  instantiate(): Promise<void>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
}

/** A test database: the app's coordinator over WASM DuckDB, plus direct row access. */
export interface TestDb {
  engine: QueryEngine;
  coordinator: Coordinator;
  /** The dataset as the SQL builders see it: its stored cubes when it has them, as the app. */
  model: SqlModel;
  /** Runs a query and returns plain rows. */
  rows<T = Record<string, unknown>>(q: SqlQuery | string): Promise<T[]>;
  /** Registers a file in DuckDB's virtual file system. */
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  close(): void;
}

/** Opens DuckDB-WASM in Node with the dataset in `datasetDir` attached as the default catalog. */
export async function openTestDb(datasetDir?: string): Promise<TestDb> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as {
    createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDuckDB>;
    VoidLogger: new () => object;
    NODE_RUNTIME: object;
  };
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: {
      mainModule: join(dist, 'duckdb-mvp.wasm'),
      mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: join(dist, 'duckdb-eh.wasm'),
      mainWorker: join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  for (const s of OFFLINE_SETTINGS) conn.query(s);
  if (datasetDir) {
    db.registerFileBuffer(
      'atlas.duckdb',
      new Uint8Array(readFileSync(join(datasetDir, 'atlas.duckdb'))),
    );
    conn.query("ATTACH 'atlas.duckdb' AS atlas (READ_ONLY)");
    conn.query('USE atlas');
  }
  // The cubes the generator stored in the file, as the app reads them (src/db/loadDataset.ts).
  const model: SqlModel = datasetDir
    ? { ...EVENTS_ON_TABLES, cubes: 'atlas.main' }
    : EVENTS_ON_TABLES;
  const engine: QueryEngine = {
    run(q: SqlQuery) {
      try {
        if (q.params.length === 0) return Promise.resolve(conn.query(q.sql));
        const stmt = conn.prepare(q.sql);
        try {
          return Promise.resolve(stmt.query(...q.params));
        } finally {
          stmt.close();
        }
      } catch (e) {
        return Promise.reject(e);
      }
    },
  };
  const coordinator = new Coordinator(engine);
  return {
    engine,
    coordinator,
    model,
    async rows<T>(q: SqlQuery | string) {
      const query = typeof q === 'string' ? { sql: q, params: [] } : q;
      return tableToRows<T>(await engine.run(query));
    },
    registerFileBuffer: (name, buffer) => db.registerFileBuffer(name, buffer),
    close: () => conn.close(),
  };
}
