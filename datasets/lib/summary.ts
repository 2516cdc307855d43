/**
 * The dataset's headline figures, computed when it is written and kept in its manifest, so the
 * app can show them (`src/app/BootScreen.tsx`) while DuckDB-WASM is still streaming in: the
 * precomputed first view. They are the header's figures with no filter (`headlineQuery`), run on
 * the tables, so they are the figures the app shows once it is up.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { headlineQuery } from '../../src/sql/headline';
import type { DatasetSummary } from '../../src/db/manifest';
import { EVENTS_ON_TABLES, type SqlModel } from '../../src/sql/model';
import { DEFAULT_STATE } from '../../src/model/viewState';

/** The headline figures of every record of the tables in the connection's current catalog. */
export async function datasetSummary(
  conn: DuckDBConnection,
  weights: SqlModel['weights'] = EVENTS_ON_TABLES.weights,
): Promise<DatasetSummary> {
  const q = headlineQuery({ cubes: null, weights }, DEFAULT_STATE);
  if (q.params.length) throw new Error('The unfiltered headline query takes no parameters');
  const row = (await conn.runAndReadAll(q.sql)).getRowObjects()[0] ?? {};
  const n = (v: unknown) => Number(v ?? 0);
  return {
    seizures: n(row.seizures),
    firearms: n(row.firearms),
    rounds: n(row.rounds),
    arrests: n(row.arrests),
    countries: n(row.countries),
    traces: n(row.traces),
    tracesAnswered: n(row.tracesAnswered),
  };
}
