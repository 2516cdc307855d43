/**
 * The analytic views' SQL and transforms, worked out by hand: surge rule and moving average on a
 * made-up series, year-on-year change, Sankey staging and its cycle guard, trace medians, the
 * SDG-style share and operation windows — on real DuckDB (WASM).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSankey, DIRECT, OTHER } from '../../src/components/sankey';
import { operationWindowsQuery, phaseRates, type OperationWeekRow } from '../../src/sql/operations';
import { routeStagesQuery, type StageLinkRow } from '../../src/sql/sankey';
import {
  responseTimesQuery,
  sdgShareQuery,
  type ResponseRow,
  type SdgRow,
} from '../../src/sql/traces';
import { SURGE_RULE, trendTotalsQuery, type TrendPoint } from '../../src/sql/trends';
import { DEFAULT_STATE } from '../../src/model/viewState';
import { loadTinyFixture } from '../helpers/tinyFixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadTinyFixture(db);
});
afterAll(() => db.close());

describe('trend totals', () => {
  it('fills empty months with zero, averages over 3 periods and compares with a year earlier', async () => {
    const rows = await db.rows<TrendPoint>(
      trendTotalsQuery(db.model, DEFAULT_STATE, undefined, 'month', 'firearms'),
    );
    // Seizures fall in 2020-01 (3 + 7), 2020-02 (5), 2021-05 (2), 2021-06 (1), 2021-07 (4).
    expect(rows[0]).toMatchObject({
      period: '2020-01-01',
      value: 10,
      movingAverage: 10,
      lastYear: null,
      yoy: null,
    });
    expect(rows[1]).toMatchObject({ period: '2020-02-01', value: 5, movingAverage: 7.5 });
    expect(rows[2]).toMatchObject({ period: '2020-03-01', value: 0, movingAverage: 5 });
    expect(rows.map((r) => r.period).at(-1)).toBe('2021-07-01');
    expect(rows).toHaveLength(19);
    const jan2021 = rows.find((r) => r.period === '2021-01-01')!;
    expect(jan2021).toMatchObject({ value: 0, lastYear: 10, yoy: -1 });
  });

  it('flags a surge only above a baseline that is big enough', async () => {
    // A synthetic monthly series: six months of 10, then 40 (surge), then 10, then 3 → 12 on a tiny base.
    await db.rows(`CREATE TEMP TABLE series AS SELECT * FROM (VALUES
      (DATE '2020-01-01', 10), (DATE '2020-02-01', 10), (DATE '2020-03-01', 10), (DATE '2020-04-01', 10),
      (DATE '2020-05-01', 10), (DATE '2020-06-01', 10), (DATE '2020-07-01', 40), (DATE '2020-08-01', 10)) t(d, n)`);
    const sql = trendTotalsQuery(db.model, DEFAULT_STATE, undefined, 'month', 'seizures');
    // Run the same query over the synthetic series by swapping its source table.
    const onSeries = {
      sql: sql.sql.replace(
        'count(*)::DOUBLE AS v FROM seizures s WHERE TRUE',
        "sum(n)::DOUBLE AS v FROM (SELECT d AS seizure_date, n, 'day' AS date_precision FROM series) s WHERE TRUE",
      ),
      params: sql.params,
    };
    expect(onSeries.sql).not.toBe(sql.sql);
    const rows = await db.rows<TrendPoint>(onSeries);
    expect(rows.filter((r) => r.surge).map((r) => r.period)).toEqual(['2020-07-01']);
    expect(rows.find((r) => r.period === '2020-07-01')!.baseline).toBe(10);
    // The same jump on a baseline under SURGE_RULE.minBaseline is not a surge.
    await db.rows('UPDATE series SET n = n / 5');
    const small = await db.rows<TrendPoint>(onSeries);
    expect(SURGE_RULE.minBaseline).toBeGreaterThan(2);
    expect(small.some((r) => r.surge)).toBe(false);
  });
});

describe('Sankey', () => {
  it('stages origin → first transit → destination, weighted by firearms', async () => {
    const rows = await db.rows<StageLinkRow>(routeStagesQuery(db.model, DEFAULT_STATE, undefined));
    const links = rows
      .map((r) => `${r.fromStage}:${r.fromCode}>${r.toStage}:${r.toCode}=${r.value}`)
      .sort();
    expect(links).toEqual([
      'origin:MEX>destination:MEX=4',
      'origin:USA>destination:MEX=5',
      'origin:USA>transit:MEX=5',
      'origin:VEN>destination:COL=7',
      'transit:MEX>destination:GTM=3',
      'transit:MEX>destination:HND=2',
    ]);
  });

  it('gives each stage its own nodes, groups small ones, and never keeps a cycle', () => {
    const rows: StageLinkRow[] = [
      { fromStage: 'origin', fromCode: 'A', toStage: 'transit', toCode: 'B', value: 50 },
      { fromStage: 'transit', fromCode: 'B', toStage: 'destination', toCode: 'A', value: 50 },
      { fromStage: 'origin', fromCode: 'C', toStage: 'destination', toCode: 'D', value: 1 },
      // A malformed input with a cycle inside one stage, and junk values.
      { fromStage: 'transit', fromCode: 'X', toStage: 'transit', toCode: 'Y', value: 20 },
      { fromStage: 'transit', fromCode: 'Y', toStage: 'transit', toCode: 'X', value: 10 },
      {
        fromStage: 'origin',
        fromCode: 'E',
        toStage: 'destination',
        toCode: 'F',
        value: Number.NaN,
      },
    ];
    const s = buildSankey(rows, 0.05, (stage, code) => `${code}·${stage}`);
    const names = s.nodes.map((n) => n.name);
    expect(names).toContain('A·origin');
    expect(names).toContain('A·destination'); // same country, another stage, another node
    expect(names).toContain(`${OTHER}·origin`); // C (1 of 51) grouped
    expect(s.grouped).toBeGreaterThanOrEqual(2);
    expect(s.droppedForCycles).toBe(1);
    for (const l of s.links) {
      expect(Number.isFinite(l.value)).toBe(true);
      expect(l.source).not.toBe(l.target);
    }
    // No cycle remains: a topological order exists.
    const indegree = new Map<number, number>();
    s.links.forEach((l) => indegree.set(l.target, (indegree.get(l.target) ?? 0) + 1));
    const queue = s.nodes.map((_, i) => i).filter((i) => !indegree.get(i));
    let seen = 0;
    while (queue.length) {
      const n = queue.shift()!;
      seen++;
      for (const l of s.links.filter((x) => x.source === n)) {
        indegree.set(l.target, indegree.get(l.target)! - 1);
        if (indegree.get(l.target) === 0) queue.push(l.target);
      }
    }
    expect(seen).toBe(s.nodes.length);
  });

  it('routes origin → destination flows through a "direct" node in the transit column', () => {
    const rows = [
      { fromStage: 'origin', fromCode: 'USA', toStage: 'transit', toCode: 'MEX', value: 10 },
      { fromStage: 'transit', fromCode: 'MEX', toStage: 'destination', toCode: 'GTM', value: 10 },
      { fromStage: 'origin', fromCode: 'USA', toStage: 'destination', toCode: 'JAM', value: 6 },
      { fromStage: 'origin', fromCode: 'BRA', toStage: 'destination', toCode: 'PRY', value: 4 },
    ];
    const s = buildSankey(rows, 0, (stage, code) => `${code}·${stage}`, [
      'origin',
      'transit',
      'destination',
    ]);
    const node = (stage: string, code: string) =>
      s.nodes.findIndex((n) => n.stage === stage && n.code === code);
    const direct = node('transit', DIRECT);
    expect(direct).toBeGreaterThanOrEqual(0);
    expect(s.nodes[direct]!.value).toBe(10);
    // Every link joins consecutive columns: none skips the transit column.
    const order = ['origin', 'transit', 'destination'];
    for (const l of s.links)
      expect(
        order.indexOf(s.nodes[l.target]!.stage) - order.indexOf(s.nodes[l.source]!.stage),
      ).toBe(1);
    const link = (a: number, b: number) =>
      s.links.find((l) => l.source === a && l.target === b)?.value;
    expect(link(node('origin', 'USA'), direct)).toBe(6);
    expect(link(direct, node('destination', 'PRY'))).toBe(4);
    // Without the stage order, links are kept as they are.
    expect(buildSankey(rows, 0, (_stage, c) => c).nodes.some((n) => n.code === DIRECT)).toBe(false);
  });
});

describe('traces and operations', () => {
  beforeAll(async () => {
    await db.rows(`INSERT INTO traces VALUES
      (1, 1, 1, 'GTM', 'USA', DATE '2020-01-20', DATE '2020-01-30', 'traced', NULL, 'domestic_retail', 400),
      (2, 2, 1, 'GTM', 'USA', DATE '2020-01-20', DATE '2020-02-09', 'traced', NULL, 'unknown', NULL),
      (3, 4, 2, 'MEX', 'USA', DATE '2020-02-10', DATE '2020-03-11', 'not_traceable', NULL, NULL, NULL),
      (4, 5, 2, 'MEX', 'USA', DATE '2020-02-10', NULL, 'pending', NULL, NULL, NULL)`);
    await db.rows('UPDATE firearms SET trace_id = firearm_id WHERE firearm_id IN (1, 2, 4, 5)');
  });

  it('computes response-time medians and 90th percentiles of answered requests', async () => {
    const rows = await db.rows<ResponseRow>(responseTimesQuery(db.model, DEFAULT_STATE, undefined));
    const all = rows.find((r) => r.year === 'all')!;
    expect(all.answered).toBe(3);
    expect(all.median).toBe(20); // 10, 20, 30 days
    expect(all.p90).toBeCloseTo(28, 5);
  });

  it('joins firearms into trace queries only when a filter tests them, and then filters', async () => {
    const { outcomesQuery } = await import('../../src/sql/traces');
    const { EMPTY_FILTERS } = await import('../../src/model/viewState');
    expect(outcomesQuery(db.model, DEFAULT_STATE, undefined).sql).not.toContain('JOIN firearms');
    const pistols = { ...DEFAULT_STATE, filters: { ...EMPTY_FILTERS, firearmType: ['pistol'] } };
    const rifles = { ...DEFAULT_STATE, filters: { ...EMPTY_FILTERS, firearmType: ['rifle'] } };
    const count = async (s: typeof DEFAULT_STATE) =>
      (await db.rows<{ n: number }>(outcomesQuery(db.model, s, undefined))).reduce(
        (a, r) => a + r.n,
        0,
      );
    expect(await count(pistols)).toBe(4);
    expect(await count(rifles)).toBe(0);
  });

  it('computes the share of firearms whose origin was established', async () => {
    const rows = await db.rows<SdgRow>(
      sdgShareQuery(db.model, DEFAULT_STATE, undefined, 'year', 'en'),
    );
    const y2020 = rows.find((r) => r.key === '2020')!;
    // 2020 firearms: seizures 1 (3), 2 (5), 6 (7) = 15; established: firearm 1 only.
    expect(y2020).toMatchObject({ firearms: 15, established: 1 });
    expect(y2020.share).toBeCloseTo(1 / 15, 10);
  });

  it('splits an operation window into before, during and after', async () => {
    await db.rows(
      "INSERT INTO operations VALUES (9, 'Test op', true, DATE '2020-01-15', DATE '2020-01-21', 'r', ['COL', 'GTM'], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '', [], 's')",
    );
    const rows = await db.rows<OperationWeekRow>(
      operationWindowsQuery(db.model, DEFAULT_STATE, undefined),
    );
    const op = rows.filter((r) => r.op === 9);
    // Seizure 1 (GTM, 10 Jan, 3 firearms) is before; seizure 6 (COL, 20 Jan, 7) during.
    expect(op.map((r) => [r.phase, r.firearms])).toEqual([
      ['before', 3],
      ['during', 7],
    ]);
    const rates = phaseRates(op, { start: '2020-01-15', end: '2020-01-21' });
    expect(rates.during).toBe(1);
    expect(rates.before).toBeCloseTo(3 / 56, 10);
  });
});
