/**
 * One filtered selection per interaction, shared by the panels of a view (`src/sql/selection.ts`).
 * The Traces and Patterns views' own panel queries run through the app's coordinator over real
 * DuckDB (WASM), the way a view's panels ask at once; an engine wrapper records what DuckDB is
 * asked. Under a filter that needs a join, the trace (or firearm) rows are filtered exactly once
 * per interaction, and every panel gives the rows it gives when each query runs on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coordinator } from '../../src/db/coordinator';
import type { QueryEngine } from '../../src/db/engine';
import {
  BREAKDOWNS,
  breakdownClient,
  breakdownRows,
  patternsPanelQueries,
} from '../../src/features/patterns/patternsQueries';
import { facetQuery, type FacetRow } from '../../src/sql/facets';
import { headlineQuery } from '../../src/sql/headline';
import { diversionStagesQuery, type StageLinkRow } from '../../src/sql/sankey';
import { tracesPanelQueries } from '../../src/features/traces/tracesQueries';
import { selectionName, withSelection } from '../../src/sql/selection';
import { raw, sql, withCtes } from '../../src/sql/fragment';
import type { SqlQuery } from '../../src/sql/types';
import type { FilterState } from '../../src/sql/where';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
let asOf = '';
let country = '';
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
  const [r] = await db.rows<{ last: string; c: string }>(
    `SELECT strftime(max(seizure_date), '%Y-%m-%d') AS last,
       (SELECT country_iso3 FROM traces t JOIN seizures s USING (seizure_id) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS c
     FROM seizures`,
  );
  asOf = r!.last;
  country = r!.c;
});
afterAll(() => db.close());

interface Run {
  sql: string;
  params: readonly unknown[];
}

/** The real engine, recording every statement; `failCreate` refuses to make selections. */
function recording(inner: QueryEngine, failCreate = false) {
  const runs: Run[] = [];
  const engine: QueryEngine = {
    run(q) {
      runs.push({ sql: q.sql, params: q.params });
      if (failCreate && q.sql.startsWith('CREATE OR REPLACE TEMP TABLE'))
        return Promise.reject(new Error('Out of Memory Error: failed to allocate'));
      return inner.run(q);
    },
  };
  return { runs, engine };
}

const state = (
  filters: Partial<FilterState['filters']>,
  time: FilterState['time'] = { from: null, to: null },
) =>
  ({
    time,
    filters: { ...EMPTY_FILTERS, ...filters },
    crossFilters: [],
  }) as FilterState;

/** Every query of the view under `s`, asked at once as mounting panels do; rows by client. */
async function askAll(coord: Coordinator, queries: Record<string, SqlQuery>) {
  const entries = Object.entries(queries);
  const rows = await Promise.all(entries.map(([client, q]) => coord.rows(q, { client })));
  return Object.fromEntries(entries.map(([client], i) => [client, rows[i]]));
}

/** Statements that filter the rows of `table` itself (its base table, with the bound value). */
const filtering = (runs: Run[], table: 'traces t' | 'firearms f', value: string) =>
  runs.filter((r) => r.params.includes(value) && new RegExp(`\\bFROM ${table}\\b`).test(r.sql));

const tracesView = (s: FilterState) => tracesPanelQueries(db.model, s, 'en', asOf);

