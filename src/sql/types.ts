/** A value that can be bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null;

/**
 * A query as data: SQL text with `?` placeholders and the values bound to them, in order.
 * Builders return these; only the data layer turns them into a running query.
 */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  /**
   * The filtered rows this query shares with the other panels under the same filters (see
   * `src/sql/selection.ts`). `sql` already holds them, as a common table expression.
   */
  readonly selection?: SharedSelection;
  /**
   * The query's common table expressions and main statement, when it was built with them
   * (`withCtes` in `fragment.ts`), so that another can be put in front without reading `sql`.
   */
  readonly ctes?: readonly { readonly name: string; readonly query: SqlQuery }[];
  readonly main?: SqlQuery;
}

/** Filtered rows that several queries read by name, made once (`src/sql/selection.ts`). */
export interface SharedSelection {
  /** `sel_…`, derived from `rows`: the name the queries read the rows by. */
  readonly name: string;
  /** The `SELECT` of the rows. */
  readonly rows: SqlQuery;
  /** The query that carries the selection, reading `name` as a table (no common table expression). */
  readonly body: SqlQuery;
}
