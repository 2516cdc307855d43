/**
 * Mosaic in the benchmark (browser code, bundled by `scripts/lib/mosaic.ts` and evaluated in the
 * page; never part of the app's build). It runs `@uwdata/mosaic-core` with pre-aggregation on over
 * the app's own DuckDB-WASM instance (its own connection, so Mosaic's `mosaic` schema lives in
 * the in-memory catalog; the dataset is attached read-only) for the Overview's three panels —
 * seizures per month, top ten seizing countries, top ten routes — joined by one crossfilter
 * selection, as `../shared/TECH-NOTES.md` describes. A step updates the selection with one
 * panel's clause and is timed until every other panel has its new result.
 */
import {
  Coordinator,
  Selection,
  clauseInterval,
  clausePoint,
  clausePoints,
  makeClient,
  wasmConnector,
  type MosaicClient,
} from '@uwdata/mosaic-core';
import { Query, asTableRef, count, desc, sql, type FilterExpr } from '@uwdata/mosaic-sql';
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { monthlySeriesQuery, topCountriesQuery, topRoutesQuery } from '../../src/sql/overview';
import type { SqlModel } from '../../src/sql/model';
import type { SqlQuery } from '../../src/sql/types';
import { DEFAULT_STATE, type CrossFilter, type ViewState } from '../../src/model/viewState';

/** One selection change: which panel makes it, and its value. */
export type MosaicStep =
  | { source: 'monthly'; from: string; to: string }
  | { source: 'countries'; country: string }
  | { source: 'routes'; origin: string; destination: string };

type Panel = MosaicStep['source'];

/** What the page exposes once set up. */
export interface MosaicHarness {
  /** Runs one step; resolves with its time in ms. */
  step(step: MosaicStep): Promise<number>;
  /** Drops Mosaic's pre-aggregated tables and closes its connection. */
  dispose(): Promise<void>;
}

/**
 * Sets Mosaic up on `db` over `table` (e.g. `atlas.main.seizures`) whose dates span
 * `domain` (ISO dates), and waits for the panels' first results.
 */
export async function setupMosaic(
  db: AsyncDuckDB,
  table: string,
  domain: [string, string],
): Promise<MosaicHarness> {
  const from = asTableRef(table.split('.'))!;
  const connection = await db.connect();
  const mc = new Coordinator(wasmConnector({ duckdb: db, connection }), {
    preagg: { enabled: true },
    logger: { log() {}, info() {}, debug() {}, warn: console.warn, error: console.error },
  } as ConstructorParameters<typeof Coordinator>[1]);
  const selection = Selection.crossfilter();
  const results = new Map<Panel, number>();
  const errors: unknown[] = [];
  let wake: () => void = () => undefined;
  const client = (panel: Panel, query: (filter: FilterExpr) => Query) => {
    results.set(panel, 0);
    return makeClient({
      coordinator: mc,
      selection,
      query,
      queryResult: () => {
        results.set(panel, results.get(panel)! + 1);
        wake();
      },
      queryError: (e) => {
        errors.push(e);
        wake();
      },
    });
  };
  const clients: Record<Panel, MosaicClient> = {
    monthly: client('monthly', (filter) =>
      Query.from(from)
        .select({ month: sql`date_trunc('month', seizure_date)`, n: count() })
        .groupby('month')
        .where(filter),
    ),
    countries: client('countries', (filter) =>
      Query.from(from)
        .select({ country: 'country_iso3', n: count() })
        .groupby('country')
        .where(filter)
        .orderby(desc('n'))
        .limit(10),
    ),
    routes: client('routes', (filter) =>
      Query.from(from)
        .select({ origin: 'origin_iso3', destination: 'destination_iso3', n: count() })
        .groupby('origin', 'destination')
        .where(filter)
        .orderby(desc('n'))
        .limit(10),
    ),
  };
  const until = async (panels: Panel[], before: Map<Panel, number>) => {
    const deadline = performance.now() + 120_000;
    while (!panels.every((p) => results.get(p)! > before.get(p)!)) {
      if (errors.length) throw new Error(`Mosaic query failed: ${String(errors[0])}`);
      if (performance.now() > deadline) throw new Error('Mosaic did not answer in 120 s');
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  await until(['monthly', 'countries', 'routes'], new Map([...results].map(([k]) => [k, 0])));
  const scale = {
    type: 'utc' as const,
    domain: [new Date(domain[0]), new Date(domain[1])] as [Date, Date],
    range: [0, 800] as [number, number],
  };
  return {
    async step(s) {
      const source = clients[s.source];
      const clause =
        s.source === 'monthly'
          ? clauseInterval('seizure_date', [new Date(s.from), new Date(s.to)], {
              source,
              scale,
            })
          : s.source === 'countries'
            ? clausePoint('country_iso3', s.country, { source })
            : clausePoints(['origin_iso3', 'destination_iso3'], [[s.origin, s.destination]], {
                source,
              });
      const others = (Object.keys(clients) as Panel[]).filter((p) => p !== s.source);
      const before = new Map(results);
      const t0 = performance.now();
      selection.update(clause);
      await until(others, before);
      return performance.now() - t0;
    },
    async dispose() {
      mc.clear();
      await connection.query('DROP SCHEMA IF EXISTS mosaic CASCADE');
      await connection.close();
    },
  };
}

/** The app's cross-filter for a step, as the Overview's panels set it. */
function crossFilter(st: MosaicStep): CrossFilter {
  if (st.source === 'monthly') {
    return { source: 'overview.monthly', kind: 'interval', from: st.from, to: st.to };
  }
  if (st.source === 'countries') {
    return { source: 'overview.countries', kind: 'point', field: 'country', values: [st.country] };
  }
  return {
    source: 'overview.routes',
    kind: 'route',
    origin: st.origin,
    destination: st.destination,
  };
}

/**
 * The app's side of a step with no drawing: the Overview's own queries for the same three panels
 * (its SQL builders, its cubes, its coordinator with the cache off), for every panel but the
 * step's source, under every selection made so far. Resolves with the time to all results.
 */
export async function ourDataStep(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  model: SqlModel,
  active: MosaicStep[],
  source: Panel,
): Promise<number> {
  const state: ViewState = { ...DEFAULT_STATE, crossFilters: active.map(crossFilter) };
  const queries: SqlQuery[] = [];
  if (source !== 'monthly') queries.push(monthlySeriesQuery(model, state, 'overview.monthly'));
  if (source !== 'countries') {
    queries.push(topCountriesQuery(model, state, 10, 'en', 'overview.countries'));
  }
  if (source !== 'routes') queries.push(topRoutesQuery(model, state, 10, 'en', 'overview.routes'));
  const t0 = performance.now();
  await Promise.all(queries.map((q) => run(q.sql, [...q.params])));
  return performance.now() - t0;
}
