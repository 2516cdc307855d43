/**
 * The project's one escaping function for values that cannot be bound as parameters (for example
 * inside a list literal or a view definition). Everything else uses `?` placeholders.
 */
import type { SqlValue } from './types';

/** Quotes a value as a DuckDB SQL literal: strings in single quotes with quotes doubled. */
export function quoteLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    return String(value);
  }
  // NUL cannot appear in a DuckDB string literal; drop it rather than truncate silently later.
  return `'${value.replace(/\0/g, '').replace(/'/g, "''")}'`;
}

/** Quotes an identifier (table or column name) in double quotes with quotes doubled. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new RangeError('Empty identifier');
  return `"${name.replace(/\0/g, '').replace(/"/g, '""')}"`;
}
