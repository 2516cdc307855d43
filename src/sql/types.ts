/** A value that can be bound to a `?` placeholder. */
export type SqlValue = string | number | boolean | null;

/**
 * A query as data: SQL text with `?` placeholders and the values bound to them, in order.
 * Builders return these; only the data layer turns them into a running query.
 */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/** A query with no parameters. */
export function sql(text: string): SqlQuery {
  return { sql: text, params: [] };
}
