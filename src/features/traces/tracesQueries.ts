/**
 * The queries of the Traces view's panels, by client name: one function, so the view and the
 * tests (`tests/unit/selection.test.ts`) ask for the very same queries. Under a filter that
 * needs a join, the trace panels share one filtered selection of requests, and the SDG panels
 * one of firearms (`src/sql/selection.ts`).
 */
import type { SqlModel } from '../../sql/model';
import {
  outcomesQuery,
  pendingAgesQuery,
  responseTimesQuery,
  sdgShareQuery,
  timeToCrimeQuery,
  tracesByCountryQuery,
} from '../../sql/traces';
import type { SqlQuery } from '../../sql/types';
import type { FilterState } from '../../sql/where';

/** Clients whose cross-filters the view owns (clicking a requesting country or an outcome). */
export const TRACES_OWN = ['traces.requesting', 'traces.outcomes'] as const;

/** Client names of the Traces view's panels. */
export type TracesClient =
  | 'traces.requesting'
  | 'traces.requested'
  | 'traces.outcomes'
  | 'traces.response'
  | 'traces.pending'
  | 'traces.ttc'
  | 'traces.sdg.year'
  | 'traces.sdg.country';

/**
 * Every panel's query under `state`; `asOf` is the dataset's last day (pending requests' age).
 */
export function tracesPanelQueries(
  model: SqlModel,
  state: FilterState,
  lang: string,
  asOf: string,
): Record<TracesClient, SqlQuery> {
  const own = TRACES_OWN;
  return {
    'traces.requesting': tracesByCountryQuery(model, state, own, 'requesting', 12, lang),
    'traces.requested': tracesByCountryQuery(model, state, own, 'requested', 12, lang),
    'traces.outcomes': outcomesQuery(model, state, own),
    'traces.response': responseTimesQuery(model, state, own),
    'traces.pending': pendingAgesQuery(model, state, own, asOf),
    'traces.ttc': timeToCrimeQuery(model, state, own),
    'traces.sdg.year': sdgShareQuery(model, state, own, 'year', lang),
    'traces.sdg.country': sdgShareQuery(model, state, own, 'country', lang),
  };
}
