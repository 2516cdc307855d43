/** The firearm type × region matrix of the Patterns view. */
import type { SqlQuery } from './types';
import { whereClause, type FilterState, type WhereOptions } from './where';

/** One cell: firearms of a type seized in a region. */
export interface MatrixCell {
  region: string;
  type: string;
  firearms: number;
}

/** Firearms by type and seizing region. */
export function typeRegionQuery(state: FilterState, exclude: WhereOptions['exclude']): SqlQuery {
  const w = whereClause(state, { grain: 'firearm', exclude });
  return {
    sql: `SELECT p.atlas_region AS region, f.firearm_type AS type, count(*)::BIGINT AS firearms
FROM firearms f JOIN seizures s ON s.seizure_id = f.seizure_id JOIN places p ON p.iso3 = s.country_iso3
WHERE ${w.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    params: w.params,
  };
}
