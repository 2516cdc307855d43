/**
 * DuckDB-WASM in the browser: the "eh" bundle and its worker are bundled by Vite from
 * node_modules (no CDN), started in a Web Worker so queries run off the main thread, inside the
 * sandbox of `./sandbox.ts` (a guarded worker that inherits the page's CSP; locked settings).
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { Table } from 'apache-arrow';
import type { SqlQuery } from '../sql/types';
import { AtlasError } from './errors';
import { OFFLINE_SETTINGS, type QueryEngine } from './engine';
import { startGuardedWorker } from './sandbox';

/** A started DuckDB-WASM with one connection. */
export interface BrowserDuckDB {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  engine: QueryEngine;
  /**
   * Closes the prepared statements the engine keeps. Called before another dataset is attached
   * under the same catalog name, so that no statement stays bound to the catalog it replaces.
   */
  resetStatements(): Promise<void>;
}

/** The wasm module's size in bytes, written in at build time (see vite.config.ts). */
declare const __DUCKDB_WASM_BYTES__: number | undefined;
const DUCKDB_WASM_BYTES = typeof __DUCKDB_WASM_BYTES__ === 'number' ? __DUCKDB_WASM_BYTES__ : 0;

/** How long instantiation may take before we give up (e.g. a CSP without 'wasm-unsafe-eval'). */
const START_TIMEOUT_MS = 45_000;

/**
 * Instantiates and opens a DuckDB-WASM in a new sandboxed worker. `onProgress` receives the share
 * of the wasm module downloaded (0–1). Rejects with a `timeout` AtlasError when the engine does
 * not come up. The caller connects, and terminates the worker when it is done with it.
 */
export async function openDuckDB(
  onProgress?: (fraction: number) => void,
): Promise<{ db: duckdb.AsyncDuckDB; worker: Worker }> {
  const worker = startGuardedWorker(duckdbWorkerUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AtlasError('timeout', 'DuckDB-WASM did not start in time')),
      START_TIMEOUT_MS,
    );
  });
  try {
    // The worker runs from a blob: URL, so the module's address must be absolute.
    const wasmUrl = new URL(duckdbWasmUrl, window.location.href).href;
    await Promise.race([
      db.instantiate(wasmUrl, null, (p) => {
        // Served compressed, the response's length is the compressed one while the bytes counted
        // are the module's: measure against the larger of the two.
        const total = Math.max(p.bytesTotal, DUCKDB_WASM_BYTES);
        if (total > 0) onProgress?.(Math.min(1, p.bytesLoaded / total));
      }),
      timeout,
    ]);
  } catch (e) {
    worker.terminate();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  await db.open({
    query: { castBigIntToDouble: true, castTimestampToDate: false },
    // Large datasets are read by HTTP ranges. DuckDB-WASM treats an unset `forceFullHTTPReads`
    // as true (whole-file downloads, no range probe), so it is set explicitly. A ranged HEAD is
    // trusted (one probe, not two); a server without Range support gets one whole download.
    filesystem: { forceFullHTTPReads: false, reliableHeadRequests: true, allowFullHTTPReads: true },
  });
  return { db, worker };
}

/** Starts the views' DuckDB-WASM with one connection (see `openDuckDB`). */
export async function startDuckDB(onProgress?: (fraction: number) => void): Promise<BrowserDuckDB> {
  const { db } = await openDuckDB(onProgress);
  const conn = await db.connect();
  for (const s of OFFLINE_SETTINGS) await conn.query(s);

  const statements = new StatementCache(conn);
  let exportConn: Promise<duckdb.AsyncDuckDBConnection> | undefined;
  const engine: QueryEngine = {
    async run(q: SqlQuery): Promise<Table> {
      if (q.params.length === 0) return conn.query(q.sql);
      return statements.query(q.sql, q.params);
    },
    async *stream(q: SqlQuery) {
      // A connection's default catalog is its own: this one reads the dataset like the first.
      exportConn ??= db.connect().then(async (c) => (await c.query('USE atlas'), c));
      const c = await exportConn;
      const stmt = await c.prepare(q.sql);
      try {
        const reader = await stmt.send(...q.params);
        for await (const batch of reader) yield new Table([batch]);
      } finally {
        await stmt.close().catch(() => undefined);
      }
    },
  };
  return { db, conn, engine, resetStatements: () => statements.clear() };
}

/** How many prepared statements stay open. */
const STATEMENT_CACHE_SIZE = 64;

/**
 * Prepared statements kept open by SQL text, least recently used closed first: a view that asks
 * the same query shape with new values (the usual filter change) pays one worker round trip, not
 * three (prepare, run, close). A statement that fails (e.g. after the dataset was replaced) is
 * closed and prepared once more.
 */
class StatementCache {
  private readonly open = new Map<string, Promise<duckdb.AsyncPreparedStatement>>();

  constructor(private readonly conn: duckdb.AsyncDuckDBConnection) {}

  async query(sql: string, params: readonly unknown[]): Promise<Table> {
    try {
      return await (await this.get(sql)).query(...params);
    } catch {
      await this.drop(sql);
      return (await this.get(sql)).query(...params);
    }
  }

  /** Closes every kept statement. */
  async clear(): Promise<void> {
    const all = [...this.open.keys()];
    await Promise.all(all.map((sql) => this.drop(sql)));
  }

  private get(sql: string): Promise<duckdb.AsyncPreparedStatement> {
    let stmt = this.open.get(sql);
    if (stmt) {
      this.open.delete(sql); // refresh the LRU position
    } else {
      stmt = this.conn.prepare(sql);
      // A statement that cannot be prepared is not kept.
      stmt.catch(() => this.open.get(sql) === stmt && this.open.delete(sql));
    }
    this.open.set(sql, stmt);
    while (this.open.size > STATEMENT_CACHE_SIZE) {
      const oldest = this.open.keys().next().value!;
      void this.drop(oldest);
    }
    return stmt;
  }

  private async drop(sql: string) {
    const stmt = this.open.get(sql);
    this.open.delete(sql);
    await stmt?.then(
      (s) => s.close(),
      () => undefined,
    );
  }
}
