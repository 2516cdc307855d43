/**
 * Stage-to-stage links for the Flows view's Sankey diagrams, aggregated in DuckDB:
 * suspected origin → first transit country → intended destination (firearms), and, from trace
 * results, country of manufacture → diversion point → country of recovery (traced firearms).
 */
import { raw, sql, withCtes } from './fragment';
import type { SqlModel } from './model';
import { fromWhere, seizureSource, traceSource } from './source';
import type { SqlQuery } from './types';
import { routeEnd, type FilterState, type PlaceLevel, type WhereOptions } from './where';

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
export function routeStagesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
  level: PlaceLevel = 'country',
): SqlQuery {
  const src = seizureSource(model, state, exclude, { placeLevel: level });
  const body = fromWhere(src, 's.origin_iso3 IS NOT NULL AND s.destination_iso3 IS NOT NULL');
  const r = sql`
  SELECT ${raw(routeEnd('origin', level))} AS o, s.transit_iso3[1] AS t, ${raw(routeEnd('destination', level))} AS d, ${raw(src.firearmsOfRow)} AS v
  ${body}
`;
  return withCtes(
    [{ name: 'r', query: r }],
    sql`SELECT 'origin' AS "fromStage", o AS "fromCode", CASE WHEN t IS NULL THEN 'destination' ELSE 'transit' END AS "toStage",
       coalesce(t, d) AS "toCode", sum(v)::DOUBLE AS value
FROM r GROUP BY ALL
UNION ALL
SELECT 'transit', t, 'destination', d, sum(v)::DOUBLE FROM r WHERE t IS NOT NULL GROUP BY ALL
ORDER BY value DESC`,
  );
}

/** Country of manufacture → diversion point → country of recovery, for traced firearms. */
export function diversionStagesQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
): SqlQuery {
  const src = traceSource(model, state, exclude, { firearms: true });
  const body = fromWhere(
    src,
    't.diversion_point IS NOT NULL AND f.country_of_manufacture IS NOT NULL',
  );
  const count = raw(src.count);
  return sql`
SELECT 'manufacture' AS "fromStage", f.country_of_manufacture AS "fromCode", 'diversion' AS "toStage", t.diversion_point AS "toCode", ${count}::DOUBLE AS value
${body} GROUP BY ALL
UNION ALL
SELECT 'diversion', t.diversion_point, 'recovery', t.requesting_iso3, ${count}::DOUBLE
${body} GROUP BY ALL
ORDER BY value DESC`;
}
