/**
 * Time series for the Trends view and the Overview's surge list: values per week, month, quarter
 * or year with empty periods filled with zero, a moving average, the change on the same period a
 * year earlier, and surge flags (a period well above its trailing baseline; see `SURGE_RULE`).
 */
import type { TrendMeasure } from '../model/measures';
import type { Granularity } from '../model/viewState';
import { measureExpr } from './measures';
import { placeNameColumn } from './overview';
import type { SqlModel } from './model';
import { firearmSource, fromWhere, limitParam, preciseEnough, seizureSource } from './source';
import type { SqlQuery, SqlValue } from './types';
import type { FilterState, WhereOptions } from './where';

/** What a series counts (`src/model/measures.ts`). */
export type Measure = TrendMeasure;
/** How a series is split. */
export type Split = 'none' | 'type' | 'region' | 'country';

/**
 * The surge rule, stated on screen: a period is a surge when its value exceeds the mean of the
 * `window` periods before it by `sdFactor` standard deviations and by `ratio` times, and that
 * mean is at least `minBaseline` (so a jump from 1 to 3 is not a surge).
 */
export const SURGE_RULE = { window: 6, sdFactor: 2, ratio: 1.5, minBaseline: 5 } as const;

/** Periods per year, for the year-on-year lag. */
const PER_YEAR: Record<Granularity, number> = { week: 52, month: 12, quarter: 4, year: 1 };

/** A DuckDB interval of one period. */
const INTERVAL: Record<Granularity, string> = {
  week: 'INTERVAL 7 DAY',
  month: 'INTERVAL 1 MONTH',
  quarter: 'INTERVAL 3 MONTH',
  year: 'INTERVAL 1 YEAR',
};

/**
 * What a series reads and the value it sums: the seizure source for every measure, or the
 * firearms (joined to their seizures) when the series is split by firearm type.
 */
function source(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
  measure: Measure,
  byType: boolean,
  granularity: Granularity,
  more?: string,
): { body: SqlQuery; value: string } {
  // Records dated less precisely than the grain are left out (and counted by coarseDatesQuery).
  const precise = preciseEnough(granularity);
  if (byType) {
    const src = firearmSource(model, state, exclude, { seizures: true, more });
    return { body: fromWhere(src, precise), value: src.count };
  }
  const src = seizureSource(model, state, exclude, { granularity });
  const from = more ? { sql: `${src.from.sql} ${more}`, params: src.from.params } : src.from;
  return { body: fromWhere({ from, where: src.where }, precise), value: measureExpr(measure, src) };
}

const period = (g: Granularity) => `CAST(date_trunc('${g}', s.seizure_date) AS DATE)`;

/** One point of the total series with its derived values. */
export interface TrendPoint {
  period: string;
  value: number;
  movingAverage: number;
  lastYear: number | null;
  yoy: number | null;
  baseline: number | null;
  surge: boolean;
}

/** The total series with moving average (3 periods), year-on-year change and surge flags. */
export function trendTotalsQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
  granularity: Granularity,
  measure: Measure,
): SqlQuery {
  const src = source(model, state, exclude, measure, false, granularity);
  const r = SURGE_RULE;
  const params: SqlValue[] = [...src.body.params, r.minBaseline, r.sdFactor, r.ratio];
  return {
    sql: `
WITH base AS (SELECT ${period(granularity)} AS p, ${src.value}::DOUBLE AS v ${src.body.sql} GROUP BY 1),
periods AS (
  SELECT CAST(unnest(generate_series(min(p), max(p), ${INTERVAL[granularity]})) AS DATE) AS p FROM base
),
filled AS (SELECT periods.p, coalesce(base.v, 0) AS v FROM periods LEFT JOIN base USING (p)),
stats AS (
  SELECT p, v,
    avg(v) OVER (ORDER BY p ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS ma,
    lag(v, ${PER_YEAR[granularity]}) OVER (ORDER BY p) AS last_year,
    avg(v) OVER w6 AS base,
    stddev_pop(v) OVER w6 AS sd,
    count(*) OVER w6 AS n
  FROM filled
  WINDOW w6 AS (ORDER BY p ROWS BETWEEN ${r.window} PRECEDING AND 1 PRECEDING)
)
SELECT strftime(p, '%Y-%m-%d') AS period, v AS value, ma AS "movingAverage", last_year AS "lastYear",
  CASE WHEN last_year > 0 THEN (v - last_year) / last_year END AS yoy,
  CASE WHEN n = ${r.window} THEN base END AS baseline,
  coalesce(n = ${r.window} AND base >= ? AND v > base + ? * coalesce(sd, 0) AND v >= ? * base, false) AS surge
FROM stats ORDER BY p`,
    params,
  };
}

