/**
 * Queries behind the Traces view, under the filters (trace grain): who asks whom, outcomes,
 * response times, pending requests by age, time-to-crime bands, and the SDG 16.4.2-style share
 * of seized firearms whose illicit origin was established.
 */
import { seizureFrom } from './cube';
import { placeNameColumn } from './overview';
import type { SqlQuery } from './types';
import {
  filtersFirearms,
  filtersSeizures,
  whereClause,
  type FilterState,
  type WhereOptions,
} from './where';

type Exclude = WhereOptions['exclude'];

/**
 * `FROM … WHERE …` of trace queries; seizures and firearms are joined only when a filter tests
 * them (at 10M seizures the join to `seizures` alone took most of an unfiltered query's time).
 */
const traceFrom = (state: FilterState, exclude: Exclude) => {
  const w = whereClause(state, { grain: 'trace', exclude });
  const seizures = filtersSeizures(state, exclude)
    ? ' JOIN seizures s ON s.seizure_id = t.seizure_id'
    : '';
  const firearms = filtersFirearms(state, exclude)
    ? ' JOIN firearms f ON f.firearm_id = t.firearm_id'
    : '';
  return {
    from: `traces t${seizures}${firearms} WHERE ${w.sql}`,
    params: w.params,
  };
};

/** Requests by country on one side of the request. */
export interface TraceCountryRow {
  iso3: string;
  name: string;
  requests: number;
  answered: number;
}

/** Trace requests per requesting (seizing) or requested country, top `limit`. */
export function tracesByCountryQuery(
  state: FilterState,
  exclude: Exclude,
  side: 'requesting' | 'requested',
  limit: number,
  lang: string,
): SqlQuery {
  const src = traceFrom(state, exclude);
  const col = side === 'requesting' ? 't.requesting_iso3' : 't.requested_iso3';
  return {
    sql: `SELECT ${col} AS iso3, coalesce(any_value(p.${placeNameColumn(lang)}), ${col}) AS name, count(*)::BIGINT AS requests,
       count(*) FILTER (WHERE t.outcome <> 'pending')::BIGINT AS answered
FROM ${src.from.replace(' WHERE ', ` LEFT JOIN places p ON p.iso3 = ${col} WHERE `)}
GROUP BY ${col} ORDER BY requests DESC, iso3 LIMIT ?`,
    params: [...src.params, Math.max(1, Math.floor(limit))],
  };
}

/** Count per category (outcome, pending age band, time-to-crime band). */
export interface CategoryRow {
  key: string;
  n: number;
}

/** Requests per outcome. */
export function outcomesQuery(state: FilterState, exclude: Exclude): SqlQuery {
  const src = traceFrom(state, exclude);
  return {
    sql: `SELECT t.outcome AS key, count(*)::BIGINT AS n FROM ${src.from} GROUP BY 1 ORDER BY n DESC`,
    params: src.params,
  };
}

/** Response time per year the request was sent: median and 90th percentile in days. */
export interface ResponseRow {
  year: string;
  answered: number;
  median: number | null;
  p90: number | null;
}

/** Median and 90th-percentile days from sending to answer, per year sent, plus an `all` row. */
export function responseTimesQuery(state: FilterState, exclude: Exclude): SqlQuery {
  const src = traceFrom(state, exclude);
  return {
    sql: `
SELECT coalesce(CAST(year(t.sent_date) AS VARCHAR), 'all') AS year, count(*)::BIGINT AS answered,
  quantile_cont(t.answered_date - t.sent_date, 0.5) AS median, quantile_cont(t.answered_date - t.sent_date, 0.9) AS p90
FROM ${src.from} AND t.answered_date IS NOT NULL
GROUP BY ROLLUP (year(t.sent_date))
ORDER BY year`,
    params: src.params,
  };
}

/** Age bands of pending requests on `asOf` (the dataset's last day). */
export function pendingAgesQuery(state: FilterState, exclude: Exclude, asOf: string): SqlQuery {
  const src = traceFrom(state, exclude);
  return {
    sql: `
SELECT CASE WHEN age < 30 THEN 'd30' WHEN age < 90 THEN 'd90' WHEN age < 180 THEN 'd180' WHEN age < 365 THEN 'd365' ELSE 'older' END AS key,
  count(*)::BIGINT AS n
FROM (SELECT ?::DATE - t.sent_date AS age FROM ${src.from} AND t.outcome = 'pending')
GROUP BY 1`,
    params: [asOf, ...src.params],
  };
}

/** Time-to-crime bands of traced firearms with a known retail or import date. */
export function timeToCrimeQuery(state: FilterState, exclude: Exclude): SqlQuery {
  const src = traceFrom(state, exclude);
  return {
    sql: `
SELECT CASE WHEN d < 365 THEN 'y1' WHEN d < 1095 THEN 'y3' WHEN d < 3650 THEN 'y10' ELSE 'older' END AS key, count(*)::BIGINT AS n
FROM (SELECT t.time_to_crime_days AS d FROM ${src.from} AND t.time_to_crime_days IS NOT NULL)
GROUP BY 1`,
    params: src.params,
  };
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
  state: FilterState,
  exclude: Exclude,
  by: 'year' | 'country',
  lang: string,
): SqlQuery {
  const key = by === 'year' ? 'CAST(year(s.seizure_date) AS VARCHAR)' : 's.country_iso3';
  const name = by === 'country' ? `any_value(p.${placeNameColumn(lang)})` : 'NULL';
  const places = by === 'country' ? 'LEFT JOIN places p ON p.iso3 = s.country_iso3' : '';
  const order = by === 'year' ? 'ORDER BY key' : 'ORDER BY share DESC, key';
  const src = seizureFrom(state, exclude);
  if (src.cube && src.firearms && src.established) {
    // From a cube: groups without a selected firearm have no row on the tables either.
    return {
      sql: `
SELECT key, name, firearms, established, established::DOUBLE / firearms AS share FROM (
  SELECT ${key} AS key, ${name} AS name, ${src.firearms}::BIGINT AS firearms, ${src.established}::BIGINT AS established
  FROM ${src.table} s ${places}
  WHERE ${src.where.sql}
  GROUP BY ${key}
) WHERE firearms >= ${by === 'year' ? 1 : 50}
${order}`,
      params: src.where.params,
    };
  }
  const w = whereClause(state, { grain: 'firearm', exclude });
  return {
    sql: `
SELECT ${key} AS key, ${name} AS name,
  count(*)::BIGINT AS firearms,
  count(*) FILTER (WHERE t.outcome = 'traced' AND t.diversion_point <> 'unknown')::BIGINT AS established,
  (count(*) FILTER (WHERE t.outcome = 'traced' AND t.diversion_point <> 'unknown'))::DOUBLE / count(*) AS share
FROM firearms f JOIN seizures s ON s.seizure_id = f.seizure_id
LEFT JOIN traces t ON t.trace_id = f.trace_id
${places}
WHERE ${w.sql}
GROUP BY ${key}
${by === 'year' ? '' : 'HAVING count(*) >= 50'}
${order}`,
    params: w.params,
  };
}
