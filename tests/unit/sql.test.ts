/**
 * SQL builders run on real DuckDB (the WASM engine the browser uses) against the fixture, and are
 * checked against the same figures computed another way.
 */
import { coarseDatesQuery, type CoarseDatesRow } from '../../src/sql/source';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredShare, headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { quoteIdent, quoteLiteral } from '../../src/sql/literal';
import {
  monthlySeriesQuery,
  topCountriesQuery,
  topRoutesQuery,
  type MonthlyRow,
  type RouteRow,
} from '../../src/sql/overview';
import {
  dropOrderQuery,
  recordsCountQuery,
  recordsIndexedWindowQuery,
  recordsOrderQuery,
  recordsWindowQuery,
  type RecordRow,
} from '../../src/sql/records';
import { OrderIndexes } from '../../src/db/orderIndex';
import { DEFAULT_STATE } from '../../src/model/viewState';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
});
afterAll(() => db.close());

describe('headline figures', () => {
  it('match totals computed from the raw rows', async () => {
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    const seizures = await db.rows<{
      firearms_count: number;
      ammunition_rounds: number;
      arrests: number;
      country_iso3: string;
      seizure_date: string;
    }>(
      "SELECT firearms_count, ammunition_rounds, arrests, country_iso3, strftime(seizure_date, '%Y-%m-%d') AS seizure_date FROM seizures",
    );
    const traces = await db.rows<{ outcome: string }>('SELECT outcome FROM traces');
    const sum = (k: 'firearms_count' | 'ammunition_rounds' | 'arrests') =>
      seizures.reduce((a, r) => a + r[k], 0);
    const dates = seizures.map((s) => s.seizure_date).sort();
    expect(h).toEqual({
      seizures: seizures.length,
      firearms: sum('firearms_count'),
      rounds: sum('ammunition_rounds'),
      arrests: sum('arrests'),
      countries: new Set(seizures.map((s) => s.country_iso3)).size,
      traces: traces.length,
      tracesAnswered: traces.filter((t) => t.outcome !== 'pending').length,
      firstDate: dates[0],
      lastDate: dates[dates.length - 1],
    });
    const firearmRows = await db.rows<{ n: number }>('SELECT count(*) AS n FROM firearms');
    expect(h!.firearms).toBe(firearmRows[0]!.n);
  });

  it('computes the answered share, and none for no traces', () => {
    expect(answeredShare({ traces: 4, tracesAnswered: 3 })).toBe(0.75);
    expect(answeredShare({ traces: 0, tracesAnswered: 0 })).toBeNull();
  });
});

describe('overview queries', () => {
  it('monthly series covers every seizure dated to the month or day once, in month order', async () => {
    const rows = await db.rows<MonthlyRow>(monthlySeriesQuery(db.model, DEFAULT_STATE));
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    // Seizures dated to the year only are left out of a monthly series (never a January spike),
    // and counted for the caption.
    const [coarse] = await db.rows<CoarseDatesRow>(
      coarseDatesQuery(db.model, DEFAULT_STATE, undefined, 'month'),
    );
    expect(coarse!.coarse).toBeGreaterThan(0);
    expect(coarse!.coarse).toBe(coarse!.yearOnly);
    expect(coarse!.total).toBe(h!.seizures);
    expect(rows.reduce((a, r) => a + r.seizures, 0)).toBe(h!.seizures - coarse!.coarse);
    const yearOnlyFirearms = Number(
      Object.values(
        (
          await db.rows("SELECT sum(firearms_count) FROM seizures WHERE date_precision = 'year'")
        )[0]!,
      )[0],
    );
    expect(rows.reduce((a, r) => a + r.firearms, 0)).toBe(h!.firearms - yearOnlyFirearms);
    expect(rows.map((r) => r.month)).toEqual([...rows.map((r) => r.month)].sort());
    for (const r of rows) expect(r.month).toMatch(/^\d{4}-\d{2}$/);
  });

  it('top routes are ranked by firearms, skip unknown and domestic routes, and respect the limit', async () => {
    const routes = await db.rows<RouteRow>(topRoutesQuery(db.model, DEFAULT_STATE, 5, 'en'));
    expect(routes).toHaveLength(5);
    for (let i = 1; i < routes.length; i++)
      expect(routes[i - 1]!.firearms).toBeGreaterThanOrEqual(routes[i]!.firearms);
    for (const r of routes) expect(r.origin).not.toBe(r.destination);
    const [expected] = await db.rows<{ origin: string; destination: string; firearms: number }>(
      `SELECT origin_iso3 AS origin, destination_iso3 AS destination, sum(firearms_count)::BIGINT AS firearms FROM seizures
       WHERE origin_iso3 <> destination_iso3 GROUP BY ALL ORDER BY firearms DESC, origin, destination LIMIT 1`,
    );
    expect(routes[0]).toMatchObject(expected!);
    expect(routes[0]!.originName).not.toMatch(/^[A-Z]{3}$/);
  });

  it('names countries in the requested language and falls back to English', async () => {
    const es = await db.rows<{ iso3: string; name: string }>(
      topCountriesQuery(db.model, DEFAULT_STATE, 50, 'es'),
    );
    const en = await db.rows<{ iso3: string; name: string }>(
      topCountriesQuery(db.model, DEFAULT_STATE, 50, 'xx'),
    );
    expect(es.find((c) => c.iso3 === 'MEX')?.name).toBe('México');
    expect(en.find((c) => c.iso3 === 'MEX')?.name).toBe('Mexico');
  });
});

