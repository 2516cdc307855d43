/**
 * Paged, sorted seizure records for the Records view. Sorting happens in DuckDB; the sort column
 * must be one of `RECORD_SORT_COLUMNS` (an allow-list, so no name from a URL reaches the SQL).
 */
import type { RecordColumn } from '../state/viewState';
import { placeNameColumn } from './overview';
import type { SqlQuery } from './types';
import { whereClause, type FilterState } from './where';

/** Columns the records can be sorted by, mapped to their SQL expression. */
export const RECORD_SORT_COLUMNS: Partial<Record<RecordColumn, string>> = {
  seizure_id: 's.seizure_id',
  seizure_date: 's.seizure_date',
  country: 'country',
  admin1: 's.admin1',
  place_type: 's.place_type',
  agency: 's.agency',
  firearms_count: 's.firearms_count',
  ammunition_rounds: 's.ammunition_rounds',
  arrests: 's.arrests',
};

/** Type guard for sortable column ids. */
export function isRecordSortColumn(id: string): id is RecordColumn {
  return Object.hasOwn(RECORD_SORT_COLUMNS, id);
}

/** One record row. */
export interface RecordRow {
  seizure_id: number;
  seizure_date: string;
  country: string;
  admin1: string | null;
  place_type: string;
  agency: string;
  firearms_count: number;
  ammunition_rounds: number;
  arrests: number;
  origin: string | null;
  transit: string[];
  destination: string | null;
  operation: string | null;
}

/** Options of a records page. */
export interface RecordsPage {
  sort: RecordColumn;
  desc: boolean;
  page: number;
  pageSize: number;
  lang: string;
}

/** One page of records, sorted, with the seizure id as a stable tie-breaker. */
export function recordsPageQuery(state: FilterState, p: RecordsPage): SqlQuery {
  const nameCol = placeNameColumn(p.lang);
  const sortExpr = RECORD_SORT_COLUMNS[p.sort] ?? 's.seizure_date';
  const w = whereClause(state, { grain: 'seizure' });
  const dir = p.desc ? 'DESC' : 'ASC';
  const pageSize = Math.min(500, Math.max(1, Math.floor(p.pageSize)));
  const offset = Math.max(0, Math.floor(p.page)) * pageSize;
  return {
    sql: `
SELECT
  s.seizure_id,
  strftime(s.seizure_date, '%Y-%m-%d') AS seizure_date,
  coalesce(pc.${nameCol}, s.country_iso3) AS country,
  s.admin1,
  s.place_type,
  s.agency,
  s.firearms_count,
  s.ammunition_rounds,
  s.arrests,
  s.origin_iso3 AS origin,
  s.transit_iso3 AS transit,
  s.destination_iso3 AS destination,
  o.name AS operation
FROM seizures s
LEFT JOIN places pc ON pc.iso3 = s.country_iso3
LEFT JOIN operations o ON o.operation_id = s.operation_id
WHERE ${w.sql}
ORDER BY ${sortExpr} ${dir} NULLS LAST, s.seizure_id ${dir}
LIMIT ? OFFSET ?`,
    params: [...w.params, pageSize, offset],
  };
}

/** Number of records under the filters. */
export function recordsCountQuery(state: FilterState): SqlQuery {
  const w = whereClause(state, { grain: 'seizure' });
  return { sql: `SELECT count(*)::BIGINT AS n FROM seizures s WHERE ${w.sql}`, params: w.params };
}
