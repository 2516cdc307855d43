/**
 * Turns the import worker's tables into a dataset kept in this browser: the tables (Arrow IPC,
 * with their column types), the gazetteer tables of the dataset on screen (every dataset carries
 * `places` and `subdivisions`), and a manifest. Before anything is saved, the tables are opened
 * once in the views' engine on a connection of their own, under a scratch catalog, and counted:
 * a dataset that cannot be opened is refused here, and the one on screen is never touched.
 */
import { tableToIPC } from 'apache-arrow';
import type { BrowserDuckDB } from '../../db/browserEngine';
import { MIN_GENERATOR_VERSION } from '../../db/loadDataset';
import { ManifestSchema, type DatasetManifest } from '../../db/manifest';
import { attachStoredTables, type StoredTable } from '../../db/storedTables';
import { OPERATIONS_TABLE } from '../../model/schema';
import { columnTableToIPC } from '../../import/arrow';
import type { Built } from './protocol';

const CHECK_CATALOG = 'import_check';

/** The stored tables and manifest of a built import, checked by opening them once. */
export async function prepareLocalDataset(
  main: BrowserDuckDB,
  built: Built,
  meta: { name: string; title: string },
): Promise<{ manifest: DatasetManifest; tables: StoredTable[] }> {
  const places = tableToIPC(await main.conn.query('SELECT * FROM places'), 'stream');
  const subdivisions = tableToIPC(await main.conn.query('SELECT * FROM subdivisions'), 'stream');
  const empty = (spec: typeof OPERATIONS_TABLE): StoredTable => ({
    name: spec.name,
    ipc: columnTableToIPC({ spec, columns: spec.columns.map(() => []), length: 0 }),
    columns: spec.columns.map((c) => ({ name: c.name, type: c.type })),
  });
  const tables: StoredTable[] = [
    { name: 'places', ipc: places, columns: null },
    { name: 'subdivisions', ipc: subdivisions, columns: null },
    empty(OPERATIONS_TABLE),
    { name: 'traces', ipc: built.traces, columns: built.specs.traces },
    { name: 'seizures', ipc: built.seizures, columns: built.specs.seizures },
    { name: 'firearms', ipc: built.firearms, columns: built.specs.firearms },
    ...(built.sourceRows
      ? [{ name: 'source_rows', ipc: built.sourceRows, columns: built.specs.source_rows }]
      : []),
  ];
  const conn = await main.db.connect();
  const rows: Record<string, number> = {};
  try {
    await attachStoredTables(conn, CHECK_CATALOG, tables);
    for (const t of tables) {
      const r = await conn.query(
        `SELECT count(*)::INTEGER AS n FROM ${CHECK_CATALOG}.main."${t.name}"`,
      );
      rows[t.name] = Number(r.getChildAt(0)?.get(0));
    }
  } catch (e) {
    throw new Error(`The imported tables could not be opened: ${(e as Error).message}`);
  } finally {
    await conn.query(`DETACH DATABASE IF EXISTS ${CHECK_CATALOG}`).catch(() => undefined);
    await conn.close().catch(() => undefined);
  }
  const manifest = ManifestSchema.parse({
    manifestVersion: 1,
    generatorVersion: MIN_GENERATOR_VERSION,
    name: meta.name,
    title: meta.title,
    seed: 0,
    synthetic: false,
    rows,
    dateRange: built.dateRange,
    duckdb: {
      file: 'atlas.duckdb',
      bytes: Math.max(
        1,
        tables.reduce((a, t) => a + t.ipc.length, 0),
      ),
      read: 'whole',
    },
    catalogue: built.catalogue,
    parquet: {},
  });
  return { manifest, tables };
}
