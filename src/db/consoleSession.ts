/**
 * The SQL console's own DuckDB: a second DuckDB-WASM in its own sandboxed worker, with the
 * current dataset attached read-only and the configuration locked before any user SQL runs.
 *
 * Why a second engine rather than a second connection to the views' one: DuckDB-WASM runs one
 * statement at a time per worker, so a long user query on a shared worker holds every view's
 * query behind it; with its own worker it runs on the other core and the views keep updating.
 * It also isolates state (temp tables, `USE`, macros a user creates never touch the views'
 * catalog) and memory (a query that exhausts its engine's memory leaves the views' engine
 * whole), and it makes cancellation certain: a polite cancel first, and if the engine does not
 * answer, the worker is terminated and a fresh one started.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, type RecordBatch } from 'apache-arrow';
import { BOUND_ROWS, cellQuery, QUERY_KEYWORDS, REFUSAL_TEXT } from '../sql/console';
import { refusalOf, splitStatements, type SqlStatement } from '../sql/statements';
import { quoteIdent, quoteLiteral } from '../sql/literal';
import type { SqlQuery, SqlValue } from '../sql/types';
import { openDuckDB } from './browserEngine';
import { tableToRows, userTableRows } from './engine';
import { AtlasError, errorPosition } from './errors';
import { DATASET_DIRECTORY, lockDownStatements } from './sandbox';
import { attachStoredTables, type StoredTable } from './storedTables';

/** The dataset the console reads: its name and the absolute URL of its DuckDB file. */
export interface ConsoleDataset {
  name: string;
  url: string;
  /** The stored tables of a dataset imported in this browser (it has no URL). */
  tables?: readonly StoredTable[];
}

/** Limits of the console's engine and of one run. */
export interface ConsoleLimits {
  /** Time budget of one run, in milliseconds. */
  budgetMs: number;
  /** DuckDB's memory limit for the console engine (e.g. '1GB'). */
  memoryLimit: string;
}

/** Default time budget of a console run. */
export const DEFAULT_BUDGET_MS = 30_000;
/** The console engine's memory limit: room for real work, and for the views' engine beside it. */
export const CONSOLE_MEMORY_LIMIT = '1536MB';
/** How long a polite cancel may take before the worker is terminated. */
export const CANCEL_GRACE_MS = 1_500;
/** Rows of a result sent to the page at once. */
export const RESULT_WINDOW = 1_000;
/** The temp table a run's last query result is kept in, for counting and windows. */
const RESULT_TABLE = '__atlas_console_result';

/** A finished run: the last statement's result (a first window of it) and its size. */
export interface ConsoleResult {
  /** Which run of the session this is (1, 2, …); a new number means a new temp result. */
  run: number;
  /** The statement whose result this is (the last of the script). */
  statement: SqlStatement;
  columns: string[];
  /**
   * A query's result is kept in the console's engine (a temp table, read by `window` and
   * `stream`) and `table` carries only its schema; any other statement's result (`DESCRIBE`,
   * `SHOW`, `SUMMARIZE`, …) is small and `table` holds all of it.
   */
  kept: boolean;
  table: Table;
  /** Rows of the whole result. */
  total: number;
  ms: number;
}

/** The rows of one bound query (`ConsoleSession.query`). */
export interface BoundResult {
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the query had more rows than were returned. */
  truncated: boolean;
  ms: number;
}

/** Why a run was stopped: the user cancelled it, or it ran out of its time budget. */
export type StopReason = 'cancelled' | 'budget';

/** Thrown by `run` when a run was stopped; `restarted` when the engine had to be replaced. */
export class ConsoleStoppedError extends AtlasError {
  constructor(
    readonly reason: StopReason,
    readonly restarted: boolean,
    detail: string,
  ) {
    super('interrupted', detail);
    this.name = 'ConsoleStoppedError';
  }
}

/** A statement failed; `position` is where in the script DuckDB placed the error, if it said. */
export class ConsoleQueryError extends Error {
  constructor(
    message: string,
    readonly position: { from: number; to: number } | null,
  ) {
    super(message);
    this.name = 'ConsoleQueryError';
  }
}

/** A table the console can query, with its columns (for completion and the schema panel). */
export interface ConsoleTable {
  /** `atlas` (the dataset), `memory` (made in the console) or `temp`. */
  database: string;
  name: string;
  columns: { name: string; type: string }[];
}

interface Engine {
  db: duckdb.AsyncDuckDB;
  worker: Worker;
  conn: duckdb.AsyncDuckDBConnection;
}

