/**
 * Queries behind the Operations view: each operation with its published figures, and the
 * seizures in its countries in the eight weeks before, during and eight weeks after it, under
 * the filters other than time (the operation sets the time window).
 */
import { raw, sql } from './fragment';
import type { SqlModel } from './model';
import { seizureSource } from './source';
import type { SqlQuery } from './types';
import type { FilterState, WhereOptions } from './where';

/** One operation as published. */
export interface OperationRow {
  id: number;
  name: string;
  synthetic: boolean;
  start: string;
  end: string;
  region: string;
  countries: string[];
  officers: number | null;
  hotspots: number | null;
  arrests: number | null;
  firearms: number | null;
  rounds: number | null;
  drugsTonnes: number | null;
  drugsValueUsd: number | null;
  precursorsTonnes: number | null;
  otherResults: string;
  source: string;
}

/** Every operation, oldest first. */
export function operationsQuery(): SqlQuery {
  return {
    sql: `SELECT operation_id AS id, name, is_synthetic AS synthetic, strftime(start_date, '%Y-%m-%d') AS start,
  strftime(end_date, '%Y-%m-%d') AS "end", region, countries, officers, hotspots, arrests, firearms_seized AS firearms,
  ammunition_rounds AS rounds, drugs_tonnes AS "drugsTonnes", drugs_value_usd::DOUBLE AS "drugsValueUsd",
  precursors_tonnes AS "precursorsTonnes", other_results AS "otherResults", source
FROM operations ORDER BY start_date`,
    params: [],
  };
}

/** Days of the window on each side of an operation. */
export const WINDOW_DAYS = 56;

/** One week of one operation's window. */
export interface OperationWeekRow {
  op: number;
  week: string;
  phase: 'before' | 'during' | 'after';
  seizures: number;
  firearms: number;
}

/**
 * Seizures and firearms per week (weeks counted from each operation's first day) in the
 * operation's countries, from `WINDOW_DAYS` before to `WINDOW_DAYS` after it.
 */
export function operationWindowsQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
): SqlQuery {
  const untimed: FilterState = {
    ...state,
    time: { from: null, to: null },
    crossFilters: state.crossFilters.filter((c) => c.kind !== 'interval'),
  };
  // Days are not in the cubes: the table, joined to matching firearms under a firearm filter.
  const src = seizureSource({ ...model, cubes: null }, untimed, exclude);
  const window = `list_contains(o.countries, s.country_iso3) AND s.seizure_date BETWEEN o.start_date - ${WINDOW_DAYS} AND o.end_date + ${WINDOW_DAYS}`;
  return sql`
SELECT o.operation_id AS op,
  strftime(o.start_date + to_days(CAST(7 * floor((s.seizure_date - o.start_date) / 7) AS INTEGER)), '%Y-%m-%d') AS week,
  CASE WHEN s.seizure_date < o.start_date THEN 'before' WHEN s.seizure_date <= o.end_date THEN 'during' ELSE 'after' END AS phase,
  ${raw(src.count)}::BIGINT AS seizures, ${raw(src.firearms)}::BIGINT AS firearms
FROM ${src.from} JOIN operations o ON ${raw(window)}
WHERE ${src.where}
GROUP BY ALL
ORDER BY op, week, phase`;
}

/** Firearms per day in each phase of an operation's window. */
export function phaseRates(
  rows: readonly OperationWeekRow[],
  op: Pick<OperationRow, 'start' | 'end'>,
): Record<'before' | 'during' | 'after', number> {
  const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000 + 1;
  const during = days(op.start, op.end);
  const sum = (phase: OperationWeekRow['phase']) =>
    rows.filter((r) => r.phase === phase).reduce((a, r) => a + r.firearms, 0);
  return {
    before: sum('before') / WINDOW_DAYS,
    during: sum('during') / during,
    after: sum('after') / WINDOW_DAYS,
  };
}
