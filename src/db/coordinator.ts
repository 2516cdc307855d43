/**
 * The one place queries run. Views ask for a query by `client` name; the coordinator
 * - sends queries to the engine in order, a few at a time (`pipeline`): the DuckDB worker runs
 *   them one after another, and has the next one waiting while the page reads a result,
 * - serves repeated queries from a small LRU cache,
 * - shares one execution between identical queries in flight,
 * - drops a client's queued query when that client asks for a different one, and rejects every
 *   superseded request with `StaleQueryError`, so stale results never overwrite fresh ones
 *   (several components asking for the same query under one client all get the result),
 * - makes a query's shared selection (`src/sql/selection.ts`) once, as a temporary table that
 *   every later query under the same filters reads, keeping the few most recent.
 */
import type { Table } from 'apache-arrow';
import type { SqlQuery } from '../sql/types';
import type { QueryEngine } from './engine';
import { tableToRows } from './engine';

/** Thrown to callers whose request was superseded by a newer one from the same client. */
export class StaleQueryError extends Error {
  constructor() {
    super('Superseded by a newer query');
    this.name = 'StaleQueryError';
  }
}

/** Options of one request. */
export interface QueryOptions {
  /** Name of the view asking; a newer request from the same client supersedes older ones. */
  client?: string;
  /** Serve from and store in the cache (default true). */
  cache?: boolean;
}

/** Timing of one executed query, for the benchmark and the debug overlay. */
export interface QueryTiming {
  sql: string;
  params: readonly unknown[];
  client: string | undefined;
  /** When the query was sent (performance.now()), and how long until its answer. */
  start: number;
  ms: number;
  cached: boolean;
}

interface Waiter {
  client: string | undefined;
  key: string;
  resolve: (t: Table) => void;
  reject: (e: unknown) => void;
}

/** A shared selection made (or being made) as a temporary table. */
interface MadeSelection {
  /** Resolves true once the table exists, false when it could not be made. */
  ready: Promise<boolean>;
  /** Queries reading it right now (it is not dropped under them). */
  users: number;
}

/** One query to execute and everyone waiting for it. */
interface Pending {
  key: string;
  cacheable: boolean;
  query: SqlQuery;
  waiters: Waiter[];
}

/** Runs, caches, de-duplicates and sequences queries against one engine. */
export class Coordinator {
  private readonly cache = new Map<string, Table>();
  /** Row objects of tables already converted (see `rows`). */
  private readonly converted = new WeakMap<Table, unknown[]>();
  private readonly queue: Pending[] = [];
  private readonly inFlight = new Map<string, Pending>();
  /** The key of the latest query each client asked for. */
  private readonly latest = new Map<string, string>();
  /** Queries sent to the engine and not yet answered. */
  private active = 0;
  private readonly listeners = new Set<(t: QueryTiming) => void>();
  private readonly idleListeners = new Set<() => void>();
  /** Shared selections made as temporary tables, oldest first. */
  private selections = new Map<string, MadeSelection>();

  constructor(
    private readonly engine: QueryEngine,
    private readonly cacheSize = 256,
    /** How many queries may be sent before the first is answered. */
    private readonly pipeline = 4,
    /**
     * How many shared selections stay made (each holds filtered rows in the engine's memory);
     * 0 runs every query as it is written, its selection inlined.
     */
    private readonly selectionsKept = 4,
  ) {}

  /** Runs a query and resolves with its Arrow table. */
  query(query: SqlQuery, options: QueryOptions = {}): Promise<Table> {
    const { client, cache = true } = options;
    const key = cacheKey(query);
    if (client) this.latest.set(client, key);

    if (cache) {
      const hit = this.cache.get(key);
      if (hit) {
        this.cache.delete(key); // refresh LRU position
        this.cache.set(key, hit);
        this.emit({
          sql: query.sql,
          params: query.params,
          client,
          start: performance.now(),
          ms: 0,
          cached: true,
        });
        return Promise.resolve(hit);
      }
    }
    if (client) this.dropQueuedFor(client, key);

    return new Promise<Table>((resolve, reject) => {
      const waiter: Waiter = { client, key, resolve, reject };
      const shared = cache ? this.inFlight.get(key) : undefined;
      if (shared) {
        shared.waiters.push(waiter);
        return;
      }
      const pending: Pending = { key, cacheable: cache, query, waiters: [waiter] };
      if (cache) this.inFlight.set(key, pending);
      this.queue.push(pending);
      this.pump();
    });
  }

  /**
   * Runs a query and resolves with plain row objects. A table answered from the cache is
   * converted once: the names list (4,000 rows of text) was decoded again by every panel that
   * mounted, 75 ms of main-thread work per interaction. Each caller gets its own array.
   */
  async rows<T>(query: SqlQuery, options?: QueryOptions): Promise<T[]> {
    const table = await this.query(query, options);
    let rows = this.converted.get(table);
    if (!rows) {
      rows = tableToRows<unknown>(table);
      this.converted.set(table, rows);
    }
    return rows.slice() as T[];
  }

  /** Empties the cache (after the data changed), shared selections included. */
  clearCache(): void {
    this.cache.clear();
    const made = [...this.selections.keys()];
    this.selections = new Map();
    for (const name of made) this.dropSelection(name);
  }