describe('shared selections', () => {
  it('filter the trace requests once for all the Traces panels, with the same rows', async () => {
    for (const s of [state({ agency: ['customs'] }), state({ country: [country] })]) {
      const value = s.filters.agency[0] ?? country;
      const shared = recording(db.engine);
      const alone = recording(db.engine);
      const got = await askAll(new Coordinator(shared.engine), tracesView(s));
      const want = await askAll(new Coordinator(alone.engine, 256, 4, 0), tracesView(s));
      expect(got).toEqual(want);
      // Without sharing, each of the six trace panels joins and filters again.
      expect(filtering(alone.runs, 'traces t', value)).toHaveLength(6);
      expect(filtering(shared.runs, 'traces t', value)).toHaveLength(1);
      expect(shared.runs.filter((r) => r.sql.startsWith('CREATE OR REPLACE TEMP'))).toHaveLength(1);
    }
  });

  it('count every Patterns breakdown of a grain in one query, with the same rows', async () => {
    const cases: [FilterState, string][] = [
      [state({ agency: ['customs'] }), 'customs'],
      [state({ traceOutcome: ['traced'] }), 'traced'],
      [state({ agency: ['police'] }, { from: '2019-03-04', to: '2022-11-20' }), 'police'],
    ];
    for (const [s, value] of cases) {
      const rec = recording(db.engine);
      const got = await askAll(
        new Coordinator(rec.engine),
        patternsPanelQueries(db.model, s, 'en'),
      );
      for (const { field } of BREAKDOWNS) {
        const alone = await db.rows(facetQuery(db.model, s, field, 'en', breakdownClient(field)));
        expect(breakdownRows(got[breakdownClient(field)] as FacetRow[], field)).toEqual(alone);
      }
      // The five firearm breakdowns in one scan, the matrix in another (it groups by region).
      expect(filtering(rec.runs, 'firearms f', value)).toHaveLength(2);
      // Place type, transport and concealment in one; crime flags, and the filtered field itself
      // (it leaves its own filter out), on their own.
      const seizureScans = rec.runs.filter((r) =>
        /^\s*SELECT[\s\S]*\bFROM seizures s\b/.test(r.sql),
      );
      expect(seizureScans.length).toBeLessThanOrEqual(3);
    }
  });

  it('filter the firearms once for the headline and every seizure breakdown under a firearm filter', async () => {
    const [top] = await db.rows<{ calibre: string }>(
      'SELECT calibre FROM firearms GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    for (const s of [
      state({ calibre: [top!.calibre] }),
      state({ calibre: [top!.calibre], agency: ['police'] }),
    ]) {
      const queries: Record<string, SqlQuery> = {
        ...patternsPanelQueries(db.model, s, 'en'),
        headline: headlineQuery(db.model, s),
      };
      const rec = recording(db.engine);
      const got = await askAll(new Coordinator(rec.engine), queries);
      expect(got).toEqual(await askAll(new Coordinator(db.engine, 256, 4, 0), queries));
      // Each query also answers alone, as written (the selection is its first table expression).
      expect(await db.rows(queries.headline!)).toEqual(got.headline);
      expect(await db.rows(queries['patterns.crime']!)).toEqual(got['patterns.crime']);
      // The firearm breakdowns in one scan, the matrix in another, and the matching firearms
      // per seizure once, for the headline and the five seizure breakdowns.
      expect(filtering(rec.runs, 'firearms f', top!.calibre)).toHaveLength(3);
      const made = rec.runs.filter((r) => r.sql.startsWith('CREATE OR REPLACE TEMP'));
      expect(made).toHaveLength(1);
      expect(made[0]!.sql).toMatch(/GROUP BY f\.seizure_id/);
      // The crime flags are counted in one scan, not one per flag.
      expect(got['patterns.crime']!.length).toBeGreaterThan(1);
    }
  });

  it('reads the tables as written when nothing filters them', async () => {
    const rec = recording(db.engine);
    await askAll(new Coordinator(rec.engine), tracesView(state({})));
    expect(rec.runs.filter((r) => /\bFROM traces t\b/.test(r.sql))).toHaveLength(6);
    expect(rec.runs.some((r) => /TEMP TABLE|sel_/.test(r.sql))).toBe(false);
  });

  it('filter the requests once under a filter on their own columns too', async () => {
    const rec = recording(db.engine);
    const s = state({ traceOutcome: ['refused'] });
    const got = await askAll(new Coordinator(rec.engine), tracesView(s));
    expect(got).toEqual(await askAll(new Coordinator(db.engine, 256, 4, 0), tracesView(s)));
    expect(
      filtering(rec.runs, 'traces t', 'refused').filter((r) => /TEMP TABLE/.test(r.sql)),
    ).toHaveLength(1);
    expect(rec.runs.filter((r) => /FROM sel_\w+ t/.test(r.sql))).toHaveLength(6);
  });

  it('makes each interaction one selection, keeps a few and drops the rest', async () => {
    const rec = recording(db.engine);
    const coord = new Coordinator(rec.engine, 256, 4, 2);
    const agencies = ['police', 'customs', 'gendarmerie', 'military'];
    for (const a of agencies) await askAll(coord, tracesView(state({ agency: [a] })));
    const creates = rec.runs.filter((r) => r.sql.startsWith('CREATE OR REPLACE TEMP'));
    expect(creates).toHaveLength(agencies.length);
    // Asked again, the panels come from the cache: DuckDB is not asked anything.
    const before = rec.runs.length;
    await askAll(coord, tracesView(state({ agency: ['military'] })));
    expect(rec.runs.length).toBe(before);
    const names = creates.map((r) => /TEMP TABLE (sel_\w+)/.exec(r.sql)![1]!);
    const kept = async () =>
      (
        await db.rows<{ name: string }>(
          "SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'temp'",
        )
      ).filter((r) => names.includes(r.name));
    expect((await kept()).length).toBeLessThanOrEqual(2);
    // New data: every selection goes with the cache.
    coord.clearCache();
    await coord.rows(sql('SELECT 1'));
    expect(await kept()).toEqual([]);
  });

  it('answers as written when a selection cannot be made, or was dropped underneath', async () => {
    const s = state({ agency: ['gendarmerie'] });
    const want = await askAll(new Coordinator(db.engine, 256, 4, 0), tracesView(s));
    const failing = recording(db.engine, true);
    expect(await askAll(new Coordinator(failing.engine), tracesView(s))).toEqual(want);

    const coord = new Coordinator(db.engine);
    const q = tracesPanelQueries(db.model, s, 'en', asOf)['traces.outcomes'];
    await coord.rows(q);
    await db.rows(`DROP TABLE temp.main.${q.selection!.name}`);
    coord.clearCache();
    // The coordinator still believes nothing; a fresh one after the drop must rebuild or inline.
    const again = new Coordinator(db.engine);
    expect(await again.rows(q)).toEqual(want['traces.outcomes']);
  });

  it('keeps a query complete on its own: the selection is its first table expression', async () => {
    const rows = { sql: 'SELECT * FROM range(?::BIGINT) r(i)', params: [5] };
    const name = selectionName(rows);
    expect(name).toMatch(/^sel_[a-z0-9]+$/);
    expect(selectionName({ ...rows, params: [6] })).not.toBe(name);
    const table = raw(name);
    const plain = withSelection(
      { name, rows },
      sql`SELECT count(*)::INTEGER AS n FROM ${table} WHERE i > ${1}`,
    );
    // A body with its own table expressions, kept as structure: the selection goes first, and
    // the parameters follow the text's order (the selection's, then x's, then the main query's).
    const merged = withSelection(
      { name, rows },
      withCtes(
        [{ name: 'x', query: sql`SELECT i FROM ${table} WHERE i > ${1}` }],
        sql`SELECT count(*)::INTEGER AS n FROM x WHERE i < ${4}`,
      ),
    );
    expect(merged.sql).toMatch(new RegExp(`^WITH ${name} AS \\(SELECT \\* FROM range`));
    expect(merged.params).toEqual([5, 1, 4]);
    expect(await db.rows(plain)).toEqual([{ n: 3 }]);
    expect(await db.rows(merged)).toEqual([{ n: 2 }]);
    expect(await new Coordinator(db.engine).rows(merged)).toEqual([{ n: 2 }]);
  });
});

