/**
 * What the SQL builders know of the attached dataset, passed to them as an argument (never held
 * in module state): where its cubes are, and per grain the column that says how many events a row
 * stands for. Built by the data layer from the dataset's catalogue (`src/model/catalogue.ts`).
 */
import type { GrainWeights } from '../model/catalogue';
import type { FieldGrain } from '../model/fields';
import { quoteIdent } from './literal';

/** The dataset as the SQL layer sees it. */
export interface SqlModel {
  /** Schema holding the cubes (`atlas.main` or `memory.main`), or null: read the tables. */
  cubes: string | null;
  /**
   * Per grain, the column holding the number of events a row stands for (an aggregate record),
   * or null when every row is one event.
   */
  weights: GrainWeights;
}

/** A dataset of events (every row one seizure, firearm or trace request) read from its tables. */
export const EVENTS_ON_TABLES: SqlModel = {
  cubes: null,
  weights: { seizure: null, firearm: null, trace: null },
};

/** Table alias of each grain in every query. */
export const GRAIN_ALIAS: Readonly<Record<FieldGrain, 's' | 'f' | 't'>> = {
  seizure: 's',
  firearm: 'f',
  trace: 't',
};

/** How many events one row of `grain` stands for, as an expression on its alias. */
export function rowWeight(model: SqlModel, grain: FieldGrain): string {
  const column = model.weights[grain];
  return column ? `${GRAIN_ALIAS[grain]}.${quoteIdent(column)}` : '1';
}

/**
 * The number of events of `grain` in a group: `count(*)` for event rows, the sum of the weights
 * for aggregate rows. The one definition of "how many seizures / firearms / trace requests".
 */
export function eventCount(model: SqlModel, grain: FieldGrain): string {
  const column = model.weights[grain];
  return column ? `coalesce(sum(${GRAIN_ALIAS[grain]}.${quoteIdent(column)}), 0)` : 'count(*)';
}

/** `eventCount` of the rows that also pass `condition` (an SQL boolean on the grain's alias). */
export function eventCountWhere(model: SqlModel, grain: FieldGrain, condition: string): string {
  const column = model.weights[grain];
  return column
    ? `coalesce(sum(${GRAIN_ALIAS[grain]}.${quoteIdent(column)}) FILTER (WHERE ${condition}), 0)`
    : `count(*) FILTER (WHERE ${condition})`;
}
