/**
 * SQL as values. A fragment is SQL text with `?` placeholders and the values bound to them, in
 * order (`SqlQuery`); the `sql` tag builds one and composing fragments composes both halves, so
 * no builder counts placeholders or joins parameter lists by hand:
 *
 * ```ts
 * const where = sql`s.country_iso3 IN (${list(countries)})`;
 * const q = sql`SELECT count(*) FROM seizures s WHERE ${where} AND s.seizure_date >= ${from}`;
 * // q.sql: '… IN (?, ?) AND s.seizure_date >= ?', q.params: ['MEX', 'GTM', '2024-01-01']
 * ```
 *
 * An interpolated value is bound as a parameter; an interpolated fragment brings its text and
 * parameters; `raw()` and `ident()` mark text that is not a value (a registry's column name, a
 * keyword, a quoted identifier). Common table expressions are kept as structure (`withCtes`) so
 * that a shared selection can be put in front of them without reading SQL text.
 */
import { quoteIdent } from './literal';
import type { SqlQuery, SqlValue } from './types';

const RAW = Symbol('raw SQL');

/** SQL text that is not a value: spliced as it is. Only for text the code itself owns. */
export interface RawSql {
  readonly [RAW]: string;
}

/** Marks `text` (a column name from the registry, a keyword, a number the code made) as SQL. */
export function raw(text: string): RawSql {
  return { [RAW]: text };
}

/** A quoted identifier (a table or column name). */
export function ident(name: string): RawSql {
  return raw(quoteIdent(name));
}

/** What may be interpolated into the `sql` tag. */
export type Interpolation = SqlQuery | RawSql | SqlValue;

const isRaw = (v: unknown): v is RawSql => typeof v === 'object' && v !== null && RAW in v;
const isFragment = (v: unknown): v is SqlQuery =>
  typeof v === 'object' && v !== null && 'sql' in v && 'params' in v;

/**
 * The `sql` tag: a fragment from a template (values become parameters, fragments are composed),
 * or, called with a string, a fragment of that text with no parameters.
 */
export function sql(strings: TemplateStringsArray | string, ...values: Interpolation[]): SqlQuery {
  if (typeof strings === 'string') return { sql: strings, params: [] };
  let text = strings[0]!;
  const params: SqlValue[] = [];
  values.forEach((v, i) => {
    if (isRaw(v)) text += v[RAW];
    else if (isFragment(v)) {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1]!;
  });
  return { sql: text, params };
}

/** The empty fragment. */
export const EMPTY: SqlQuery = { sql: '', params: [] };

/** Fragments joined by `separator` (text and parameters in order); empty ones are skipped. */
export function join(parts: readonly SqlQuery[], separator = ', '): SqlQuery {
  const kept = parts.filter((p) => p.sql.trim() !== '');
  return {
    sql: kept.map((p) => p.sql).join(separator),
    params: kept.flatMap((p) => p.params),
  };
}

/** `?, ?, ?` for a list of values (an `IN (…)` list). */
export function list(values: readonly SqlValue[]): SqlQuery {
  return { sql: values.map(() => '?').join(', '), params: [...values] };
}

/** A common table expression: `name AS (query)`. */
export interface Cte {
  readonly name: string;
  readonly query: SqlQuery;
}

/**
 * `WITH a AS (…), b AS (…) main`, kept as structure (`ctes`, `main`) beside its text, so a
 * further expression can be put in front of them (`prependCte`) without parsing the text.
 */
export function withCtes(ctes: readonly Cte[], main: SqlQuery): SqlQuery {
  if (!ctes.length) return main;
  const head = join(
    ctes.map((c) => sql`${raw(c.name)} AS (${c.query})`),
    ',\n',
  );
  return { ...sql`WITH ${head}\n${main}`, ctes, main };
}

/** `query` with `cte` as its first common table expression (merged with its own, if any). */
export function prependCte(cte: Cte, query: SqlQuery): SqlQuery {
  return withCtes([cte, ...(query.ctes ?? [])], query.main ?? query);
}