/** One value of a split series. */
export interface SplitPoint {
  period: string;
  key: string;
  label: string | null;
  value: number;
}

/**
 * The series split by firearm type (firearms), region, or the `top` countries (others summed as
 * `other`). Periods without data are left out; the view fills them.
 */
export function trendSplitQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
  granularity: Granularity,
  measure: Measure,
  split: Exclude<Split, 'none'>,
  top: number,
  lang: string,
): SqlQuery {
  if (split === 'type') {
    const src = source(model, state, exclude, measure, true, granularity);
    return {
      sql: `SELECT strftime(${period(granularity)}, '%Y-%m-%d') AS period, f.firearm_type AS key, NULL AS label, ${src.value}::DOUBLE AS value
${src.body.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
      params: src.body.params,
    };
  }
  if (split === 'region') {
    const src = source(
      model,
      state,
      exclude,
      measure,
      false,
      granularity,
      'JOIN places p ON p.iso3 = s.country_iso3',
    );
    return {
      sql: `SELECT strftime(${period(granularity)}, '%Y-%m-%d') AS period, p.atlas_region AS key, NULL AS label, ${src.value}::DOUBLE AS value
${src.body.sql}
GROUP BY 1, 2 ORDER BY 1, 2`,
      params: src.body.params,
    };
  }
  const src = source(model, state, exclude, measure, false, granularity);
  return {
    sql: `
WITH rows AS (SELECT ${period(granularity)} AS p, s.country_iso3 AS c, ${src.value}::DOUBLE AS v ${src.body.sql} GROUP BY 1, 2),
leaders AS (SELECT c FROM rows GROUP BY c ORDER BY sum(v) DESC, c LIMIT ?),
keyed AS (SELECT rows.p, CASE WHEN l.c IS NULL THEN 'other' ELSE rows.c END AS key, rows.v FROM rows LEFT JOIN leaders l ON l.c = rows.c)
SELECT strftime(p, '%Y-%m-%d') AS period, key, any_value(pl.${placeNameColumn(lang)}) AS label, sum(v) AS value
FROM keyed LEFT JOIN places pl ON pl.iso3 = keyed.key
GROUP BY 1, 2 ORDER BY 1, 2`,
    params: [...src.body.params, limitParam(top)],
  };
}

/** One flagged surge of a country. */
export interface SurgeRow {
  iso3: string;
  name: string;
  period: string;
  value: number;
  baseline: number;
}

/** The latest monthly surges of seizures by seizing country, newest first. */
export function latestSurgesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
  limit: number,
  lang: string,
): SqlQuery {
  const src = seizureSource(model, state, exclude, { granularity: 'month' });
  const body = fromWhere(src, preciseEnough('month'));
  const r = SURGE_RULE;
  return {
    sql: `
WITH base AS (SELECT s.country_iso3 AS c, ${period('month')} AS p, ${src.count}::DOUBLE AS v ${body.sql} GROUP BY 1, 2),
periods AS (SELECT CAST(unnest(generate_series(min(p), max(p), INTERVAL 1 MONTH)) AS DATE) AS p FROM base),
filled AS (
  SELECT cs.c, periods.p, coalesce(base.v, 0) AS v
  FROM (SELECT DISTINCT c FROM base) cs CROSS JOIN periods LEFT JOIN base ON base.c = cs.c AND base.p = periods.p
),
stats AS (
  SELECT c, p, v, avg(v) OVER w6 AS b, stddev_pop(v) OVER w6 AS sd, count(*) OVER w6 AS n
  FROM filled WINDOW w6 AS (PARTITION BY c ORDER BY p ROWS BETWEEN ${r.window} PRECEDING AND 1 PRECEDING)
)
SELECT c AS iso3, coalesce(pl.${placeNameColumn(lang)}, c) AS name, strftime(p, '%Y-%m-%d') AS period, v AS value, b AS baseline
FROM stats LEFT JOIN places pl ON pl.iso3 = stats.c
WHERE n = ${r.window} AND b >= ? AND v > b + ? * coalesce(sd, 0) AND v >= ? * b
ORDER BY p DESC, v / b DESC, c
LIMIT ?`,
    params: [...body.params, r.minBaseline, r.sdFactor, r.ratio, limitParam(limit)],
  };
}

/** Operations for bands on time charts. */
export interface OperationBand {
  id: number;
  name: string;
  start: string;
  end: string;
  synthetic: boolean;
}

/** Every operation with its dates. */
export function operationBandsQuery(): SqlQuery {
  return {
    sql: `SELECT operation_id AS id, name, strftime(start_date, '%Y-%m-%d') AS start, strftime(end_date, '%Y-%m-%d') AS "end", is_synthetic AS synthetic FROM operations ORDER BY start_date`,
    params: [],
  };
}