describe('records', () => {
  it('pages through every record once in the chosen order', async () => {
    const [{ n }] = (await db.rows<{ n: number }>(recordsCountQuery(DEFAULT_STATE))) as [
      { n: number },
    ];
    const seen = new Set<number>();
    let previous = '';
    for (let page = 0; page * 500 < n; page++) {
      const rows = await db.rows<RecordRow>(
        recordsWindowQuery(DEFAULT_STATE, {
          sort: 'seizure_date',
          desc: false,
          offset: page * 500,
          limit: 500,
          lang: 'en',
        }),
      );
      for (const r of rows) {
        expect(r.seizure_date >= previous).toBe(true);
        previous = r.seizure_date;
        seen.add(r.seizure_id);
      }
    }
    expect(seen.size).toBe(n);
  });

  it('clamps the window size and offset instead of failing', async () => {
    const rows = await db.rows<RecordRow>(
      recordsWindowQuery(DEFAULT_STATE, {
        sort: 'firearms_count',
        desc: true,
        offset: -3,
        limit: 1e9,
        lang: 'fr',
      }),
    );
    expect(rows).toHaveLength(1000);
    expect(rows[0]!.firearms_count).toBeGreaterThanOrEqual(rows[999]!.firearms_count);
  });
});

describe('records through an order index', () => {
  it('gives the same windows as the direct query, for every sort and any offset', async () => {
    const indexes = new OrderIndexes(db.coordinator, dropOrderQuery);
    const state = {
      ...DEFAULT_STATE,
      filters: { ...DEFAULT_STATE.filters, region: ['caribbean'] },
    };
    for (const [sort, desc] of [
      ['seizure_date', true],
      ['firearms_count', false],
      ['country', true],
      ['agency', false],
    ] as const) {
      const table = await indexes.ensure(`${sort}${desc}`, (t) =>
        recordsOrderQuery(state, { sort, desc, lang: 'en' }, t),
      );
      for (const offset of [0, 137, 900]) {
        const direct = await db.rows<RecordRow>(
          recordsWindowQuery(state, { sort, desc, offset, limit: 100, lang: 'en' }),
        );
        const indexed = await db.rows<RecordRow>(
          recordsIndexedWindowQuery(table, { offset, limit: 100, lang: 'en' }),
        );
        expect(indexed.map((r) => r.seizure_id)).toEqual(direct.map((r) => r.seizure_id));
        expect(indexed).toEqual(direct);
      }
    }
    // Only the current index is kept.
    const tables = await db.rows<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'records_order_%'",
    );
    expect(tables[0]!.n).toBe(1);
  });

  it('refuses a table name it did not make', () => {
    expect(() =>
      recordsIndexedWindowQuery('seizures; DROP TABLE x', { offset: 0, limit: 1, lang: 'en' }),
    ).toThrow();
  });
});

describe('quoting', () => {
  const hostile = [
    "O'Brien",
    "'; DROP TABLE seizures; --",
    "a''b\"c",
    '-- comment',
    '/* block */',
    'semicolon; SELECT 1',
    'Côte d’Ivoire — ünïcödé 漢字 🚩',
    'x'.repeat(10_000),
    '',
    'back\\slash',
    'nul\u0000byte',
  ];

  it('round-trips hostile strings through DuckDB as literals', async () => {
    for (const s of hostile) {
      const [row] = await db.rows<{ v: string }>(`SELECT ${quoteLiteral(s)} AS v`);
      expect(row!.v).toBe(s.replace(/\0/g, ''));
    }
    expect(await db.rows('SELECT count(*) AS n FROM seizures')).toHaveLength(1); // the table survived
  });

  it('round-trips hostile identifiers', async () => {
    for (const s of hostile.filter((x) => x.length > 0 && x.length < 200)) {
      const [row] = await db.rows<Record<string, number>>(`SELECT 1 AS ${quoteIdent(s)}`);
      expect(Object.keys(row!)).toEqual([s.replace(/\0/g, '')]);
    }
    expect(() => quoteIdent('')).toThrow();
  });

  it('quotes numbers, booleans and null, and refuses non-finite numbers', () => {
    expect(quoteLiteral(42)).toBe('42');
    expect(quoteLiteral(-1.5)).toBe('-1.5');
    expect(quoteLiteral(true)).toBe('TRUE');
    expect(quoteLiteral(null)).toBe('NULL');
    expect(() => quoteLiteral(Number.NaN)).toThrow();
    expect(() => quoteLiteral(Infinity)).toThrow();
  });
});

describe('comparison periods', () => {
  it('compares the last twelve months with the same months a year earlier', async () => {
    const { comparisonPeriods } = await import('../../src/sql/overview');
    expect(
      comparisonPeriods({ from: null, to: null }, { from: '2015-01-01', to: '2025-12-31' }),
    ).toEqual({
      current: { from: '2025-01-01', to: '2025-12-31' },
      previous: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(
      comparisonPeriods(
        { from: '2020-03-01', to: '2020-03-31' },
        { from: '2015-01-01', to: '2025-12-31' },
      ),
    ).toEqual({
      current: { from: '2020-03-01', to: '2020-03-31' },
      previous: { from: '2020-02-01', to: '2020-02-29' },
    });
    expect(
      comparisonPeriods(
        { from: '2019-11-01', to: '2020-02-29' },
        { from: '2015-01-01', to: '2025-12-31' },
      ),
    ).toEqual({
      current: { from: '2019-11-01', to: '2020-02-29' },
      previous: { from: '2019-07-01', to: '2019-10-31' },
    });
    // Days that do not make whole months: the same number of days before.
    expect(
      comparisonPeriods(
        { from: '2020-03-05', to: '2020-03-14' },
        { from: '2015-01-01', to: '2025-12-31' },
      ),
    ).toEqual({
      current: { from: '2020-03-05', to: '2020-03-14' },
      previous: { from: '2020-02-24', to: '2020-03-04' },
    });
  });
});
