/**
 * Headline figures of the dataset: what the header and the Overview show first.
 */
import type { SqlQuery } from './types';

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
 * Counts seizures, firearms, rounds of ammunition, arrests and seizing countries, trace requests
 * and the share of them answered (traced, not traceable or refused), and the date span.
 * Integer sums are cast to BIGINT so DuckDB-WASM returns plain numbers, not HUGEINT.
 */
export function headlineQuery(): SqlQuery {
  return {
    sql: `
WITH s AS (
  SELECT
    count(*)::BIGINT AS seizures,
    coalesce(sum(firearms_count), 0)::BIGINT AS firearms,
    coalesce(sum(ammunition_rounds), 0)::BIGINT AS rounds,
    coalesce(sum(arrests), 0)::BIGINT AS arrests,
    count(DISTINCT country_iso3)::BIGINT AS countries,
    strftime(min(seizure_date), '%Y-%m-%d') AS "firstDate",
    strftime(max(seizure_date), '%Y-%m-%d') AS "lastDate"
  FROM seizures
), t AS (
  SELECT
    count(*)::BIGINT AS traces,
    count(*) FILTER (WHERE outcome <> 'pending')::BIGINT AS "tracesAnswered"
  FROM traces
)
SELECT * FROM s, t`,
    params: [],
  };
}

/** Share of trace requests answered, 0–1, or null when there are none. */
export function answeredShare(row: Pick<HeadlineRow, 'traces' | 'tracesAnswered'>): number | null {
  return row.traces > 0 ? row.tracesAnswered / row.traces : null;
}
