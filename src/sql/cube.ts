/**
 * Two data cubes: seizures pre-aggregated by month, seizing country, origin, transit list and
 * destination, with their sums (firearms, rounds, arrests, trace requests).
 *
 * - The **route cube** (`seizure_cube`): ~52,000 rows at 1M seizures and ~72,000 at 10M (the
 *   combinations saturate). Besides the sums it counts the firearms whose illicit origin was
 *   established (traced, diversion point known) for the SDG 16.4.2-style share, so a query that filters and groups only on those columns reads
 *   20–140× fewer rows than `seizures`, with the same answer.
 * - The **type cube** (`seizure_type_cube`) adds the set of firearm types a seizure holds, as a
 *   bit mask, and per-type counts of firearms and trace requests (~213,000 rows at 1M, ~586,000
 *   at 10M). It answers the same queries under a firearm-type filter: a seizure matches when its
 *   mask shares a bit with the filter, and the matching firearms (and their trace requests and
 *   established origins) are the sums of the chosen types' columns. It is read only when a type filter is on, because it is larger.
 *
 * This is the pre-aggregation Mosaic builds per view, built once for every view. The generator
 * writes both cubes into the dataset's DuckDB file (`datasets/lib/cubes.ts`), so the browser
 * reads a few MB instead of scanning the tables; a dataset without them (or with cubes of another
 * `CUBE_VERSION`) gets them built in memory after it is attached.
 *
 * A query may read a cube only when every filter it applies is one of `CUBE_FIELDS` (plus
 * firearm type, for the type cube), a route or leg, or a time bound on a whole month (the cubes
 * keep months, not days); `seizureSource` decides, per query, and returns the table, its WHERE
 * clause and the expressions to aggregate with (`src/sql/source.ts`). The cubes' columns carry the `seizures` names
 * (`seizure_date` is the first day of the month, sums keep the column they sum), so `whereClause`
 * filters them alike.
 */
import { FIREARM_TYPES } from '../domain/vocabulary';
import { quoteIdent } from './literal';
import { eventCount, rowWeight, type SqlModel } from './model';
import { FIELD_IDS, fieldSpec, isSubdivisionCode, type FieldId } from '../model/fields';
import { summedMeasures } from '../model/measures';
import type { Granularity } from '../model/viewState';
import type { SqlQuery } from './types';
import { activeClauses, type FilterState, type PlaceLevel, type WhereOptions } from './where';

/** Version of the cubes' definition, written in the manifest next to stored cubes. */
export const CUBE_VERSION = 4;

/**
 * The seizure columns the cubes sum for the measures (`src/model/measures.ts`): a measure added
 * there is in the cubes built from then on, and stored cubes without it are rebuilt (`openCubes`).
 */
export function summedColumns(): string[] {
  return [...new Set(summedMeasures().map((m) => m.column))];
}

/** Table names of the cubes (in the dataset's catalog, or in `memory` when built there). */
export const CUBE_NAMES = { route: 'seizure_cube', type: 'seizure_type_cube' } as const;

/** The filter fields the route cube can answer (marked `cube` in the field registry). */
export const CUBE_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>(
  FIELD_IDS.filter((f) => fieldSpec(f).cube),
);

const typeList = `[${FIREARM_TYPES.map((t) => `'${t}'`).join(', ')}]`;
const perType = (f: (t: string) => string) => FIREARM_TYPES.map(f).join(',\n  ');

/**
 * The statements that (re)build both cubes in `schema` (e.g. `memory.main`, or `atlas.main` in
 * the generator) from the tables `seizures`, `firearms` and `traces` of the current catalog,
 * counting events by the model's weights (an aggregate row adds the events it stands for).
 * Firearm types come from the vocabulary, so the per-type column names are fixed identifiers.
 */
