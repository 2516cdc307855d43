/**
 * Headline figures under the current filters: what the header shows.
 */
import { raw, sql, withCtes } from './fragment';
import { eventCountWhere, type SqlModel } from './model';
import { withSelection } from './selection';
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
 * numbers, not HUGEINT. Under a firearm filter it reads the matching firearms per seizure from the
 * selection it shares with the seizure breakdowns and facets (`seizureSource`'s `share`).
 */
export function headlineQuery(model: SqlModel, state: FilterState): SqlQuery {
  const src = seizureSource(model, state, undefined, {}, { share: true });
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
    return sql`SELECT ${raw(figures)},
  ${raw(src.traces.all)}::BIGINT AS traces,
  ${raw(src.traces.answered)}::BIGINT AS "tracesAnswered"
${seizures}`;
  }
  const tr = traceSource(model, state, undefined);
  return withSelection(
    src.selection,
    withCtes(
      [
        { name: 's', query: sql`SELECT ${raw(figures)} ${seizures}` },
        {
          name: 't',
          query: sql`
  SELECT ${raw(tr.count)}::BIGINT AS traces,
    ${raw(eventCountWhere(model, 'trace', "t.outcome <> 'pending'"))}::BIGINT AS "tracesAnswered"
  ${fromWhere(tr)}`,
        },
      ],
      sql`SELECT s.seizures, s.firearms, s.rounds, s.arrests, s.countries, t.traces, t."tracesAnswered", s."firstDate", s."lastDate"
FROM s, t`,
    ),
  );
}

/** Share of trace requests answered, 0–1, or null when there are none. */
export function answeredShare(row: Pick<HeadlineRow, 'traces' | 'tracesAnswered'>): number | null {
  return row.traces > 0 ? row.tracesAnswered / row.traces : null;
}
