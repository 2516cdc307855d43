/**
 * Tables kept as Arrow IPC streams (an imported dataset in this browser's storage) attached to a
 * DuckDB as an in-memory catalog: each stream is staged in `memory`, cast into its column types
 * (dates and lists travel as text) in the target catalog, and the stage dropped. The same code
 * opens the dataset for the views and for the SQL console's own engine.
 */
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { ddlFromStaging } from '../import/arrow';
import { quoteIdent } from '../sql/literal';

/** One stored table: its name, its Arrow IPC stream, and its column types (null: as stored). */
export interface StoredTable {
  name: string;
  ipc: Uint8Array;
  columns: { name: string; type: string }[] | null;
}

/** Creates `catalog` in memory and fills it with the stored tables. */
export async function attachStoredTables(
  conn: AsyncDuckDBConnection,
  catalog: string,
  tables: readonly StoredTable[],
): Promise<void> {
  const cat = quoteIdent(catalog);
  await conn.query('USE memory');
  await conn.query(`DETACH DATABASE IF EXISTS ${cat}`);
  await conn.query(`ATTACH ':memory:' AS ${cat}`);
  for (const t of tables) {
    const stage = `stage_${catalog}_${t.name}`.replace(/[^a-z0-9_]/gi, '_');
    // DuckDB takes the buffer: a copy, so the stored one can be attached again.
    await conn.insertArrowFromIPCStream(t.ipc.slice(), {
      name: stage,
      schema: 'main',
      create: true,
    });
    const target = `${cat}.main.${quoteIdent(t.name)}`;
    await conn.query(
      t.columns
        ? ddlFromStaging(t.columns, `memory.main.${quoteIdent(stage)}`, target)
        : `CREATE TABLE ${target} AS SELECT * FROM memory.main.${quoteIdent(stage)}`,
    );
    await conn.query(`DROP TABLE memory.main.${quoteIdent(stage)}`);
  }
}
