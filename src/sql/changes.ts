/**
 * The counts "What changed" compares: for one dimension (routes, seizing countries, subdivisions,
 * firearm types, calibres, makes), each item's events in a current and a baseline period, under
 * the filters (their own time range left out: the periods are the time). Precision-aware: a
 * record counts in a period only when its whole date span lies inside it, so a seizure dated to
 * 2023 counts in the calendar year 2023 but in no twelve months that start in July, and is never
 * split into months; such records are counted apart (`spanning`), as are undated ones.
 * The statistics are in `src/model/changeStats.ts`.
 */
import { join, raw, sql } from './fragment';
import { rowWeight, type SqlModel } from './model';
import type { SqlQuery } from './types';
import { whereClause, type FilterState } from './where';

/** The dimensions whose items can move. */
export const CHANGE_DIMENSIONS = [
  'route',
  'country',
  'subdivision',
  'firearmType',
  'calibre',
  'make',
] as const;
export type ChangeDimension = (typeof CHANGE_DIMENSIONS)[number];

/** Two inclusive date ranges (ISO days). */
export interface ChangePeriods {
  current: { from: string; to: string };
  baseline: { from: string; to: string };
}

/** One row: an item's key and its events in each period (`spanning`: dated too coarsely). */
export interface ChangeCountRow {
  key: string;
  current: number;
  baseline: number;
  spanning: number;
}

const KEYS: Record<ChangeDimension, { grain: 'seizure' | 'firearm'; key: string; known: string }> =
  {
    route: {
      grain: 'seizure',
      key: "s.origin_iso3 || '>' || s.destination_iso3",
      known: 's.origin_iso3 IS NOT NULL AND s.destination_iso3 IS NOT NULL',
    },
    country: { grain: 'seizure', key: 's.country_iso3', known: 's.country_iso3 IS NOT NULL' },
    subdivision: { grain: 'seizure', key: 's.admin1', known: 's.admin1 IS NOT NULL' },
    firearmType: { grain: 'firearm', key: 'f.firearm_type', known: 'f.firearm_type IS NOT NULL' },
    calibre: { grain: 'firearm', key: 'f.calibre', known: 'f.calibre IS NOT NULL' },
    make: { grain: 'firearm', key: 'f.make', known: 'f.make IS NOT NULL' },
  };

/** The last day a record's date can mean, from its first day and its precision. */
const SPAN_END = `CASE s.date_precision
    WHEN 'day' THEN s.seizure_date
    WHEN 'month' THEN CAST(s.seizure_date + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)
    WHEN 'quarter' THEN CAST(s.seizure_date + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
    WHEN 'year' THEN CAST(s.seizure_date + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
  END`;

/** Each item's events in the two periods, under the filters (their time range left out). */
export function changeCountsQuery(
  model: SqlModel,
  state: FilterState,
  dimension: ChangeDimension,
  periods: ChangePeriods,
): SqlQuery {
  const spec = KEYS[dimension];
  const untimed: FilterState = { ...state, time: { from: null, to: null } };
  const where = whereClause(untimed, { grain: spec.grain });
  const from =
    spec.grain === 'firearm'
      ? 'firearms f JOIN seizures s ON s.seizure_id = f.seizure_id'
      : 'seizures s';
  const w = rowWeight(model, spec.grain);
  const inside = (p: { from: string; to: string }) =>
    sql`(lo >= CAST(${p.from} AS DATE) AND hi <= CAST(${p.to} AS DATE))`;
  const overlaps = (p: { from: string; to: string }) =>
    sql`(lo <= CAST(${p.to} AS DATE) AND hi >= CAST(${p.from} AS DATE))`;
  const sum = (cond: SqlQuery) => sql`coalesce(sum(w) FILTER (WHERE ${cond}), 0)::BIGINT`;
  return sql`
WITH r AS (
  SELECT ${raw(spec.key)} AS key, s.seizure_date AS lo, ${raw(SPAN_END)} AS hi, ${raw(w)} AS w
  FROM ${raw(from)}
  WHERE ${where} AND ${raw(spec.known)} AND s.date_precision <> 'unknown'
)
SELECT key, ${sum(inside(periods.current))} AS current, ${sum(inside(periods.baseline))} AS baseline,
  ${sum(sql`(${overlaps(periods.current)} AND NOT ${inside(periods.current)}) OR (${overlaps(periods.baseline)} AND NOT ${inside(periods.baseline)})`)} AS spanning
FROM r
GROUP BY key
HAVING current + baseline + spanning > 0
ORDER BY key`;
}

/** Inclusive length of a period in days. */
export function periodDays(p: { from: string; to: string }): number {
  return Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;
}

/** A row of `changesQuery`: `ChangeCountRow` with the dimension it belongs to. */
export interface DimensionCountRow extends ChangeCountRow {
  dimension: ChangeDimension;
}

/** Every dimension's counts in one query (one row set, `dimension` telling them apart). */
export function changesQuery(
  model: SqlModel,
  state: FilterState,
  dimensions: readonly ChangeDimension[],
  periods: ChangePeriods,
): SqlQuery {
  const parts = dimensions.map(
    (d) => sql`SELECT ${d} AS dimension, * FROM (${changeCountsQuery(model, state, d, periods)})`,
  );
  return parts.length
    ? join(parts, '\nUNION ALL\n')
    : sql`SELECT NULL AS dimension, NULL AS key, 0 AS current, 0 AS baseline, 0 AS spanning WHERE FALSE`;
}

/**
 * The periods compared: the filters' time range when it has both ends (else the last twelve
 * months of the dataset), against the period of the same length just before it — whole months
 * before whole months (so a year is compared with the calendar year before), else days.
 */
export function comparedPeriods(
  time: { from: string | null; to: string | null },
  datasetEnd: string,
): ChangePeriods {
  const day = 86_400_000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  const parts = (d: string) => [+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)] as const;
  const to = time.from && time.to ? time.to : datasetEnd;
  const [ty, tm, td] = parts(to);
  const from = time.from && time.to ? time.from : iso(Date.UTC(ty - 1, tm, td) + day);
  const [fy, fm, fd] = parts(from);
  const monthEnd = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate() === td;
  if (fd === 1 && monthEnd) {
    const months = (ty - fy) * 12 + (tm - fm) + 1;
    return {
      current: { from, to },
      baseline: { from: iso(Date.UTC(fy, fm - months, 1)), to: iso(Date.UTC(fy, fm, 1) - day) },
    };
  }
  const length = Date.parse(to) - Date.parse(from) + day;
  return {
    current: { from, to },
    baseline: { from: iso(Date.parse(from) - length), to: iso(Date.parse(from) - day) },
  };
}
