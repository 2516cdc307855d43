/** The firearm type × region matrix of the Patterns view. */
import type { SqlModel } from './model';
import { firearmSource, fromWhere } from './source';
import type { SqlQuery } from './types';
import type { FilterState, WhereOptions } from './where';

/** One cell: firearms of a type seized in a region. */
export interface MatrixCell {
  region: string;
  type: string;
  firearms: number;
}

/** Firearms by type and seizing region. */
export function typeRegionQuery(
  model: SqlModel,
  state: FilterState,
  exclude: WhereOptions['exclude'],
): SqlQuery {
  const src = firearmSource(model, state, exclude, {
    seizures: true,
    more: 'JOIN places p ON p.iso3 = s.country_iso3',
  });
  const body = fromWhere(src);
  return {
    sql: `SELECT p.atlas_region AS region, f.firearm_type AS type, ${src.count}::BIGINT AS firearms
${body.sql} GROUP BY 1, 2 ORDER BY 1, 2`,
    params: body.params,
  };
}
