/**
 * A `QueryEngine` served by native DuckDB past the browser (`npm run serve -- --engine native`,
 * `scripts/lib/nativeEngine.ts`): each query's SQL and parameters go to `POST api/query` on the
 * page's own origin, and the result comes back as Arrow IPC, the format DuckDB-WASM gives. The
 * views, the coordinator and the SQL builders do not know which engine answers.
 */
import { tableFromIPC, type Table } from 'apache-arrow';
import type { SqlQuery } from '../sql/types';
import { AtlasError } from './errors';
import type { QueryEngine } from './engine';

/** The engine for dataset `name` on the page's server. */
export function remoteEngine(name: string): QueryEngine {
  const url = new URL('api/query', document.baseURI).href;
  const run = async (q: SqlQuery): Promise<Table> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dataset: name, sql: q.sql, params: q.params }),
      });
    } catch (e) {
      throw new AtlasError('io', `The DuckDB service did not answer: ${(e as Error).message}`);
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      throw new Error(body?.error ?? `The DuckDB service answered ${res.status}`);
    }
    return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  };
  return {
    run,
    // The service sends a result whole: one batch.
    async *stream(q: SqlQuery) {
      yield await run(q);
    },
  };
}
