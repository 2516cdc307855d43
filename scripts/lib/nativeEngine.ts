/**
 * The app's `QueryEngine` seam past the browser: native DuckDB (@duckdb/node-api, the DuckDB
 * version the wasm build carries) in the Node process of `npm run serve -- --engine native`. The
 * page sends each query's SQL and parameters to `POST api/query` on its own origin and gets back
 * the result as Arrow IPC, the format DuckDB-WASM hands the views, so every view runs the same SQL
 * on a real engine with all cores and no tab memory limit (`src/db/remoteEngine.ts`).
 *
 * Each dataset of `dist/data/` gets its own DuckDB instance the first time a page asks for it: its
 * file is attached read-only as catalog `atlas` (as in the browser), then the instance is locked
 * the way the browser's is — no extension may load, no file or URL can be opened
 * (`enable_external_access = false`) and no setting changed (`lock_configuration`). A query
 * therefore reads the dataset and in-memory tables only, whoever sends it. The server answers
 * only same-origin JSON requests, so another site open in the analyst's browser cannot use it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBType,
  type JS,
} from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Field,
  Float64,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

/** A query as the page sends it. */
export interface NativeQuery {
  dataset: string;
  sql: string;
  params: readonly unknown[];
}

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);

/**
 * The Arrow type a DuckDB column becomes, as DuckDB-WASM (with `castBigIntToDouble`) gives it
 * to the views: numbers as doubles, text, booleans, dates, timestamps and lists of those; any
 * other type as its text.
 */
function arrowType(t: DuckDBType): DataType {
  if (NUMERIC.has(t.typeId)) return new Float64();
  if (t.typeId === DuckDBTypeId.BOOLEAN) return new Bool();
  if (t.typeId === DuckDBTypeId.DATE) return new DateDay();
  if (
    t.typeId === DuckDBTypeId.TIMESTAMP ||
    t.typeId === DuckDBTypeId.TIMESTAMP_MS ||
    t.typeId === DuckDBTypeId.TIMESTAMP_S ||
    t.typeId === DuckDBTypeId.TIMESTAMP_TZ
  )
    return new TimestampMillisecond();
  if (t.typeId === DuckDBTypeId.LIST || t.typeId === DuckDBTypeId.ARRAY) {
    const inner = arrowType((t as DuckDBType & { valueType: DuckDBType }).valueType);
    return new List(new Field('item', inner, true));
  }
  return new Utf8();
}

/** A JS value from node-api as the Arrow builder of `type` takes it. */
function arrowValue(v: JS, type: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (type instanceof Float64) return typeof v === 'bigint' ? Number(v) : Number(v);
  if (type instanceof List) {
    const inner = (type.children[0] as Field).type;
    return (v as JS[]).map((x) => arrowValue(x, inner));
  }
  if (type instanceof DateDay || type instanceof TimestampMillisecond) return v as Date;
  if (type instanceof Bool) return Boolean(v);
  return typeof v === 'string'
    ? v
    : JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

/** Binds a page's parameter: numbers as doubles, as the browser engine binds them. */
function bindAll(
  stmt: Awaited<ReturnType<DuckDBConnection['prepare']>>,
  params: readonly unknown[],
) {
  params.forEach((p, i) => {
    if (typeof p === 'number') stmt.bindDouble(i + 1, p);
    else if (typeof p === 'boolean') stmt.bindBoolean(i + 1, p);
    else if (p === null || p === undefined) stmt.bindNull(i + 1);
    else stmt.bindVarchar(i + 1, String(p));
  });
}

/** The native engine over the datasets under `dataRoot` (e.g. `dist/data`). */
export class NativeEngine {
  private readonly root: string;
  private readonly open = new Map<string, Promise<DuckDBConnection>>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(dataRoot: string) {
    this.root = resolve(dataRoot);
  }

  /** The locked connection of dataset `name`, opened on first use. */
  connection(name: string): Promise<DuckDBConnection> {
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name)) {
      return Promise.reject(new Error(`Invalid dataset name: ${name}`));
    }
    let conn = this.open.get(name);
    if (!conn) {
      conn = this.start(name);
      this.open.set(name, conn);
      conn.catch(() => this.open.delete(name));
    }
    return conn;
  }

  private async start(name: string): Promise<DuckDBConnection> {
    const file = join(this.root, name, 'atlas.duckdb');
    if (!existsSync(file)) throw new Error(`No dataset "${name}" is served here`);
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const conn = await instance.connect();
    await conn.run(`ATTACH '${file.replaceAll("'", "''")}' AS atlas (READ_ONLY)`);
    await conn.run('USE atlas');
    await conn.run('SET enable_external_access = false');
    await conn.run('SET lock_configuration = true');
    return conn;
  }

  /**
   * Runs one query; returns its result as an Arrow IPC stream. Queries on one dataset run one
   * at a time on its one connection (the page keeps up to four in flight; a connection is not
   * for concurrent use, and temp tables such as the records' order index live in it), each using
   * every core. Without parameters a text may hold several statements (the last one answers).
   */
  run(q: NativeQuery): Promise<Uint8Array> {
    const prev = this.queues.get(q.dataset) ?? Promise.resolve();
    const next = prev.then(
      () => this.runNow(q),
      () => this.runNow(q),
    );
    this.queues.set(
      q.dataset,
      next.then(
        () => undefined,
        () => undefined,
      ),
    );
    return next;
  }

  private async runNow(q: NativeQuery): Promise<Uint8Array> {
    const conn = await this.connection(q.dataset);
    let reader: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;
    if (q.params.length === 0) {
      reader = await conn.runAndReadAll(q.sql);
    } else {
      const stmt = await conn.prepare(q.sql);
      bindAll(stmt, q.params);
      reader = await stmt.runAndReadAll();
    }
    const names = reader.columnNames();
    const types = reader.columnTypes().map(arrowType);
    const columns = reader.getColumnsJS();
    const vectors: Record<string, Vector> = {};
    names.forEach((n, i) => {
      const type = types[i]!;
      vectors[n] = vectorFromArray(
        (columns[i] ?? []).map((v) => arrowValue(v, type)),
        type,
      ) as Vector;
    });
    return tableToIPC(new Table(vectors), 'stream');
  }

  /** Closes every instance. */
  close(): void {
    for (const c of this.open.values())
      void c.then(
        (x) => x.closeSync(),
        () => undefined,
      );
    this.open.clear();
  }
}
