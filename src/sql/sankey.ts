/**
 * Stage-to-stage links for the Flows view's Sankey diagrams, aggregated in DuckDB:
 * suspected origin → first transit country → intended destination (firearms), and, from trace
 * results, country of manufacture → diversion point → country of recovery (traced firearms).
 */
import { seizureFrom } from './cube';
import type { SqlQuery } from './types';
import { filtersSeizures, whereClause, type FilterState, type WhereOptions } from './where';

/** One aggregated link between two stages. */
export interface StageLinkRow {
  fromStage: string;
  fromCode: string;
  toStage: string;
  toCode: string;
  value: number;
}

/**
 * Origin → transit → destination, weighted by firearms. Seizures with an unknown origin or
 * destination are left out; a route with several transit countries uses the first (the one the
 * arms entered next), so every link joins two consecutive stages.
 */
export function routeStagesQuery(state: FilterState, exclude: WhereOptions['exclude']): SqlQuery {
  const src = seizureFrom(state, exclude);
  const w = src.where;
  return {
    sql: `
WITH r AS (
  SELECT s.origin_iso3 AS o, s.transit_iso3[1] AS t, s.destination_iso3 AS d, s.firearms_count AS v
  FROM ${src.table} s
  WHERE s.origin_iso3 IS NOT NULL AND s.destination_iso3 IS NOT NULL AND ${w.sql}
)
SELECT 'origin' AS "fromStage", o AS "fromCode", CASE WHEN t IS NULL THEN 'destination' ELSE 'transit' END AS "toStage",
       coalesce(t, d) AS "toCode", sum(v)::DOUBLE AS value
FROM r GROUP BY ALL
UNION ALL
SELECT 'transit', t, 'destination', d, sum(v)::DOUBLE FROM r WHERE t IS NOT NULL GROUP BY ALL
ORDER BY value DESC`,
    params: w.params,
  };
}

/** Country of manufacture → diversion point → country of recovery, for traced firearms. */
export function diversionStagesQuery(
  state: FilterState,
  exclude: WhereOptions['exclude'],
): SqlQuery {
  const w = whereClause(state, { grain: 'trace', exclude });
  const seizures = filtersSeizures(state, exclude)
    ? ' JOIN seizures s ON s.seizure_id = t.seizure_id'
    : '';
  const from = `traces t JOIN firearms f ON f.firearm_id = t.firearm_id${seizures}
  WHERE t.diversion_point IS NOT NULL AND f.country_of_manufacture IS NOT NULL AND ${w.sql}`;
  return {
    sql: `
SELECT 'manufacture' AS "fromStage", f.country_of_manufacture AS "fromCode", 'diversion' AS "toStage", t.diversion_point AS "toCode", count(*)::DOUBLE AS value
FROM ${from} GROUP BY ALL
UNION ALL
SELECT 'diversion', t.diversion_point, 'recovery', t.requesting_iso3, count(*)::DOUBLE
FROM ${from} GROUP BY ALL
ORDER BY value DESC`,
    params: [...w.params, ...w.params],
  };
}
