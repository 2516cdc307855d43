/**
 * DuckDB-WASM in Node for unit tests: the same engine build the browser runs (the blocking Node
 * bundle), loading a dataset's DuckDB file from a buffer and attaching it exactly as the app does.
 * Queries built by `src/sql/` run through the app's own `Coordinator`.
 */
import { openNodeWasm } from '../../scripts/lib/wasmNode';
import { Coordinator } from '../../src/db/coordinator';
import { tableToRows, type QueryEngine } from '../../src/db/engine';
import { EVENTS_ON_TABLES, type SqlModel } from '../../src/sql/model';
import type { SqlQuery } from '../../src/sql/types';

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
  const { db, conn } = await openNodeWasm(datasetDir);
  if (datasetDir) conn.query('USE atlas');
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