interface Running {
  /** Settles the run's race with a stop. */
  stop(e: ConsoleStoppedError): void;
  /** Resolves when the run has ended, however it ended. */
  finished: Promise<void>;
  reason?: StopReason;
}

/** One console session over one dataset; start it lazily with the first `run`. */
export class ConsoleSession {
  private engine: Promise<Engine> | undefined;
  private running: Running | undefined;
  private runs = 0;
  private readonly restartListeners = new Set<() => void>();

  constructor(
    readonly dataset: ConsoleDataset,
    private readonly limits: Omit<ConsoleLimits, 'budgetMs'> = {
      memoryLimit: CONSOLE_MEMORY_LIMIT,
    },
  ) {}

  /** True while a run is under way. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Subscribes to the engine being replaced (its temp tables are gone); returns the unsubscribe. */
  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /**
   * Runs a script: every statement in order, each checked by the sandbox first; resolves with the
   * last statement's result. Rejects with `ConsoleStoppedError` when cancelled or over budget.
   */
  async run(script: string, budgetMs = DEFAULT_BUDGET_MS): Promise<ConsoleResult> {
    const statements = checkedStatements(script);
    const t0 = performance.now();
    const { table, total, statement, kept } = await this.guarded(budgetMs, (engine) =>
      runScript(engine.conn, statements),
    );
    return {
      run: ++this.runs,
      statement,
      kept,
      table,
      columns: table.schema.fields.map((f) => f.name),
      total,
      ms: performance.now() - t0,
    };
  }

  /**
   * Runs one query with its parameters bound (`?`), under the same sandbox, budget and
   * cancellation as `run`, and returns at most `maxRows` of its rows (a notebook cell). Anything
   * but a single query (`SELECT`, `WITH`, `FROM`, …) is refused with a plain reason. A `prelude`
   * (common table expressions, e.g. the filtered tables) is put in front of it.
   */
  async query(
    text: string,
    params: readonly SqlValue[],
    budgetMs = DEFAULT_BUDGET_MS,
    maxRows = BOUND_ROWS,
    prelude: SqlQuery | null = null,
  ): Promise<BoundResult> {
    const cell = cellQuery(text, maxRows, prelude);
    if ('refused' in cell) throw new AtlasError(cell.kind, cell.refused);
    const bound = [...(prelude?.params ?? []), ...params];
    const t0 = performance.now();
    const table = await this.guarded(budgetMs, async ({ conn }) => {
      const prepared = await conn.prepare(cell.sql);
      try {
        return await prepared.query(...bound);
      } finally {
        await prepared.close().catch(() => undefined);
      }
    });
    const rows = userTableRows(table);
    return {
      columns: table.schema.fields.map((f) => f.name),
      rows: rows.slice(0, cell.limit),
      truncated: rows.length > cell.limit,
      ms: performance.now() - t0,
    };
  }

  /**
   * Runs `work` on the engine with the session's guards: one run at a time, stopped by `cancel`
   * or when over `budgetMs` (the engine restarted if it does not stop), and a fresh engine after
   * a crash.
   */
  private async guarded<T>(budgetMs: number, work: (engine: Engine) => Promise<T>): Promise<T> {
    if (this.running) throw new AtlasError('unknown', 'A query is already running');
    let stop!: (e: ConsoleStoppedError) => void;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const running: Running = { stop, finished };
    this.running = running;
    const timer = setTimeout(() => void this.cancel('budget'), budgetMs);
    try {
      const done = this.start().then(work);
      done.catch(() => undefined); // settled by the race below, or abandoned with its worker
      return await Promise.race([done, stopped]);
    } catch (e) {
      if (e instanceof ConsoleStoppedError) throw e;
      if (running.reason) throw stoppedError(running.reason, false, budgetMs);
      if (isEngineCrash(e)) {
        await this.restart();
        throw new AtlasError(
          'memory',
          `${(e as Error).message}. The console's engine was restarted; its temp tables are gone.`,
        );
      }
      throw e;
    } finally {
      clearTimeout(timer);
      this.running = undefined;
      finish();
    }
  }

  /**
   * Stops the running query: DuckDB is asked to cancel it; if it has not stopped after
   * `CANCEL_GRACE_MS`, the engine's worker is terminated and a fresh engine started.
   */
  async cancel(reason: StopReason = 'cancelled'): Promise<void> {
    const running = this.running;
    if (!running || running.reason) return;
    running.reason = reason;
    const engine = await this.engine?.catch(() => undefined);
    void engine?.conn.cancelSent().catch(() => false);
    const grace = new Promise<'late'>((r) => setTimeout(() => r('late'), CANCEL_GRACE_MS));
    const done = running.finished.then(() => 'done' as const);
    if ((await Promise.race([done, grace])) === 'late' && this.running === running) {
      await this.restart();
      running.stop(stoppedError(reason, true));
    }
  }