export function buildCubeQueries(schema: string, model: Pick<SqlModel, 'weights'>): SqlQuery[] {
  const fw = rowWeight({ cubes: null, ...model }, 'firearm');
  const tw = rowWeight({ cubes: null, ...model }, 'trace');
  const sum = (w: string, cond?: string) =>
    w === '1'
      ? `count(*)${cond ? ` FILTER (WHERE ${cond})` : ''}`
      : `sum(${w})${cond ? ` FILTER (WHERE ${cond})` : ''}`;
  const dims = `CAST(date_trunc('month', s.seizure_date) AS DATE) AS seizure_date,
  s.date_precision, s.country_iso3, s.origin_iso3, s.transit_iso3, s.destination_iso3`;
  const sums = `${eventCount({ cubes: null, ...model }, 'seizure')}::INTEGER AS n,
  coalesce(sum(est.established), 0)::BIGINT AS established,
  sum(s.firearms_count)::BIGINT AS firearms_count,
${summedColumns()
  .map((c) => `  sum(s.${quoteIdent(c)})::BIGINT AS ${quoteIdent(c)},\n`)
  .join('')}  min(s.seizure_date) AS first_date,
  max(s.seizure_date) AS last_date,
  coalesce(sum(tr.traces), 0)::BIGINT AS traces,
  coalesce(sum(tr.answered), 0)::BIGINT AS traces_answered`;
  // Firearms whose trace established the illicit origin, per seizure and type (see sdgShareQuery).
  const est = `est AS (
  SELECT f.seizure_id, ${sum(fw)} AS established,
  ${perType((t) => `${sum(fw, `f.firearm_type = '${t}'`)} AS e_${t}`)}
  FROM firearms f JOIN traces t ON t.trace_id = f.trace_id
  WHERE t.outcome = 'traced' AND t.diversion_point <> 'unknown'
  GROUP BY f.seizure_id
)`;
  return [
    {
      sql: `
CREATE OR REPLACE TABLE ${schema}.${CUBE_NAMES.route} AS
WITH tr AS (
  SELECT t.seizure_id, ${sum(tw)} AS traces, ${sum(tw, "t.outcome <> 'pending'")} AS answered
  FROM traces t GROUP BY t.seizure_id
), ${est}
SELECT ${dims}, ${sums}
FROM seizures s LEFT JOIN tr USING (seizure_id) LEFT JOIN est USING (seizure_id)
GROUP BY ALL
ORDER BY seizure_date`,
      params: [],
    },
    {
      sql: `
CREATE OR REPLACE TABLE ${schema}.${CUBE_NAMES.type} AS
WITH fa AS (
  SELECT f.seizure_id,
  bit_or((1 << (list_position(${typeList}, f.firearm_type) - 1))::UTINYINT) AS type_mask,
  ${perType((t) => `${sum(fw, `f.firearm_type = '${t}'`)} AS f_${t}`)}
  FROM firearms f GROUP BY f.seizure_id
), tr AS (
  SELECT t.seizure_id, ${sum(tw)} AS traces, ${sum(tw, "t.outcome <> 'pending'")} AS answered,
  ${perType((x) => `${sum(tw, `f.firearm_type = '${x}'`)} AS t_${x}`)},
  ${perType((x) => `${sum(tw, `f.firearm_type = '${x}' AND t.outcome <> 'pending'`)} AS ta_${x}`)}
  FROM traces t LEFT JOIN firearms f ON f.firearm_id = t.firearm_id GROUP BY t.seizure_id
), ${est}
SELECT ${dims}, coalesce(fa.type_mask, 0)::UTINYINT AS type_mask, ${sums},
  ${perType((t) => `coalesce(sum(fa.f_${t}), 0)::BIGINT AS f_${t}`)},
  ${perType((t) => `coalesce(sum(tr.t_${t}), 0)::BIGINT AS t_${t}`)},
  ${perType((t) => `coalesce(sum(tr.ta_${t}), 0)::BIGINT AS ta_${t}`)},
  ${perType((t) => `coalesce(sum(est.e_${t}), 0)::BIGINT AS e_${t}`)}
FROM seizures s LEFT JOIN fa USING (seizure_id) LEFT JOIN tr USING (seizure_id) LEFT JOIN est USING (seizure_id)
GROUP BY ALL
ORDER BY seizure_date`,
      params: [],
    },
  ];
}

/** What else a query needs of its rows beyond the filters. */
export interface SourceNeeds {
  /** Dates the query compares `seizure_date` against as a start (`>=`): must start a month. */
  starts?: readonly (string | null | undefined)[];
  /** Dates the query compares against as an inclusive end (`<=`): must end a month. */
  ends?: readonly (string | null | undefined)[];
  /** Periods the query groups by (weeks cut months). */
  granularity?: Granularity;
  /** Places grouped by subdivision: the cubes keep countries only. */
  placeLevel?: PlaceLevel;
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

/** Which cube gives the exact answer for these filters and needs, if any. */
export function cubeKind(
  state: FilterState,
  exclude: WhereOptions['exclude'],
  needs: SourceNeeds = {},
): 'route' | 'type' | null {
  if (needs.granularity === 'week' || needs.placeLevel === 'admin1') return null;
  // Subdivisions are not in the cubes: a filter or a selected flow naming one reads the tables.
  const subdivision = (vs: readonly string[]) => vs.some((v) => isSubdivisionCode(v));
  if (FIELD_IDS.some((f) => fieldSpec(f).cube && subdivision(state.filters[f]))) return null;
  for (const c of state.crossFilters) {
    if ((c.kind === 'route' || c.kind === 'leg') && subdivision([c.origin, c.destination]))
      return null;
    if (c.kind === 'point' && fieldSpec(c.field).cube && subdivision(c.values)) return null;
  }
  const starts = [state.time.from, ...(needs.starts ?? [])];
  const ends = [state.time.to, ...(needs.ends ?? [])];
  if (starts.some((d) => d && !isMonthStart(d))) return null;
  if (ends.some((d) => d && !isMonthEnd(d))) return null;
  let kind: 'route' | 'type' = 'route';
  for (const c of activeClauses(state, exclude)) {
    if (c.kind === 'interval') {
      if (!isMonthStart(c.from) || !isMonthEnd(c.to)) return null;
    } else if (c.field === 'firearmType') kind = 'type';
    else if (c.field && !CUBE_FIELDS.has(c.field)) return null;
  }
  return kind;
}

/** True when a cube gives the exact answer for these filters and needs. */
export function cubeAnswers(
  state: FilterState,
  exclude: WhereOptions['exclude'],
  needs: SourceNeeds = {},
): boolean {
  return cubeKind(state, exclude, needs) !== null;
}
