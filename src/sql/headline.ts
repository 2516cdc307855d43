/**
 * Headline figures under the current filters: what the header shows.
 */
import { seizureFrom } from './cube';
import type { SqlQuery } from './types';
import { filtersFirearms, whereClause, type FilterState } from './where';

/** One row of the headline query. */
export interface HeadlineRow {
  seizures: number;
  firearms: number;
  rounds: number;
  arrests: number;
  countries: number;
  traces: number;
  tracesAnswered: number;
  firstDate: string | null;
  lastDate: string | null;
}

/**
 * Firearms counted at their own grain when a firearm filter applies (unless a cube holds them),
 * else from the seizure totals.
 */
export function firearmsCountQuery(state: FilterState, exclude?: string): SqlQuery {
  const src = seizureFrom(state, exclude);
  if (src.firearms) {
    return {
      sql: `SELECT ${src.firearms}::BIGINT AS n FROM ${src.table} s WHERE ${src.where.sql}`,
      params: src.where.params,
    };
  }
  const w = whereClause(state, { grain: 'firearm', exclude });
  return {
    sql: `SELECT count(*)::BIGINT AS n FROM firearms f JOIN seizures s USING (seizure_id) WHERE ${w.sql}`,
    params: w.params,
  };
}

/** Trace requests under the filters (joined to their seizure, and firearm when filtered on it). */
export function tracesFrom(state: FilterState, exclude?: string): SqlQuery {
  const w = whereClause(state, { grain: 'trace', exclude });
  const joinFirearms = filtersFirearms(state, exclude)
    ? ' JOIN firearms f ON f.firearm_id = t.firearm_id'
    : '';
  return {
    sql: `traces t JOIN seizures s ON s.seizure_id = t.seizure_id${joinFirearms} WHERE ${w.sql}`,
    params: w.params,
  };
}

/**
 * Counts seizures, firearms, rounds of ammunition, arrests and seizing countries, trace requests
 * and how many were answered (traced, not traceable or refused), and the date span.
 * Integer sums are cast to BIGINT so DuckDB-WASM returns plain numbers, not HUGEINT.
 */
export function headlineQuery(state: FilterState): SqlQuery {
  const src = seizureFrom(state, undefined);
  const ws = src.where;
  if (src.firearms && src.traces) {
    // Every figure from one pass over the cube, trace counts included.
    return {
      sql: `
SELECT
  ${src.count}::BIGINT AS seizures,
  ${src.firearms}::BIGINT AS firearms,
  coalesce(sum(s.ammunition_rounds), 0)::BIGINT AS rounds,
  coalesce(sum(s.arrests), 0)::BIGINT AS arrests,
  count(DISTINCT s.country_iso3)::BIGINT AS countries,
  ${src.traces.all}::BIGINT AS traces,
  ${src.traces.answered}::BIGINT AS "tracesAnswered",
  strftime(${src.first}, '%Y-%m-%d') AS "firstDate",
  strftime(${src.last}, '%Y-%m-%d') AS "lastDate"
FROM ${src.table} s
WHERE ${ws.sql}`,
      params: ws.params,
    };
  }
  const fq = firearmsCountQuery(state);
  const tq = tracesFrom(state);
  return {
    sql: `
WITH s AS (
  SELECT
    count(*)::BIGINT AS seizures,
    coalesce(sum(ammunition_rounds), 0)::BIGINT AS rounds,
    coalesce(sum(arrests), 0)::BIGINT AS arrests,
    count(DISTINCT country_iso3)::BIGINT AS countries,
    strftime(min(seizure_date), '%Y-%m-%d') AS "firstDate",
    strftime(max(seizure_date), '%Y-%m-%d') AS "lastDate"
  FROM seizures s
  WHERE ${ws.sql}
), f AS (${fq.sql}), t AS (
  SELECT
    count(*)::BIGINT AS traces,
    count(*) FILTER (WHERE t.outcome <> 'pending')::BIGINT AS "tracesAnswered"
  FROM ${tq.sql}
)
SELECT s.seizures, f.n AS firearms, s.rounds, s.arrests, s.countries, t.traces, t."tracesAnswered", s."firstDate", s."lastDate"
FROM s, f, t`,
    params: [...ws.params, ...fq.params, ...tq.params],
  };
}

/** Share of trace requests answered, 0–1, or null when there are none. */
export function answeredShare(row: Pick<HeadlineRow, 'traces' | 'tracesAnswered'>): number | null {
  return row.traces > 0 ? row.tracesAnswered / row.traces : null;
}