  /** Terminates the engine and starts a new one on the same dataset. */
  async restart(): Promise<void> {
    const old = this.engine;
    this.engine = undefined;
    void old?.then((e) => e.worker.terminate()).catch(() => undefined);
    for (const l of this.restartListeners) l();
    await this.start().catch(() => undefined);
  }

  /** Terminates the engine for good (the console closed, or the dataset changed). */
  dispose(): void {
    const old = this.engine;
    this.engine = undefined;
    void old?.then((e) => e.worker.terminate()).catch(() => undefined);
  }

  /**
   * Reads `limit` rows of a result from `offset`, in the result's own order or sorted by one of
   * its columns (any other name is refused): in DuckDB for a kept result, in the page otherwise.
   */
  async window(
    result: ConsoleResult,
    offset: number,
    limit = RESULT_WINDOW,
    sort?: { column: string; desc: boolean },
  ): Promise<Row[]> {
    const order = resultOrder(result, sort);
    const from = Math.max(0, Math.floor(offset));
    const count = Math.max(0, Math.floor(limit));
    if (!result.kept) return sortedRows(result, sort).slice(from, from + count);
    const { conn } = await this.start();
    return tableToRows<Row>(
      await conn.query(
        `SELECT * FROM temp.main.${RESULT_TABLE} ${order} LIMIT ${count} OFFSET ${from}`,
      ),
    );
  }

  /** Streams the whole of a result, in the given order, in batches of rows (for exports). */
  async *stream(
    result: ConsoleResult,
    sort?: { column: string; desc: boolean },
  ): AsyncGenerator<Row[]> {
    const order = resultOrder(result, sort);
    if (!result.kept) {
      yield sortedRows(result, sort);
      return;
    }
    const { conn } = await this.start();
    const reader = await conn.send(`SELECT * FROM temp.main.${RESULT_TABLE} ${order}`, true);
    for await (const batch of reader) yield tableToRows<Row>(new Table([batch]));
  }

  /** The tables of the dataset and those the user made, with their columns. */
  async schema(): Promise<ConsoleTable[]> {
    const { conn } = await this.start();
    const table = await conn.query(
      `SELECT database_name AS db, table_name AS t, column_name AS c, data_type AS ty FROM duckdb_columns() WHERE database_name IN ('atlas', 'memory', 'temp') AND table_name <> '${RESULT_TABLE}' ORDER BY database_name = 'atlas' DESC, database_name, table_name, column_index`,
    );
    const out: ConsoleTable[] = [];
    for (const r of table.toArray() as { db: string; t: string; c: string; ty: string }[]) {
      let last = out[out.length - 1];
      if (!last || last.name !== r.t || last.database !== r.db) {
        last = { database: r.db, name: r.t, columns: [] };
        out.push(last);
      }
      last.columns.push({ name: r.c, type: r.ty });
    }
    return out;
  }

  private start(): Promise<Engine> {
    if (!this.engine) {
      const engine = startConsoleEngine(this.dataset, this.limits.memoryLimit);
      engine.catch(() => this.engine === engine && (this.engine = undefined));
      this.engine = engine;
    }
    return this.engine;
  }
}

/**
 * The ORDER BY of a result window: the result's own order (its rows were inserted in it), or one
 * of its columns (any other name is refused, so nothing else reaches the SQL).
 */
function resultOrder(result: ConsoleResult, sort?: { column: string; desc: boolean }): string {
  if (!sort) return 'ORDER BY rowid';
  if (!result.columns.includes(sort.column)) {
    throw new AtlasError('missing', `The result has no column ${sort.column}`);
  }
  return `ORDER BY ${quoteIdent(sort.column)} ${sort.desc ? 'DESC' : 'ASC'} NULLS LAST, rowid`;
}

type Row = Record<string, unknown>;

/** The rows of a result held in the page, sorted like DuckDB would (NULLs last, stable). */
function sortedRows(result: ConsoleResult, sort?: { column: string; desc: boolean }): Row[] {
  const rows = tableToRows<Row>(result.table);
  if (!sort) return rows;
  const dir = sort.desc ? -1 : 1;
  const key = (r: Row) => r[sort.column];
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = key(a.r);
      const y = key(b.r);
      if (x === y) return a.i - b.i;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : x > y ? 1 : a.i - b.i) * dir;
    })
    .map(({ r }) => r);
}

