/**
 * The values a dataset actually holds for fields whose values cannot be checked by shape alone
 * (country codes, operations, makes, calibres), so a link naming an unknown one is reported
 * instead of silently matching nothing.
 */
import type { SqlQuery } from './types';

/** One row of the domain query: a field and one of its known values. */
export interface DomainRow {
  field: 'iso3' | 'operation' | 'make' | 'calibre';
  value: string;
}

/** Known country codes, operation ids, makes and calibres. */
export function domainQuery(): SqlQuery {
  return {
    sql: `
SELECT 'iso3' AS field, iso3 AS value FROM places
UNION ALL SELECT 'iso3', code FROM subdivisions
UNION ALL SELECT 'operation', CAST(operation_id AS VARCHAR) FROM operations
UNION ALL SELECT DISTINCT 'make', make FROM firearms WHERE make IS NOT NULL
UNION ALL SELECT DISTINCT 'calibre', calibre FROM firearms`,
    params: [],
  };
}
