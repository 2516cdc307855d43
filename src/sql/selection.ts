/**
 * Shared selections: the filtered rows several panels of a view read, computed once per
 * interaction instead of once per panel.
 *
 * At 10M seizures, each of the Traces view's panels joined 6.4M trace requests to 10M seizures
 * to apply a country filter, and each of the Patterns view's firearm breakdowns joined 25M
 * firearms to them for an agency filter: the same join, with the same filter, six or eight
 * times per click. A source (`src/sql/source.ts`) that must join to filter names the filtered
 * rows instead (`sel_<hash of their query>`), and every query built on it carries the selection
 * (`SqlQuery.selection`).
 *
 * A query stays a complete query on its own: its SQL holds the selection as a common table
 * expression, so any engine, test or export runs it as it is. The coordinator
 * (`src/db/coordinator.ts`) instead creates the rows once as a temporary table and runs the
 * query's `body`, which reads that table; the next panel under the same filters finds it made.
 * This is the consolidation Mosaic does per client, done per filter state.
 */
import { prependCte } from './fragment';
import type { SharedSelection, SqlQuery } from './types';

/** 53-bit FNV-1a of a string, as base-36 (a table name's suffix; not a security measure). */
function hash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) * 0x200000 + ((h1 >>> 0) & 0x1fffff)).toString(36);
}

/** The table name of a selection of `rows`: the same rows always get the same name. */
export function selectionName(rows: SqlQuery): string {
  return `sel_${hash(`${rows.sql}\u0000${JSON.stringify(rows.params)}`)}`;
}

/** A selection of `rows` (a `SELECT`), named by its content. */
export function selectionOf(rows: SqlQuery): Pick<SharedSelection, 'name' | 'rows'> {
  return { name: selectionName(rows), rows };
}

/**
 * Makes `body` (a query that reads `selection.name` as a table) a complete query: the selection
 * becomes its first common table expression, before the body's own (a body with some is built by
 * `withCtes`, which keeps them as structure), and `selection` keeps the parts the coordinator
 * needs to share it. Without a selection, `body`.
 */
export function withSelection(
  selection: Pick<SharedSelection, 'name' | 'rows'> | null | undefined,
  body: SqlQuery,
): SqlQuery {
  if (!selection) return body;
  const whole = prependCte({ name: selection.name, query: selection.rows }, body);
  return {
    ...whole,
    selection: { ...selection, body: { sql: body.sql, params: body.params } },
  };
}
