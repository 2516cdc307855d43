/**
 * The dataset's tables under the current filters, for SQL a person wrote (a notebook cell with
 * "apply the current filters" on): common table expressions named `seizures`, `firearms` and
 * `traces` that shadow the tables, so `FROM seizures` in the cell reads only what the views show.
 * The filters (and the views' selections) are bound as parameters, as in every builder. A cell
 * that names a table in full (`atlas.main.seizures`) still reads all of it.
 *
 * Each table keeps the rows the views count at its grain: seizures that pass every test (a
 * firearm or trace test: seizures holding a matching firearm or request), firearms that pass
 * them (and whose seizure does), trace requests that pass them.
 */
import { join, raw, sql } from './fragment';
import type { SqlQuery } from './types';
import { whereClause, type FilterState } from './where';

/** The `seizures`, `firearms`, `traces` expressions (without `WITH`), or null when nothing filters. */
export function filteredTablesCtes(state: FilterState, catalog = 'atlas.main'): SqlQuery | null {
  const seizures = whereClause(state, { grain: 'seizure' });
  if (seizures.sql === 'TRUE') return null;
  const table = (name: string) => raw(`${catalog}.${name}`);
  return join(
    [
      // Firearm and trace tests here read the tables (`firearms`, `traces` are defined after).
      sql`seizures AS (SELECT s.* FROM ${table('seizures')} s WHERE ${seizures})`,
      sql`firearms AS (SELECT f.* FROM ${table('firearms')} f JOIN seizures s ON s.seizure_id = f.seizure_id WHERE ${whereClause(state, { grain: 'firearm' })})`,
      sql`traces AS (SELECT t.* FROM ${table('traces')} t JOIN seizures s ON s.seizure_id = t.seizure_id LEFT JOIN firearms f ON f.firearm_id = t.firearm_id WHERE ${whereClause(state, { grain: 'trace' })})`,
    ],
    ',\n',
  );
}
