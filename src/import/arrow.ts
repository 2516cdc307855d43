/**
 * Column tables → Arrow IPC, the way imported tables travel from the import worker to DuckDB-WASM.
 * Dates travel as ISO text and lists as `|`-joined text; `ddlFromStaging` casts them back when
 * the builder copies the staged tables into the dataset file.
 */
import {
  Bool,
  Float64,
  Int32,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  type Vector,
} from 'apache-arrow';
import { quoteIdent } from '../sql/literal';
import type { ColumnTable } from './tables';

// Vectors are assembled from typed arrays here, not with Arrow's builders: those compile a
// null check with `new Function`, which the worker's Content-Security-Policy (no 'unsafe-eval')
// refuses, and building buffers directly is faster at a million rows.

function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

function numbers(values: readonly unknown[], type: Int32 | Float64): Vector {
  const data =
    type instanceof Int32 ? new Int32Array(values.length) : new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') data[i] = v;
  }
  const { bitmap, nulls } = validity(values);
  return makeVector(
    makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data } as never),
  );
}

function booleans(values: readonly unknown[]): Vector {
  const data = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
  const { bitmap, nulls } = validity(values);
  return makeVector(
    makeData({
      type: new Bool(),
      length: values.length,
      nullCount: nulls,
      nullBitmap: bitmap,
      data,
    }),
  );
}

const encoder = new TextEncoder();

function strings(values: readonly (string | null)[]): Vector {
  const offsets = new Int32Array(values.length + 1);
  // One growing buffer: ASCII text is copied byte by byte, other text encoded into place (a
  // million short strings, each encoded on its own, took most of a large import's build).
  let data = new Uint8Array(Math.max(1024, values.length * 8));
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v) {
      if (size + v.length * 3 > data.length) {
        const bigger = new Uint8Array(Math.max(data.length * 2, size + v.length * 3));
        bigger.set(data.subarray(0, size));
        data = bigger;
      }
      let ascii = true;
      for (let k = 0; k < v.length; k++) {
        const c = v.charCodeAt(k);
        if (c > 127) {
          ascii = false;
          break;
        }
        data[size + k] = c;
      }
      size += ascii ? v.length : encoder.encodeInto(v, data.subarray(size)).written;
    }
    offsets[i + 1] = size;
  }
  const { bitmap, nulls } = validity(values);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      nullCount: nulls,
      nullBitmap: bitmap,
      valueOffsets: offsets,
      data: data.subarray(0, size),
    }),
  );
}

/** Arrow IPC stream of a column table. */
export function columnTableToIPC(t: ColumnTable): Uint8Array {
  const vectors: Record<string, Vector> = {};
  t.spec.columns.forEach((c, i) => {
    const values = t.columns[i]!;
    switch (c.type) {
      case 'INTEGER':
      case 'SMALLINT':
        vectors[c.name] = numbers(values, new Int32());
        break;
      case 'DOUBLE':
        vectors[c.name] = numbers(values, new Float64());
        break;
      case 'BOOLEAN':
        vectors[c.name] = booleans(values);
        break;
      case 'VARCHAR[]':
        vectors[c.name] = strings(
          (values as (string[] | null)[]).map((v) => (v ? v.join('|') : null)),
        );
        break;
      default:
        vectors[c.name] = strings(
          values.map((v) => (v === null || v === undefined ? null : String(v))),
        );
    }
  });
  return tableToIPC(new Table(vectors), 'stream');
}

/** `CREATE TABLE <target> AS SELECT …` from a staged table, with each column cast to its type. */
export function ddlFromStaging(
  columns: readonly { name: string; type: string }[],
  staged: string,
  target: string,
): string {
  const cols = columns.map((c) => {
    const q = quoteIdent(c.name);
    if (c.type === 'VARCHAR[]') {
      return `CASE WHEN ${q} IS NULL OR ${q} = '' THEN []::VARCHAR[] ELSE string_split(${q}, '|') END AS ${q}`;
    }
    if (c.type === 'VARCHAR') return q;
    return `CAST(${q} AS ${c.type}) AS ${q}`;
  });
  return `CREATE TABLE ${target} AS SELECT ${cols.join(', ')} FROM ${staged}`;
}
