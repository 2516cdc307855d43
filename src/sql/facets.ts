/**
 * Facet counts for the filter bar: the values of one field with how many rows carry each, under
 * every other filter (the field's own filter is left out, so all its options stay visible).
 * Seizure fields count seizures, firearm fields count firearms, trace outcomes count traces.
 */
import { LINKED_CRIMES } from '../domain/vocabulary';
import { FIELDS, type FieldId } from '../state/fields';
import { quoteIdent, quoteLiteral } from './literal';
import { placeNameColumn } from './overview';
import { GRAIN_ALIAS, eventCountWhere, type SqlModel } from './model';
import { firearmSource, fromWhere, seizureSource, traceSource } from './source';
import type { SqlQuery } from './types';
import type { FilterState, WhereOptions } from './where';

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
  model: SqlModel,
  state: FilterState,
  field: FieldId,
  lang: string,
  exclude?: WhereOptions['exclude'],
): SqlQuery {
  const others: FilterState = { ...state, filters: { ...state.filters, [field]: [] } };
  const spec = FIELDS[field];
  const name = placeNameColumn(lang);
  const tail = `ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`;
  // Facets group by columns the cubes may not hold: they read the tables.
  const tables = { ...model, cubes: null };
  const seizures = seizureSource(tables, others, exclude);
  const grouped = (select: string, from: SqlQuery, ...extra: string[]) => ({
    sql: `SELECT ${select} ${from.sql}${extra.length ? ` ${extra.join(' ')}` : ''}`,
    params: from.params,
  });
  const withJoin = (more: string) => ({
    from: { sql: `${seizures.from.sql} ${more}`, params: seizures.from.params },
    where: seizures.where,
  });
  // Places at both levels: the countries, and the subdivisions the dataset knows for the field
  // ("Chihuahua (Mexico)"), each with its count; a subdivision filters its admin-1 column.
  const placeFacet = (column: string, admin1: string) => {
    const countries = fromWhere(
      withJoin(`LEFT JOIN places p ON p.iso3 = s.${column}`),
      `s.${column} IS NOT NULL`,
    );
    const subs = fromWhere(
      withJoin(
        `JOIN subdivisions sd ON sd.code = s.${admin1} LEFT JOIN places p ON p.iso3 = sd.iso3`,
      ),
      `s.${admin1} IS NOT NULL`,
    );
    return {
      sql: `SELECT * FROM (
  SELECT s.${column} AS value, any_value(p.${name}) AS label, ${seizures.count}::BIGINT AS count ${countries.sql} GROUP BY 1
  UNION ALL
  SELECT s.${admin1}, any_value(sd.${name} || ' (' || coalesce(p.${name}, sd.iso3) || ')'), ${seizures.count}::BIGINT ${subs.sql} GROUP BY 1
) ${tail}`,
      params: [...countries.params, ...subs.params],
    };
  };
  switch (field) {
    case 'country':
      return placeFacet('country_iso3', 'admin1');
    case 'origin':
      return placeFacet('origin_iso3', 'origin_admin1');
    case 'destination':
      return placeFacet('destination_iso3', 'destination_admin1');
    case 'transit': {
      const body = fromWhere(seizures);
      return {
        sql: `
SELECT x.value, any_value(p.${name}) AS label, coalesce(sum(x.n), 0)::BIGINT AS count
FROM (SELECT unnest(s.transit_iso3) AS value, ${seizures.n} AS n ${body.sql}) x
LEFT JOIN places p ON p.iso3 = x.value
GROUP BY 1 ${tail}`,
        params: body.params,
      };
    }
    case 'region':
      return grouped(
        `p.atlas_region AS value, NULL AS label, ${seizures.count}::BIGINT AS count`,
        fromWhere(withJoin('JOIN places p ON p.iso3 = s.country_iso3')),
        `GROUP BY 1 ${tail}`,
      );
    case 'operation':
      return grouped(
        `CAST(s.operation_id AS VARCHAR) AS value, any_value(o.name) AS label, ${seizures.count}::BIGINT AS count`,
        fromWhere(withJoin('JOIN operations o ON o.operation_id = s.operation_id')),
        `GROUP BY 1 ${tail}`,
      );
    case 'crime': {
      const body = fromWhere(seizures);
      return {
        sql: `SELECT * FROM (\n${LINKED_CRIMES.map(
          (c) =>
            `SELECT ${quoteLiteral(c)} AS value, NULL AS label, ${eventCountWhere(model, 'seizure', `s.${quoteIdent(`crime_${c}`)}`)}::BIGINT AS count ${body.sql}`,
        ).join('\nUNION ALL\n')}\n) WHERE count > 0\n${tail}`,
        params: LINKED_CRIMES.flatMap(() => body.params),
      };
    }
    default: {
      // Any field tested as `column IN (…)`: its values on its own grain's rows.
      const test = spec.test as { kind: string; column?: string };
      if (test.kind !== 'in' || !test.column) throw new Error(`No facet for field ${field}`);
      const column = `${GRAIN_ALIAS[spec.grain]}.${quoteIdent(test.column)}`;
      const rows =
        spec.grain === 'firearm'
          ? firearmSource(model, others, exclude)
          : spec.grain === 'trace'
            ? traceSource(model, others, exclude)
            : seizures;
      return grouped(
        `${column} AS value, NULL AS label, ${rows.count}::BIGINT AS count`,
        fromWhere(rows, `${column} IS NOT NULL`),
        `GROUP BY 1 ${tail}`,
      );
    }
  }
}

/** One display name: of a country (`iso3`) or an operation (`operation`). */
export interface NameRow {
  kind: 'iso3' | 'operation';
  key: string;
  name: string;
}

/** Country and subdivision names in a language and operation names, for chips and labels. */
export function namesQuery(lang: string): SqlQuery {
  return {
    sql: `SELECT 'iso3' AS kind, iso3 AS key, ${placeNameColumn(lang)} AS name FROM places
UNION ALL SELECT 'iso3', sd.code, sd.${placeNameColumn(lang)} || ' (' || p.${placeNameColumn(lang)} || ')'
  FROM subdivisions sd JOIN places p ON p.iso3 = sd.iso3
UNION ALL SELECT 'operation', CAST(operation_id AS VARCHAR), name FROM operations`,
    params: [],
  };
}
