/**
 * Headline figures under the current filters: what the header shows.
 */
import { eventCountWhere, type SqlModel } from './model';
import { fromWhere, seizureSource, traceSource } from './source';
import type { SqlQuery } from './types';
import type { FilterState } from './where';

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
 * Counts seizures, firearms (the matching ones under a firearm filter), rounds of ammunition,
 * arrests and seizing countries, trace requests and how many were answered (traced, not traceable
 * or refused), and the date span. Integer sums are cast to BIGINT so DuckDB-WASM returns plain
 * numbers, not HUGEINT.
 */
export function headlineQuery(model: SqlModel, state: FilterState): SqlQuery {
  const src = seizureSource(model, state, undefined);
  const seizures = fromWhere(src);
  const figures = `
  ${src.count}::BIGINT AS seizures,
  ${src.firearms}::BIGINT AS firearms,
  coalesce(sum(s.ammunition_rounds), 0)::BIGINT AS rounds,
  coalesce(sum(s.arrests), 0)::BIGINT AS arrests,
  count(DISTINCT s.country_iso3)::BIGINT AS countries,
  strftime(${src.first}, '%Y-%m-%d') AS "firstDate",
  strftime(${src.last}, '%Y-%m-%d') AS "lastDate"`;
  if (src.traces) {
    // Every figure from one pass over the cube, trace counts included.
    return {
      sql: `SELECT ${figures},
  ${src.traces.all}::BIGINT AS traces,
  ${src.traces.answered}::BIGINT AS "tracesAnswered"
${seizures.sql}`,
      params: seizures.params,
    };
  }
  const tr = traceSource(model, state, undefined);
  const traces = fromWhere(tr);
  return {
    sql: `
WITH s AS (SELECT ${figures} ${seizures.sql}),
t AS (
  SELECT ${tr.count}::BIGINT AS traces,
    ${eventCountWhere(model, 'trace', "t.outcome <> 'pending'")}::BIGINT AS "tracesAnswered"
  ${traces.sql}
)
SELECT s.seizures, s.firearms, s.rounds, s.arrests, s.countries, t.traces, t."tracesAnswered", s."firstDate", s."lastDate"
FROM s, t`,
    params: [...seizures.params, ...traces.params],
  };
}

/** Share of trace requests answered, 0–1, or null when there are none. */
export function answeredShare(row: Pick<HeadlineRow, 'traces' | 'tracesAnswered'>): number | null {
  return row.traces > 0 ? row.tracesAnswered / row.traces : null;
}