describe('diversion Sankey', () => {
  it('counts each stage pair as one scan per stage would, filtered or not', async () => {
    const [{ d } = { d: '' }] = await db.rows<{ d: string }>(
      'SELECT destination_iso3 AS d FROM seizures WHERE destination_iso3 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    for (const [s, cond] of [
      [state({}), 'TRUE'],
      [state({ destination: [d] }), `s.destination_iso3 = '${d}'`],
    ] as const) {
      const got = await db.rows<StageLinkRow>(diversionStagesQuery(db.model, s, undefined));
      // The reference: each stage counted on its own, straight from the tables.
      const from = `FROM traces t JOIN seizures s USING (seizure_id) JOIN firearms f ON f.firearm_id = t.firearm_id
        WHERE ${cond} AND t.diversion_point IS NOT NULL AND f.country_of_manufacture IS NOT NULL`;
      const want = await db.rows<StageLinkRow>(`
        SELECT 'manufacture' AS "fromStage", f.country_of_manufacture AS "fromCode", 'diversion' AS "toStage", t.diversion_point AS "toCode", count(*)::DOUBLE AS value ${from} GROUP BY ALL
        UNION ALL SELECT 'diversion', t.diversion_point, 'recovery', t.requesting_iso3, count(*)::DOUBLE ${from} GROUP BY ALL`);
      const key = (r: StageLinkRow) =>
        `${r.fromStage}:${r.fromCode}>${r.toStage}:${r.toCode}=${r.value}`;
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.length).toBeGreaterThan(2);
      // Largest first, as the Sankey lays them out.
      expect(got.map((r) => r.value)).toEqual([...got.map((r) => r.value)].sort((a, b) => b - a));
      // One scan of the requests, not one per stage.
      expect(diversionStagesQuery(db.model, s, undefined).sql.match(/FROM traces t/g)).toHaveLength(
        1,
      );
    }
  });
});
