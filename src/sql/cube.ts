/**
 * The route-month cube: seizures pre-aggregated by month, seizing country, origin, transit list
 * and destination, with their sums (firearms, rounds, arrests, trace requests). At 1M seizures it
 * has ~52,000 rows and at 10M ~72,000 (the combinations saturate), so a query that only filters
 * and groups on those columns reads 20–140× fewer rows than the `seizures` table, with the same
 * answer. This is the pre-aggregation Mosaic builds per view, built once for every view: most of
 * the Overview, Map, Trends and Flows queries read it.
 *
 * A query may read the cube only when every filter it applies is one of `CUBE_FIELDS`, a route or
 * leg, or a time bound on a whole month (the cube keeps months, not days); `seizureSource`
 * decides, per query, and returns the table and the expressions to aggregate with. The cube's
 * columns carry the `seizures` names (`seizure_date` is the first day of the month, sums keep the
 * column they sum), so `whereClause` filters both alike.
 */
import type { FieldId } from '../state/fields';
import type { Granularity } from '../state/viewState';
import type { SqlQuery } from './types';
import { isExcluded, type FilterState, type WhereOptions } from './where';

/** Where the cube lives: the in-memory catalog (the dataset is attached read-only). */
export const CUBE_TABLE = 'memory.main.seizure_cube';

/** The filter fields the cube can answer. */
export const CUBE_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>([
  'country',
  'region',
  'origin',
  'transit',
  'destination',
]);

/** The statement that (re)builds the cube from the attached dataset. */
export function buildCubeQuery(): SqlQuery {
  return {
    sql: `
CREATE OR REPLACE TABLE ${CUBE_TABLE} AS
WITH tr AS (
  SELECT seizure_id, count(*) AS traces, count(*) FILTER (WHERE outcome <> 'pending') AS answered
  FROM traces GROUP BY seizure_id
)
SELECT
  CAST(date_trunc('month', s.seizure_date) AS DATE) AS seizure_date,
  s.country_iso3, s.origin_iso3, s.transit_iso3, s.destination_iso3,
  count(*)::INTEGER AS n,
  sum(s.firearms_count)::BIGINT AS firearms_count,
  sum(s.ammunition_rounds)::BIGINT AS ammunition_rounds,
  sum(s.arrests)::BIGINT AS arrests,
  min(s.seizure_date) AS first_date,
  max(s.seizure_date) AS last_date,
  coalesce(sum(tr.traces), 0)::BIGINT AS traces,
  coalesce(sum(tr.answered), 0)::BIGINT AS traces_answered
FROM seizures s LEFT JOIN tr USING (seizure_id)
GROUP BY ALL
ORDER BY seizure_date`,
    params: [],
  };
}

let available = false;

/**
 * Says whether the cube exists for the attached dataset. The data layer sets it after building
 * the cube (and clears it while a dataset is replaced or when the build fails, so queries fall
 * back to `seizures`); tests switch it to compare both paths.
 */
export function setCubeAvailable(value: boolean): void {
  available = value;
}

/** True when the cube exists. */
export function cubeAvailable(): boolean {
  return available;
}

/** The table a seizure-grain aggregate reads and how it counts (alias it `s`). */
export interface SeizureSource {
  /** True when reading the cube. */
  cube: boolean;
  table: string;
  /** Number of seizures: `count(*)`, or the sum of the cube's counts. */
  count: string;
  /** Seizures one row stands for, to sum after an unnest. */
  n: string;
  /** Earliest and latest seizure date of a group. */
  first: string;
  last: string;
}

const BASE: SeizureSource = {
  cube: false,
  table: 'seizures',
  count: 'count(*)',
  n: '1',
  first: 'min(s.seizure_date)',
  last: 'max(s.seizure_date)',
};

const CUBE: SeizureSource = {
  cube: true,
  table: CUBE_TABLE,
  count: 'coalesce(sum(s.n), 0)',
  n: 's.n',
  first: 'min(s.first_date)',
  last: 'max(s.last_date)',
};

/** What else a query needs of its rows beyond the filters. */
export interface SourceNeeds {
  /** Dates the query compares `seizure_date` against as a start (`>=`): must start a month. */
  starts?: readonly (string | null | undefined)[];
  /** Dates the query compares against as an inclusive end (`<=`): must end a month. */
  ends?: readonly (string | null | undefined)[];
  /** Periods the query groups by (weeks cut months). */
  granularity?: Granularity;
}

/** True when `iso` (YYYY-MM-DD) is the first day of a month. */
export function isMonthStart(iso: string): boolean {
  return /^\d{4}-\d{2}-01$/.test(iso);
}

/** True when `iso` (YYYY-MM-DD) is the last day of a month. */
export function isMonthEnd(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/**
 * Whether a seizure-grain query under `state` (leaving out `exclude`'s cross-filters) can read
 * the cube, and the source to use: the cube when it exists and answers exactly, else `seizures`.
 */
export function seizureSource(
  state: FilterState,
  exclude: WhereOptions['exclude'],
  needs: SourceNeeds = {},
): SeizureSource {
  return available && cubeAnswers(state, exclude, needs) ? CUBE : BASE;
}

/** True when the cube gives the exact answer for these filters and needs. */
export function cubeAnswers(
  state: FilterState,
  exclude: WhereOptions['exclude'],
  needs: SourceNeeds = {},
): boolean {
  if (needs.granularity === 'week') return false;
  const starts = [state.time.from, ...(needs.starts ?? [])];
  const ends = [state.time.to, ...(needs.ends ?? [])];
  if (starts.some((d) => d && !isMonthStart(d))) return false;
  if (ends.some((d) => d && !isMonthEnd(d))) return false;
  for (const [field, values] of Object.entries(state.filters) as [FieldId, readonly string[]][]) {
    if (values.length > 0 && !CUBE_FIELDS.has(field)) return false;
  }
  return state.crossFilters.every((c) => {
    if (isExcluded(c.source, exclude)) return true;
    switch (c.kind) {
      case 'point':
        return CUBE_FIELDS.has(c.field);
      case 'interval':
        return isMonthStart(c.from) && isMonthEnd(c.to);
      case 'route':
      case 'leg':
        return true;
    }
  });
}