  /** Subscribes to query timings; returns the unsubscribe function. */
  onQuery(listener: (t: QueryTiming) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when no query is queued or running. */
  isIdle(): boolean {
    return this.active === 0 && this.queue.length === 0;
  }

  /** Subscribes to the queue running empty; returns the unsubscribe function. */
  onIdle(listener: () => void): () => void {
    this.idleListeners.add(listener);
    return () => this.idleListeners.delete(listener);
  }

  private emit(t: QueryTiming) {
    for (const l of this.listeners) l(t);
  }

  private isCurrent(w: Waiter): boolean {
    return w.client === undefined || this.latest.get(w.client) === w.key;
  }

  /** Removes queued (not yet running) work whose every waiter belongs to a superseded request. */
  private dropQueuedFor(client: string, key: string) {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const p = this.queue[i]!;
      const stale = p.waiters.filter((w) => w.client === client && w.key !== key);
      if (stale.length === 0) continue;
      p.waiters = p.waiters.filter((w) => !(w.client === client && w.key !== key));
      for (const w of stale) w.reject(new StaleQueryError());
      if (p.waiters.length === 0) {
        this.queue.splice(i, 1);
        if (p.cacheable) this.inFlight.delete(p.key);
      }
    }
  }

  private pump() {
    while (this.active < this.pipeline && this.queue.length > 0) {
      const p = this.queue.shift()!;
      this.active++;
      void this.execute(p).finally(() => {
        this.active--;
        if (this.queue.length > 0) this.pump();
        else if (this.active === 0) for (const l of this.idleListeners) l();
      });
    }
  }

  private async execute(p: Pending) {
    // What the engine ran, and from when (after a shared selection was made, for its readers).
    const ran = { query: p.query, start: performance.now() };
    let result: Table | undefined;
    let error: unknown;
    try {
      result = await this.runShared(p.query, ran);
    } catch (e) {
      error = e;
    }
    if (p.cacheable) this.inFlight.delete(p.key);
    const client = p.waiters[0]?.client;
    this.emit({
      sql: ran.query.sql,
      params: ran.query.params,
      client,
      start: ran.start,
      ms: performance.now() - ran.start,
      cached: false,
    });
    if (result && p.cacheable) this.remember(p.key, result);
    for (const w of p.waiters) {
      if (!this.isCurrent(w)) w.reject(new StaleQueryError());
      else if (result) w.resolve(result);
      else w.reject(error);
    }
  }

  /**
   * Runs a query; one with a shared selection reads the selection's table, made first if it is
   * not there. If the table cannot be made (memory) or is gone, the query runs as written.
   * `ran` is set to the query the engine ran and when it started (a reader's time starts once
   * its selection is made), for the timings.
   */
  private async runShared(
    query: SqlQuery,
    ran: { query: SqlQuery; start: number },
  ): Promise<Table> {
    const selection = query.selection;
    if (!selection || this.selectionsKept <= 0) return this.engine.run(query);
    let made = this.selections.get(selection.name);
    if (made) {
      this.selections.delete(selection.name); // most recently used last
      this.selections.set(selection.name, made);
    } else {
      made = { ready: this.makeSelection(selection.name, selection.rows), users: 0 };
      this.selections.set(selection.name, made);
    }
    made.users++;
    try {
      const ready = await made.ready;
      ran.start = performance.now();
      if (ready) {
        try {
          ran.query = selection.body;
          return await this.engine.run(selection.body);
        } catch (e) {
          // The table went missing (the data was replaced underneath): run it as written.
          if (!/sel_\w+ does not exist|Table with name sel_/i.test(String(e))) throw e;
          this.selections.delete(selection.name);
        }
      }
      ran.query = query;
      return await this.engine.run(query);
    } finally {
      made.users--;
      this.trimSelections();
    }
  }

  private async makeSelection(name: string, rows: SqlQuery): Promise<boolean> {
    const t0 = performance.now();
    const create = {
      sql: `CREATE OR REPLACE TEMP TABLE ${name} AS ${rows.sql}`,
      params: rows.params,
    };
    try {
      await this.engine.run(create);
      return true;
    } catch (e) {
      console.warn('Shared selection not made, its queries run on their own:', e);
      return false;
    } finally {
      this.emit({
        sql: create.sql,
        params: create.params,
        client: 'selection',
        start: t0,
        ms: performance.now() - t0,
        cached: false,
      });
    }
  }

  /** Drops the least recently used selections beyond `selectionsKept` that nothing reads. */
  private trimSelections() {
    for (const [name, made] of this.selections) {
      if (this.selections.size <= this.selectionsKept) break;
      if (made.users > 0) continue;
      this.selections.delete(name);
      this.dropSelection(name);
    }
  }

  private dropSelection(name: string) {
    // Names are `sel_` and a base-36 hash (`selectionName`), never text from a user.
    if (!/^sel_[a-z0-9]+$/.test(name)) return;
    this.engine.run({ sql: `DROP TABLE IF EXISTS temp.main.${name}`, params: [] }).catch(() => {
      // The engine is gone or was replaced: so is the table.
    });
  }

  private remember(key: string, table: Table) {
    this.cache.set(key, table);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

function cacheKey(q: SqlQuery): string {
  return `${q.sql}\u0000${JSON.stringify(q.params)}`;
}
