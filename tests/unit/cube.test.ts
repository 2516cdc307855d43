/**
 * The route-month cube gives exactly the answers of the tables it summarises. For random filter
 * states the cube can answer (countries, regions, routes, legs, whole-month dates), every query
 * that may read the cube is run twice on real DuckDB (WASM) over the fixture — once on the cube,
 * once on `seizures` — and the rows must be identical. States it cannot answer (weeks, days in a
 * month, firearm filters) must not read it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUBE_TABLE, cubeAnswers, setCubeAvailable } from '../../src/sql/cube';
import { headlineQuery } from '../../src/sql/headline';
import {
  comparisonPeriods,
  monthlySeriesQuery,
  periodCompareQuery,
  sparklineQuery,
  topCountriesQuery,
  topRoutesQuery,
} from '../../src/sql/overview';
import { flowsQuery, mapCountriesQuery, periodsQuery } from '../../src/sql/routes';
import { routeStagesQuery } from '../../src/sql/sankey';
import { latestSurgesQuery, trendSplitQuery, trendTotalsQuery } from '../../src/sql/trends';
import type { SqlQuery } from '../../src/sql/types';
import type { FilterState } from '../../src/sql/where';
import { EMPTY_FILTERS, type CrossFilter } from '../../src/state/viewState';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
let countries: string[] = [];
let routes: [string, string][] = [];
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
  countries = (
    await db.rows<{ c: string }>('SELECT DISTINCT country_iso3 AS c FROM seizures ORDER BY 1')
  ).map((r) => r.c);
  routes = (
    await db.rows<{ o: string; d: string }>(
      `SELECT origin_iso3 AS o, destination_iso3 AS d FROM seizures
       WHERE origin_iso3 IS NOT NULL AND destination_iso3 IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 12`,
    )
  ).map((r) => [r.o, r.d]);
});
afterAll(() => {
  setCubeAvailable(true);
  db.close();
});

const SPAN = { from: '2015-01-01', to: '2025-12-31' };
const monthStart = fc
  .record({ y: fc.integer({ min: 2015, max: 2025 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}-01`);
const monthEnd = (start: string, months: number) => {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 0)).toISOString().slice(0, 10);
};
const alignedRange = fc
  .tuple(monthStart, fc.integer({ min: 1, max: 48 }))
  .map(([from, n]) => ({ from, to: monthEnd(from, n) }));

/** Random states the cube answers. Values are picked from the fixture's own data. */
const cubeState = () =>
  fc
    .record({
      time: fc.option(alignedRange, { nil: undefined }),
      country: fc.subarray(countries, { maxLength: 3 }),
      origin: fc.subarray(countries.concat(['USA', 'TUR']), { maxLength: 2 }),
      transit: fc.subarray(['MEX', 'GTM', 'PAN', 'CIV', 'TGO'], { maxLength: 2 }),
      region: fc.subarray(['central_america_mexico', 'west_africa', 'caribbean'], {
        maxLength: 2,
      }),
      route: fc.option(fc.constantFrom(...routes), { nil: undefined }),
      leg: fc.option(fc.constantFrom(...routes), { nil: undefined }),
      brush: fc.option(alignedRange, { nil: undefined }),
      point: fc.subarray(countries, { maxLength: 2 }),
    })
    .map((r): FilterState => {
      const cross: CrossFilter[] = [];
      if (r.route)
        cross.push({
          source: 'overview.routes',
          kind: 'route',
          origin: r.route[0],
          destination: r.route[1],
        });
      if (r.leg)
        cross.push({ source: 'map.routes', kind: 'leg', origin: r.leg[0], destination: r.leg[1] });
      if (r.brush) cross.push({ source: 'overview.monthly', kind: 'interval', ...r.brush });
      if (r.point.length)
        cross.push({
          source: 'overview.countries',
          kind: 'point',
          field: 'country',
          values: r.point,
        });
      return {
        time: r.time ?? { from: null, to: null },
        filters: {
          ...EMPTY_FILTERS,
          country: r.country,
          origin: r.origin,
          transit: r.transit,
          region: r.region,
        },
        crossFilters: cross,
      };
    });