function stoppedError(reason: StopReason, restarted: boolean, budgetMs?: number) {
  const what =
    reason === 'budget'
      ? `The query ran longer than its time budget${budgetMs ? ` of ${Math.round(budgetMs / 1000)} s` : ''} and was stopped`
      : 'The query was cancelled';
  return new ConsoleStoppedError(
    reason,
    restarted,
    restarted
      ? `${what}; the console's engine was restarted, its temp tables are gone.`
      : `${what}.`,
  );
}

/** True for errors after which the wasm instance cannot be trusted (it aborted or trapped). */
function isEngineCrash(e: unknown): boolean {
  const m = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return /memory access out of bounds|Aborted\(|RuntimeError|unreachable|Maximum call stack/i.test(
    m,
  );
}

async function startConsoleEngine(dataset: ConsoleDataset, memoryLimit: string): Promise<Engine> {
  const { db, worker } = await openDuckDB();
  try {
    const conn = await db.connect();
    const file = `${DATASET_DIRECTORY}${dataset.name}.duckdb`;
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    if (dataset.tables) {
      await attachStoredTables(conn, 'atlas', dataset.tables);
    } else {
      await db.registerFileURL(file, dataset.url, duckdb.DuckDBDataProtocol.HTTP, false);
      await conn.query(`ATTACH ${quoteLiteral(file)} AS atlas (READ_ONLY)`);
    }
    // Names resolve in the dataset; what a user creates (tables, macros) lands in memory.
    await conn.query('USE memory');
    await conn.query("SET search_path = 'memory.main,atlas.main'");
    await conn.query(`SET memory_limit = ${quoteLiteral(memoryLimit)}`);
    // No allowed directories: once locked, not one more file can be opened.
    for (const s of lockDownStatements()) await conn.query(s);
    return { db, worker, conn };
  } catch (e) {
    worker.terminate();
    throw e;
  }
}

/** The statements of a script, each checked by the sandbox first (a refusal throws). */
function checkedStatements(script: string): SqlStatement[] {
  const statements = splitStatements(script);
  if (statements.length === 0) throw new AtlasError('syntax', 'There is no statement to run');
  for (const s of statements) {
    const reason = refusalOf(s);
    if (reason) throw new AtlasError('sandbox', `${s.keywords.join(' ')}: ${REFUSAL_TEXT[reason]}`);
  }
  return statements;
}

/** Runs statements one by one as pending queries (cancellable between steps). */
async function runScript(
  conn: duckdb.AsyncDuckDBConnection,
  statements: SqlStatement[],
): Promise<{ table: Table; total: number; statement: SqlStatement; kept: boolean }> {
  const last = statements[statements.length - 1]!;
  for (const s of statements.slice(0, -1)) await located(conn, s, '');
  if (QUERY_KEYWORDS.has(last.keywords[0] ?? '')) {
    await located(conn, last, `CREATE OR REPLACE TEMP TABLE ${RESULT_TABLE} AS `);
    const count = await conn.query(`SELECT count(*)::DOUBLE AS n FROM temp.main.${RESULT_TABLE}`);
    const total = Number(count.getChild('n')?.get(0) ?? 0);
    // The schema only: the table's rows are read in windows as they come into view.
    const table = await collect(conn, `SELECT * FROM temp.main.${RESULT_TABLE} LIMIT 0`);
    return { table, total, statement: last, kept: true };
  }
  const table = await located(conn, last, '');
  return { table, total: table.numRows, statement: last, kept: false };
}

/** Runs a statement (after `prefix`); a failure says where in the script it happened. */
async function located(
  conn: duckdb.AsyncDuckDBConnection,
  statement: SqlStatement,
  prefix: string,
): Promise<Table> {
  const sent = prefix + statement.text;
  try {
    return await collect(conn, sent);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = errorPosition(message, sent);
    const position =
      at && at.from >= prefix.length
        ? {
            from: statement.start + at.from - prefix.length,
            to: statement.start + at.to - prefix.length,
          }
        : null;
    throw new ConsoleQueryError(message, position);
  }
}

/** Sends one statement and reads its whole result. */
async function collect(conn: duckdb.AsyncDuckDBConnection, sql: string): Promise<Table> {
  const reader = await conn.send(sql);
  const batches: RecordBatch[] = [];
  for await (const batch of reader) batches.push(batch);
  return batches.length > 0 ? new Table(batches) : new Table(reader.schema);
}
