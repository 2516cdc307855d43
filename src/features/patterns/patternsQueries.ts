/**
 * The queries of the Patterns view's panels, by client name: one function, so the view and the
 * tests (`tests/unit/selection.test.ts`) ask for the very same queries. Under a filter that
 * needs a join, the firearm breakdowns and the type × region matrix share one filtered
 * selection of firearms (`src/sql/selection.ts`).
 */
import { facetGroups, type FacetRow } from '../../sql/facets';
import type { SqlModel } from '../../sql/model';
import { typeRegionQuery } from '../../sql/patterns';
import type { SqlQuery } from '../../sql/types';
import type { FilterState } from '../../sql/where';
import type { FieldId } from '../../model/fields';

/** The breakdowns, in display order, with how many bars each shows. */
export const BREAKDOWNS: readonly { field: FieldId; top: number }[] = [
  { field: 'firearmType', top: 10 },
  { field: 'calibre', top: 15 },
  { field: 'make', top: 15 },
  { field: 'condition', top: 10 },
  { field: 'marking', top: 10 },
  { field: 'crime', top: 10 },
  { field: 'placeType', top: 10 },
  { field: 'agency', top: 10 },
  { field: 'transport', top: 10 },
  { field: 'concealment', top: 10 },
];

/** The client of a breakdown (it owns the cross-filter its bars set). */
export const breakdownClient = (field: FieldId) => `patterns.${field}`;

/** Clients whose cross-filters the view owns. */
export const PATTERNS_OWN = BREAKDOWNS.map((b) => breakdownClient(b.field));

/**
 * The query that answers one breakdown. A breakdown leaves out its own filter and selection, so
 * every bar stays visible; breakdowns of one grain that then count the same rows share one query
 * (`facetGroups`), whose rows name the field they count (`GroupedFacetRow`).
 */
export function breakdownQuery(
  model: SqlModel,
  state: FilterState,
  field: FieldId,
  lang: string,
): SqlQuery {
  const groups = facetGroups(
    model,
    state,
    BREAKDOWNS.map((b) => b.field),
    lang,
    breakdownClient,
  );
  return groups.get(field)!.query;
}

/** A breakdown's own rows of its query's answer (a shared query answers several fields). */
export function breakdownRows(
  rows: readonly (FacetRow & { field?: string })[],
  field: FieldId,
): FacetRow[] {
  return rows
    .filter((r) => r.field === undefined || r.field === field)
    .map(({ value, label, count }) => ({ value, label, count }));
}

/** The type × region matrix's query (it leaves out every breakdown's selection). */
export function matrixQuery(model: SqlModel, state: FilterState): SqlQuery {
  return typeRegionQuery(model, state, PATTERNS_OWN);
}

/** Every panel's query under `state`, by client name. */
export function patternsPanelQueries(
  model: SqlModel,
  state: FilterState,
  lang: string,
): Record<string, SqlQuery> {
  return Object.fromEntries([
    ['patterns.matrix', matrixQuery(model, state)],
    ...BREAKDOWNS.map((b) => [
      breakdownClient(b.field),
      breakdownQuery(model, state, b.field, lang),
    ]),
  ]);
}
