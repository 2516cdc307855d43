/**
 * What the data layer needs from a DuckDB: run one query, return an Arrow table. The browser
 * implements it over DuckDB-WASM in a Web Worker; unit tests implement it over the same WASM
 * engine running synchronously in Node, so both run the very same SQL on the same engine.
 */
import { DataType, type Table } from 'apache-arrow';
import type { SqlQuery } from '../sql/types';

/** A DuckDB that runs queries. */
export interface QueryEngine {
  /** Runs a query with its bound parameters. */
  run(query: SqlQuery): Promise<Table>;
  /** Asks DuckDB to stop the running query, if the engine supports it. */
  cancel?(): Promise<void>;
  /**
   * Streams a query's result in batches, on a connection of its own (exports: the views' queries
   * run between batches). Stopping the iteration closes the stream.
   */
  stream?(query: SqlQuery): AsyncGenerator<Table>;
}

/**
 * Settings every engine applies first: DuckDB must never try to download an extension (the app
 * is offline and must make no request off its origin).
 */
export const OFFLINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
] as const;

/** Converts an Arrow table to plain row objects (numbers stay numbers; dates as strings in SQL). */
export function tableToRows<T>(table: Table): T[] {
  const out: T[] = new Array(table.numRows);
  const fields = table.schema.fields.map((f) => f.name);
  const columns = fields.map((name) => table.getChild(name));
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) row[fields[c]!] = normalise(columns[c]?.get(i));
    out[i] = row as T;
  }
  return out;
}

/**
 * Rows of a table whose SQL a person wrote (a notebook cell): like `tableToRows`, and also
 * decimals and 128-bit integers as numbers (DuckDB sums integers as HUGEINT, which Arrow carries
 * as a scaled big number), dates as `YYYY-MM-DD` and timestamps as ISO text.
 */
export function userTableRows(table: Table): Record<string, unknown>[] {
  const rows = tableToRows<Record<string, unknown>>(table);
  for (const field of table.schema.fields) {
    const type = field.type as DataType;
    let convert: ((v: unknown) => unknown) | null = null;
    if (DataType.isDecimal(type)) {
      const scale = 10 ** (type as { scale: number }).scale;
      convert = (v) => (v === null || v === undefined ? v : Number(String(v)) / scale);
    } else if (DataType.isDate(type)) {
      convert = (v) => (typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : v);
    } else if (DataType.isTimestamp(type)) {
      convert = (v) =>
        typeof v === 'number' ? new Date(v).toISOString().replace('.000Z', 'Z') : v;
    } else if (DataType.isInterval(type)) {
      convert = (v) => (v === null || v === undefined ? v : String(v));
    }
    if (convert) for (const r of rows) r[field.name] = convert(r[field.name]);
  }
  return rows;
}

function normalise(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  // Arrow list values: turn vectors into arrays.
  if (v !== null && typeof v === 'object' && 'toArray' in v && typeof v.toArray === 'function') {
    return Array.from(v.toArray() as ArrayLike<unknown>, normalise);
  }
  return v;
}
