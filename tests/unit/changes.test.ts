/**
 * "What changed": the exact conditional binomial test, the false-discovery-rate correction and
 * the ranking against hand-worked values (a low-baseline case and a few-events case flagged, not
 * ranked), and the period counts on real DuckDB, precision-aware (a record dated to the year counts
 * in the calendar year, in no window that cuts it, and is counted apart).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  binomialCdf,
  binomialTest,
  rankMovers,
} from '../../src/model/changeStats';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { TABLES, createTableSql } from '../../src/model/schema';
import {
  changeCountsQuery,
  comparedPeriods,
  periodDays,
  type ChangeCountRow,
} from '../../src/sql/changes';
import { EVENTS_ON_TABLES } from '../../src/sql/model';
import type { FilterState } from '../../src/sql/where';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

describe('the statistics of what changed', () => {
  it('computes exact binomial tails and two-sided p-values', () => {
    // 176 / 1024: P(X ≤ 3), X ~ B(10, ½), worked by hand from the binomial coefficients.
    expect(binomialCdf(3, 10, 0.5)).toBeCloseTo(176 / 1024, 12);
    // 9 of 10: the upper tail is 11 / 1024, doubled.
    expect(binomialTest(9, 10, 0.5)).toBeCloseTo(22 / 1024, 12);
    expect(binomialTest(0, 5, 0.5)).toBeCloseTo(2 / 32, 12);
    expect(binomialTest(5, 10, 0.5)).toBe(1);
    // Larger counts (exact sums of the binomial terms, computed apart).
    expect(binomialTest(60, 100, 0.5)).toBeCloseTo(0.05688793364098066, 10);
    expect(binomialTest(40, 60, 0.5)).toBeCloseTo(0.013489293731191676, 10);
    // Unequal periods: 30 of 40 when the current period is 3/4 of the time is no change.
    expect(binomialTest(30, 40, 0.75)).toBeGreaterThan(0.99);
  });

  it('adjusts p-values by Benjamini–Hochberg', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('ranks tested movers first, and flags low baselines and few events', () => {
    const movers = rankMovers(
      [
        { dimension: 'country', key: 'A', current: 40, baseline: 20 },
        { dimension: 'country', key: 'B', current: 9, baseline: 2 },
        { dimension: 'country', key: 'C', current: 3, baseline: 3 },
        { dimension: 'country', key: 'D', current: 20, baseline: 20 },
        { dimension: 'country', key: 'E', current: 10, baseline: 30 },
      ],
      { currentLength: 365, baselineLength: 365 },
    );
    expect(movers.map((m) => [m.key, m.flag, m.significant])).toEqual([
      ['E', null, true], // ÷3: a larger rate ratio away from 1 than A's ×2
      ['A', null, true],
      ['D', null, false],
      ['B', 'low baseline', false],
      ['C', 'few events', false],
    ]);
    const a = movers.find((m) => m.key === 'A')!;
    expect(a.p).toBeCloseTo(0.013489293731191676, 10);
    // Three ranked items: A's q is its p × 3 / 2 (rank 2 of 3).
    expect(a.q).toBeCloseTo((0.013489293731191676 * 3) / 2, 10);
    expect(a.rateRatio).toBe(2);
    expect(a.change).toBe(20);
    expect(movers.find((m) => m.key === 'B')!.q).toBeNull();
    expect(movers.find((m) => m.key === 'C')!.p).toBeNull();
    // A baseline twice as long halves the expected current count.
    const [half] = rankMovers([{ dimension: 'x', key: 'k', current: 20, baseline: 40 }], {
      currentLength: 1,
      baselineLength: 2,
    });
    expect(half).toMatchObject({ rateRatio: 1, change: 0, p: 1, significant: false });
  });
});

describe('period counts in DuckDB', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
    for (const t of TABLES) await db.rows(createTableSql(t));
    let id = 0;
    const add = async (country: string, date: string, precision: string, n = 1) => {
      for (let i = 0; i < n; i++)
        await db.rows(`INSERT INTO seizures VALUES (${++id}, DATE '${date}', '${precision}', '${country}', NULL, 0, 0, 'country', 'land_border', 'police', NULL,
          'seized', 'illicit_trafficking', 'trafficking', false, false, false, false, false, false, 1, 0, 0, 0, 'road_vehicle', 'none',
          'USA', []::VARCHAR[], '${country}', 'B', NULL, NULL)`);
    };
    await add('MEX', '2022-03-10', 'day', 10);
    await add('MEX', '2023-05-02', 'day', 30);
    await add('GTM', '2022-08-01', 'day', 2);
    await add('GTM', '2023-02-01', 'month', 9);
    await add('HND', '2023-01-01', 'year');
    await add('HND', '2023-06-01', 'month');
    await add('HND', '2015-01-01', 'unknown');
  });
  afterAll(() => db.close());

  const state = {
    time: { from: '2023-02-01', to: null },
    filters: EMPTY_FILTERS,
    crossFilters: [],
  } as FilterState;
  const counts = (periods: Parameters<typeof changeCountsQuery>[3]) =>
    db.rows<ChangeCountRow>(changeCountsQuery(EVENTS_ON_TABLES, state, 'country', periods));

  it('counts each item in each period, whole years and months only inside their period', async () => {
    const calendar = {
      current: { from: '2023-01-01', to: '2023-12-31' },
      baseline: { from: '2022-01-01', to: '2022-12-31' },
    };
    // The filters' own time range is left out: the periods are the time.
    expect(await counts(calendar)).toEqual([
      { key: 'GTM', current: 9, baseline: 2, spanning: 0 },
      { key: 'HND', current: 2, baseline: 0, spanning: 0 },
      { key: 'MEX', current: 30, baseline: 10, spanning: 0 },
    ]);
    expect(periodDays(calendar.current)).toBe(365);
  });

  it('compares whole months with the months before, and other ranges with equal days', () => {
    expect(comparedPeriods({ from: null, to: null }, '2025-12-31')).toEqual({
      current: { from: '2025-01-01', to: '2025-12-31' },
      baseline: { from: '2024-01-01', to: '2024-12-31' },
    });
    expect(comparedPeriods({ from: '2024-03-01', to: '2024-05-31' }, '2025-12-31')).toEqual({
      current: { from: '2024-03-01', to: '2024-05-31' },
      baseline: { from: '2023-12-01', to: '2024-02-29' },
    });
    expect(comparedPeriods({ from: '2024-03-10', to: '2024-03-19' }, '2025-12-31')).toEqual({
      current: { from: '2024-03-10', to: '2024-03-19' },
      baseline: { from: '2024-02-29', to: '2024-03-09' },
    });
    // An open range compares the dataset's last twelve months.
    expect(comparedPeriods({ from: '2020-01-01', to: null }, '2025-06-15').current).toEqual({
      from: '2024-06-16',
      to: '2025-06-15',
    });
  });

  it('never splits a year-dated record into a window that cuts its year', async () => {
    const july = {
      current: { from: '2023-07-01', to: '2024-06-30' },
      baseline: { from: '2022-07-01', to: '2023-06-30' },
    };
    expect(await counts(july)).toEqual([
      { key: 'GTM', current: 0, baseline: 11, spanning: 0 },
      // The record dated to 2023 overlaps both windows and lies in neither; June 2023 is baseline.
      { key: 'HND', current: 0, baseline: 1, spanning: 1 },
      { key: 'MEX', current: 0, baseline: 30, spanning: 0 },
    ]);
  });
});
