/**
 * DuckDB-WASM in Node: the same engine build the browser runs (its blocking Node bundle), for the
 * unit tests (`tests/helpers/wasmDb.ts`) and for scripts that must answer as the app does
 * (`npm run notebooks`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import { OFFLINE_SETTINGS } from '../../src/db/engine';

const require = createRequire(import.meta.url);

/** A blocking connection of DuckDB-WASM in Node. */
export interface BlockingConnection {
  query(sql: string): Table;
  prepare(sql: string): { query(...params: unknown[]): Table; close(): void };
  close(): void;
}

/** The blocking DuckDB-WASM database in Node. */
export interface BlockingDuckDB {
  instantiate(): Promise<void>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
}

/**
 * Opens DuckDB-WASM in Node with the app's offline settings; with `datasetDir`, its DuckDB file
 * is attached read-only as `atlas`, as the app attaches it.
 */
export async function openNodeWasm(
  datasetDir?: string,
): Promise<{ db: BlockingDuckDB; conn: BlockingConnection }> {
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
  }
  return { db, conn };
}