/** Every query that may read the cube, for one state. */
function queriesFor(s: FilterState): Record<string, SqlQuery> {
  const periods = comparisonPeriods(s.time, SPAN);
  const window = { from: '2020-01-01', to: '2020-04-01' };
  return {
    headline: headlineQuery(s),
    monthly: monthlySeriesQuery(s, 'overview.monthly'),
    routes: topRoutesQuery(s, 8, 'en', 'overview.routes'),
    countries: topCountriesQuery(s, 8, 'en', 'overview.countries'),
    compare: periodCompareQuery(s, periods.current, periods.previous, 'overview.keys'),
    spark: sparklineQuery(s, periods.current, 'overview.keys'),
    trendMonth: trendTotalsQuery(s, 'trends.series', 'month', 'seizures'),
    trendQuarter: trendTotalsQuery(s, 'trends.series', 'quarter', 'firearms'),
    trendYear: trendTotalsQuery(s, 'trends.series', 'year', 'arrests'),
    splitRegion: trendSplitQuery(s, 'trends.series', 'month', 'rounds', 'region', 6, 'en'),
    splitCountry: trendSplitQuery(s, 'trends.series', 'quarter', 'seizures', 'country', 4, 'en'),
    surges: latestSurgesQuery(s, 'overview.surges', 10, 'en'),
    legs: flowsQuery(s, 'map.routes', {
      mode: 'legs',
      weight: 'firearms',
      top: 10,
      lang: 'en',
      window: null,
    }),
    routesWindow: flowsQuery(s, 'map.routes', {
      mode: 'routes',
      weight: 'seizures',
      top: 5,
      lang: 'en',
      window,
    }),
    mapCountries: mapCountriesQuery(s, 'map.routes', 'en', window),
    periods: periodsQuery(s, 'map.routes', 'quarter'),
    sankey: routeStagesQuery(s, 'flows.sankey'),
  };
}

async function runBoth(s: FilterState) {
  setCubeAvailable(true);
  const onCube = queriesFor(s);
  setCubeAvailable(false);
  const onTables = queriesFor(s);
  for (const [name, q] of Object.entries(onCube)) {
    expect(q.sql, `${name} should read the cube`).toContain(CUBE_TABLE);
    expect(onTables[name]!.sql).not.toContain(CUBE_TABLE);
    const [a, b] = [await db.rows(q), await db.rows(onTables[name]!)];
    // The Sankey's links are ordered by value only; compare them as sets.
    const norm = (rows: unknown[]) =>
      name === 'sankey' ? rows.map((r) => JSON.stringify(r)).sort() : rows;
    expect(norm(a), `${name} on ${JSON.stringify(s)}`).toEqual(norm(b));
  }
}

describe('route-month cube', () => {
  it('answers exactly as the tables, for random states it can answer', async () => {
    // The whole dataset first, then random states (async property, few runs: ~17 queries each).
    await runBoth({ time: { from: null, to: null }, filters: EMPTY_FILTERS, crossFilters: [] });
    await fc.assert(fc.asyncProperty(cubeState(), runBoth), { numRuns: 25, seed: 42 });
  });

  it('is not used when it cannot answer exactly', () => {
    const base: FilterState = {
      time: { from: null, to: null },
      filters: EMPTY_FILTERS,
      crossFilters: [],
    };
    expect(cubeAnswers(base, undefined)).toBe(true);
    expect(cubeAnswers(base, undefined, { granularity: 'week' })).toBe(false);
    expect(cubeAnswers({ ...base, time: { from: '2020-01-02', to: null } }, undefined)).toBe(false);
    expect(cubeAnswers({ ...base, time: { from: null, to: '2020-02-28' } }, undefined)).toBe(false);
    expect(cubeAnswers({ ...base, time: { from: null, to: '2020-02-29' } }, undefined)).toBe(true);
    expect(
      cubeAnswers({ ...base, filters: { ...EMPTY_FILTERS, firearmType: ['pistol'] } }, undefined),
    ).toBe(false);
    expect(
      cubeAnswers({ ...base, filters: { ...EMPTY_FILTERS, agency: ['customs'] } }, undefined),
    ).toBe(false);
    const brush: CrossFilter = {
      source: 'trends.series',
      kind: 'interval',
      from: '2020-01-06',
      to: '2020-03-01',
    };
    const brushed = { ...base, crossFilters: [brush] };
    expect(cubeAnswers(brushed, undefined)).toBe(false);
    // A view's own cross-filter is left out of its query, so it does not matter.
    expect(cubeAnswers(brushed, 'trends.series')).toBe(true);
    expect(cubeAnswers(base, undefined, { starts: ['2020-03-15'] })).toBe(false);
    setCubeAvailable(true);
    expect(
      headlineQuery({ ...base, filters: { ...EMPTY_FILTERS, agency: ['customs'] } }).sql,
    ).not.toContain(CUBE_TABLE);
  });
});
