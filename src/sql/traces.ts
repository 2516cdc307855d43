/**
 * Queries behind the Traces view, under the filters (trace grain): who asks whom, outcomes,
 * response times, pending requests by age, time-to-crime bands, and the SDG 16.4.2-style share
 * of seized firearms whose illicit origin was established.
 */
import { eventCountWhere, type SqlModel } from './model';
import { placeNameColumn } from './overview';
import { firearmSource, fromWhere, limitParam, seizureSource, traceSource } from './source';
import { raw, sql } from './fragment';
import { withSelection } from './selection';
import type { SqlQuery } from './types';
import type { FilterState, WhereOptions } from './where';

type Exclude = WhereOptions['exclude'];

/** Requests by country on one side of the request. */
export interface TraceCountryRow {
  iso3: string;
  name: string;
  requests: number;
  answered: number;
}

/** Trace requests per requesting (seizing) or requested country, top `limit`. */
export function tracesByCountryQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  side: 'requesting' | 'requested',
  limit: number,
  lang: string,
): SqlQuery {
  const col = side === 'requesting' ? 't.requesting_iso3' : 't.requested_iso3';
  const src = traceSource(model, state, exclude, {
    more: `LEFT JOIN places p ON p.iso3 = ${col}`,
    share: true,
  });
  const [c, name, count] = [raw(col), raw(placeNameColumn(lang)), raw(src.count)];
  const answered = raw(eventCountWhere(model, 'trace', "t.outcome <> 'pending'"));
  return withSelection(
    src.selection,
    sql`SELECT ${c} AS iso3, coalesce(any_value(p.${name}), ${c}) AS name, ${count}::BIGINT AS requests,
       ${answered}::BIGINT AS answered
${fromWhere(src)}
GROUP BY ${c} ORDER BY requests DESC, iso3 LIMIT ${limitParam(limit)}`,
  );
}

/** Count per category (outcome, pending age band, time-to-crime band). */
export interface CategoryRow {
  key: string;
  n: number;
}

/** Requests per outcome. */
export function outcomesQuery(model: SqlModel, state: FilterState, exclude: Exclude): SqlQuery {
  const src = traceSource(model, state, exclude, { share: true });
  return withSelection(
    src.selection,
    sql`SELECT t.outcome AS key, ${raw(src.count)}::BIGINT AS n ${fromWhere(src)} GROUP BY 1 ORDER BY n DESC`,
  );
}

/** Response time per year the request was sent: median and 90th percentile in days. */
export interface ResponseRow {
  year: string;
  answered: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th-percentile days from sending to answer, per year sent, plus an `all` row. */
export function responseTimesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
): SqlQuery {
  const src = traceSource(model, state, exclude, { share: true });
  // Quantiles of aggregate rows would need their weights; event rows have weight 1.
  return withSelection(
    src.selection,
    sql`
SELECT coalesce(CAST(year(t.sent_date) AS VARCHAR), 'all') AS year, ${raw(src.count)}::BIGINT AS answered,
  quantile_cont(t.answered_date - t.sent_date, 0.5) AS median, quantile_cont(t.answered_date - t.sent_date, 0.9) AS p90
${fromWhere(src, 't.answered_date IS NOT NULL')}
GROUP BY ROLLUP (year(t.sent_date))
ORDER BY year`,
  );
}

/** Age bands of pending requests on `asOf` (the dataset's last day). */
export function pendingAgesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  asOf: string,
): SqlQuery {
  const src = traceSource(model, state, exclude, { share: true });
  return withSelection(
    src.selection,
    sql`
SELECT CASE WHEN age < 30 THEN 'd30' WHEN age < 90 THEN 'd90' WHEN age < 180 THEN 'd180' WHEN age < 365 THEN 'd365' ELSE 'older' END AS key,
  coalesce(sum(w), 0)::BIGINT AS n
FROM (SELECT ${asOf}::DATE - t.sent_date AS age, ${raw(src.weight)} AS w ${fromWhere(src, "t.outcome = 'pending'")})
GROUP BY 1`,
  );
}

/** Time-to-crime bands of traced firearms with a known retail or import date. */
export function timeToCrimeQuery(model: SqlModel, state: FilterState, exclude: Exclude): SqlQuery {
  const src = traceSource(model, state, exclude, { share: true });
  return withSelection(
    src.selection,
    sql`
SELECT CASE WHEN d < 365 THEN 'y1' WHEN d < 1095 THEN 'y3' WHEN d < 3650 THEN 'y10' ELSE 'older' END AS key, coalesce(sum(w), 0)::BIGINT AS n
FROM (SELECT t.time_to_crime_days AS d, ${raw(src.weight)} AS w ${fromWhere(src, 't.time_to_crime_days IS NOT NULL')})
GROUP BY 1`,
  );
}

/** The SDG 16.4.2-style share for one year or country. */
export interface SdgRow {
  key: string;
  name: string | null;
  firearms: number;
  established: number;
  share: number;
}

/**
 * Share of seized firearms whose illicit origin was established: traced, with a known diversion
 * point, over all seized firearms (traced or not) — per year of seizure or per seizing country.
 */
export function sdgShareQuery(
  model: SqlModel,
  state: FilterState,
  exclude: Exclude,
  by: 'year' | 'country',
  lang: string,
): SqlQuery {
  const key = by === 'year' ? 'CAST(year(s.seizure_date) AS VARCHAR)' : 's.country_iso3';
  const name = by === 'country' ? `any_value(p.${placeNameColumn(lang)})` : 'NULL';
  const places = by === 'country' ? 'LEFT JOIN places p ON p.iso3 = s.country_iso3' : '';
  const order = by === 'year' ? 'ORDER BY key' : 'ORDER BY share DESC, key';
  const src = seizureSource(model, state, exclude);
  if (src.cube && src.established) {
    // From a cube: groups without a selected firearm have no row on the tables either.
    return {
      sql: `
SELECT key, name, firearms, established, established::DOUBLE / firearms AS share FROM (
  SELECT ${key} AS key, ${name} AS name, ${src.firearms}::BIGINT AS firearms, ${src.established}::BIGINT AS established
  FROM ${src.from.sql} ${places}
  WHERE ${src.where.sql}
  GROUP BY ${key}
) WHERE firearms >= ${by === 'year' ? 1 : 50}
${order}`,
      params: [...src.from.params, ...src.where.params],
    };
  }
  const rows = firearmSource(model, state, exclude, {
    seizures: true,
    more: `LEFT JOIN traces t ON t.trace_id = f.trace_id ${places}`,
  });
  const body = fromWhere(rows);
  const all = rows.count;
  const established = eventCountWhere(
    model,
    'firearm',
    "t.outcome = 'traced' AND t.diversion_point <> 'unknown'",
  );
  return {
    sql: `
SELECT ${key} AS key, ${name} AS name,
  ${all}::BIGINT AS firearms,
  ${established}::BIGINT AS established,
  (${established})::DOUBLE / ${all} AS share
${body.sql}
GROUP BY ${key}
${by === 'year' ? '' : `HAVING ${all} >= 50`}
${order}`,
    params: body.params,
  };
}
