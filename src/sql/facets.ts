/**
 * Facet counts for the filter bar: the values of one field with how many rows carry each, under
 * every other filter (the field's own filter is left out, so all its options stay visible).
 * Seizure fields count seizures, firearm fields count firearms, trace outcomes count traces.
 */
import { LINKED_CRIMES } from '../domain/vocabulary';
import { FIELDS, type FieldId } from '../state/fields';
import { quoteIdent, quoteLiteral } from './literal';
import { placeNameColumn } from './overview';
import type { SqlQuery } from './types';
import { filtersSeizures, whereClause, type FilterState, type WhereOptions } from './where';

/** One option of a facet. */
export interface FacetRow {
  value: string;
  /** A display name from the data (country or operation name), else null. */
  label: string | null;
  count: number;
}

/** How many options a facet lists at most. */
export const FACET_LIMIT = 300;

/**
 * The options of `field` with their counts under the other filters (and cross-filters, except
 * `exclude`'s). Also the breakdowns of the Patterns view.
 */
export function facetQuery(
  state: FilterState,
  field: FieldId,
  lang: string,
  exclude?: WhereOptions['exclude'],
): SqlQuery {
  const others: FilterState = { ...state, filters: { ...state.filters, [field]: [] } };
  const spec = FIELDS[field];
  const w = whereClause(others, { grain: spec.grain, exclude });
  const name = placeNameColumn(lang);
  const tail = `ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`;
  // Firearm and trace facets join seizures only when a filter tests them.
  const joinSeizures = (alias: 't' | 'f') =>
    filtersSeizures(others, exclude)
      ? ` JOIN seizures s ON s.seizure_id = ${alias}.seizure_id`
      : '';
  const countryFacet = (column: string) => ({
    sql: `
SELECT s.${column} AS value, any_value(p.${name}) AS label, count(*)::BIGINT AS count
FROM seizures s LEFT JOIN places p ON p.iso3 = s.${column}
WHERE s.${column} IS NOT NULL AND ${w.sql}
GROUP BY 1 ${tail}`,
    params: w.params,
  });
  switch (field) {
    case 'country':
      return countryFacet('country_iso3');
    case 'origin':
      return countryFacet('origin_iso3');
    case 'destination':
      return countryFacet('destination_iso3');
    case 'transit':
      return {
        sql: `
SELECT x.value, any_value(p.${name}) AS label, count(*)::BIGINT AS count
FROM (SELECT unnest(s.transit_iso3) AS value FROM seizures s WHERE ${w.sql}) x
LEFT JOIN places p ON p.iso3 = x.value
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    case 'region':
      return {
        sql: `
SELECT p.atlas_region AS value, NULL AS label, count(*)::BIGINT AS count
FROM seizures s JOIN places p ON p.iso3 = s.country_iso3
WHERE ${w.sql}
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    case 'operation':
      return {
        sql: `
SELECT CAST(s.operation_id AS VARCHAR) AS value, any_value(o.name) AS label, count(*)::BIGINT AS count
FROM seizures s JOIN operations o ON o.operation_id = s.operation_id
WHERE ${w.sql}
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    case 'crime':
      return {
        sql: `SELECT * FROM (\n${LINKED_CRIMES.map(
          (c) =>
            `SELECT ${quoteLiteral(c)} AS value, NULL AS label, count(*) FILTER (WHERE s.${quoteIdent(`crime_${c}`)})::BIGINT AS count FROM seizures s WHERE ${w.sql}`,
        ).join('\nUNION ALL\n')}\n) WHERE count > 0\n${tail}`,
        params: LINKED_CRIMES.flatMap(() => w.params),
      };
    case 'traceOutcome':
      return {
        sql: `
SELECT t.outcome AS value, NULL AS label, count(*)::BIGINT AS count
FROM traces t${joinSeizures('t')} JOIN firearms f ON f.firearm_id = t.firearm_id
WHERE ${w.sql}
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    case 'firearmType':
    case 'calibre':
    case 'make':
    case 'marking':
    case 'condition': {
      const column = quoteIdent((spec.test as { column: string }).column);
      return {
        sql: `
SELECT f.${column} AS value, NULL AS label, count(*)::BIGINT AS count
FROM firearms f${joinSeizures('f')}
WHERE f.${column} IS NOT NULL AND ${w.sql}
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    }
    case 'placeType':
    case 'agency':
    case 'transport':
    case 'concealment': {
      const column = quoteIdent((spec.test as { column: string }).column);
      return {
        sql: `
SELECT s.${column} AS value, NULL AS label, count(*)::BIGINT AS count
FROM seizures s
WHERE ${w.sql}
GROUP BY 1 ${tail}`,
        params: w.params,
      };
    }
  }
}

/** One display name: of a country (`iso3`) or an operation (`operation`). */
export interface NameRow {
  kind: 'iso3' | 'operation';
  key: string;
  name: string;
}

/** Country names in a language and operation names, for chips and labels. */
export function namesQuery(lang: string): SqlQuery {
  return {
    sql: `SELECT 'iso3' AS kind, iso3 AS key, ${placeNameColumn(lang)} AS name FROM places
UNION ALL SELECT 'operation', CAST(operation_id AS VARCHAR), name FROM operations`,
    params: [],
  };
}
