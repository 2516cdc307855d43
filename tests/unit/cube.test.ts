/**
 * The cubes give exactly the answers of the tables they summarise. For random filter states a
 * cube can answer (countries, regions, routes, legs, whole-month dates, firearm types), every
 * query that may read a cube is run twice on real DuckDB (WASM) over the fixture — once on the
 * cube the generator stored in the file, once on the tables — and the rows must be identical.
 * States they cannot answer (weeks, days in a month, other firearm fields, agencies) must not
 * read them. The cubes the app builds in memory for a dataset without them equal the stored ones.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUBE_NAMES, buildCubeQueries, cubeAnswers, cubeKind } from '../../src/sql/cube';
import { EVENTS_ON_TABLES, type SqlModel } from '../../src/sql/model';
import { FIREARM_TYPES } from '../../src/domain/vocabulary';
import { headlineQuery } from '../../src/sql/headline';
import {
  comparisonPeriods,
  monthlySeriesQuery,
  periodCompareQuery,
  sparklineQuery,
  topCountriesQuery,
  topRoutesQuery,
} from '../../src/sql/overview';
import {
  flowsQuery,
  mapCountriesQuery,
  mapCountriesTimelineQuery,
  periodsQuery,
} from '../../src/sql/routes';
import { routeStagesQuery } from '../../src/sql/sankey';
import { sdgShareQuery } from '../../src/sql/traces';
import { latestSurgesQuery, trendSplitQuery, trendTotalsQuery } from '../../src/sql/trends';
import type { SqlQuery } from '../../src/sql/types';
import type { FilterState } from '../../src/sql/where';
import { EMPTY_FILTERS, type CrossFilter } from '../../src/model/viewState';
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
afterAll(() => db.close());

const ON_CUBES: SqlModel = { ...EVENTS_ON_TABLES, cubes: 'atlas.main' };

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

/** Mostly nothing: each filter is off three times in four, so most states select some rows. */
const rarely = <T>(arb: fc.Arbitrary<T>, off: T) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(off) }, { weight: 1, arbitrary: arb });

/** Random states the cube answers. Values are picked from the fixture's own data. */
const cubeState = () =>
  fc
    .record({
      time: rarely(alignedRange, undefined),
      country: rarely(fc.subarray(countries, { minLength: 1, maxLength: 6 }), []),
      origin: rarely(fc.subarray(countries.concat(['USA', 'TUR']), { minLength: 1 }), []),
      transit: rarely(fc.subarray(['MEX', 'GTM', 'PAN', 'CIV', 'TGO'], { minLength: 1 }), []),
      region: rarely(
        fc.subarray(['central_america_mexico', 'west_africa', 'caribbean', 'south_america'], {
          minLength: 1,
        }),
        [],
      ),
      route: rarely(fc.constantFrom(...routes), undefined),
      leg: rarely(fc.constantFrom(...routes), undefined),
      brush: rarely(alignedRange, undefined),
      point: rarely(fc.subarray(countries, { minLength: 1, maxLength: 8 }), []),
      // Types are the point of the type cube: on in half the states.
      types: fc.oneof(fc.constant([]), fc.subarray([...FIREARM_TYPES], { minLength: 1 })),
      typeBar: rarely(fc.subarray([...FIREARM_TYPES], { minLength: 2 }), []),
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
      if (r.typeBar.length)
        cross.push({
          source: 'patterns.firearmType',
          kind: 'point',
          field: 'firearmType',
          values: r.typeBar,
        });
      return {
        time: r.time ?? { from: null, to: null },
        filters: {
          ...EMPTY_FILTERS,
          firearmType: r.types,
          country: r.country,
          origin: r.origin,
          transit: r.transit,
          region: r.region,
        },
        crossFilters: cross,
      };
    });

/** Every query that may read the cube, for one state. */
function queriesFor(m: SqlModel, s: FilterState): Record<string, SqlQuery> {
  const periods = comparisonPeriods(s.time, SPAN);
  const window = { from: '2020-01-01', to: '2020-04-01' };
  return {
    headline: headlineQuery(m, s),
    monthly: monthlySeriesQuery(m, s, 'overview.monthly'),
    routes: topRoutesQuery(m, s, 8, 'en', 'overview.routes'),
    countries: topCountriesQuery(m, s, 8, 'en', 'overview.countries'),
    compare: periodCompareQuery(m, s, periods.current, periods.previous, 'overview.keys'),
    spark: sparklineQuery(m, s, periods.current, 'overview.keys'),
    trendMonth: trendTotalsQuery(m, s, 'trends.series', 'month', 'seizures'),
    trendQuarter: trendTotalsQuery(m, s, 'trends.series', 'quarter', 'firearms'),
    trendYear: trendTotalsQuery(m, s, 'trends.series', 'year', 'arrests'),
    splitRegion: trendSplitQuery(m, s, 'trends.series', 'month', 'rounds', 'region', 6, 'en'),
    splitCountry: trendSplitQuery(m, s, 'trends.series', 'quarter', 'seizures', 'country', 4, 'en'),
    surges: latestSurgesQuery(m, s, 'overview.surges', 10, 'en'),
    legs: flowsQuery(m, s, 'map.routes', {
      mode: 'legs',
      weight: 'firearms',
      top: 10,
      lang: 'en',
      window: null,
    }),
    routesWindow: flowsQuery(m, s, 'map.routes', {
      mode: 'routes',
      weight: 'seizures',
      top: 5,
      lang: 'en',
      window,
    }),
    legsTimeline: flowsQuery(m, s, 'map.routes', {
      mode: 'legs',
      weight: 'firearms',
      top: 3,
      lang: 'en',
      window: null,
      timeline: 'quarter',
    }),
    mapCountries: mapCountriesQuery(m, s, 'map.routes', 'en', window),
    countriesTimeline: mapCountriesTimelineQuery(m, s, 'map.routes', 'month'),
    periods: periodsQuery(m, s, 'map.routes', 'quarter'),
    sankey: routeStagesQuery(m, s, 'flows.sankey'),
    sdgYear: sdgShareQuery(m, s, ['traces.outcomes'], 'year', 'en'),
    sdgCountry: sdgShareQuery(m, s, ['traces.outcomes'], 'country', 'en'),
  };
}

/** States whose headline selected at least one seizure (the property must not be vacuous). */
let nonEmpty = 0;

const readsCube = (sql: string) => /seizure(_type)?_cube/.test(sql);

async function runBoth(s: FilterState) {
  const onCube = queriesFor(ON_CUBES, s);
  const onTables = queriesFor(EVENTS_ON_TABLES, s);
  const typed =
    s.filters.firearmType.length > 0 ||
    s.crossFilters.some((c) => c.kind === 'point' && c.field === 'firearmType');
  for (const [name, q] of Object.entries(onCube)) {
    expect(q.sql, `${name} should read the cube`).toContain(
      `atlas.main.${typed ? CUBE_NAMES.type : CUBE_NAMES.route}`,
    );
    expect(readsCube(onTables[name]!.sql)).toBe(false);
    const [a, b] = [await db.rows(q), await db.rows(onTables[name]!)];
    if (name === 'headline' && (a[0] as { seizures: number }).seizures > 0) nonEmpty++;
    // The Sankey's links are ordered by value only; compare them as sets.
    const norm = (rows: unknown[]) =>
      name === 'sankey' ? rows.map((r) => JSON.stringify(r)).sort() : rows;
    expect(norm(a), `${name} on ${JSON.stringify(s)}`).toEqual(norm(b));
  }
}

describe('cubes', () => {
  it('answers exactly as the tables, for random states it can answer', async () => {
    // The whole dataset first, then random states (async property, few runs: ~19 queries each).
    await runBoth({ time: { from: null, to: null }, filters: EMPTY_FILTERS, crossFilters: [] });
    nonEmpty = 0;
    await fc.assert(fc.asyncProperty(cubeState(), runBoth), { numRuns: 40, seed: 42 });
    // (A type filter and a type brush that admit no common type select nothing: one firearm must
    // pass every firearm test.)
    expect(nonEmpty, 'states that select some seizures').toBeGreaterThanOrEqual(18);
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
      cubeKind({ ...base, filters: { ...EMPTY_FILTERS, firearmType: ['pistol'] } }, undefined),
    ).toBe('type');
    // Calibre is a firearm test the type cube cannot answer, alone or with a type.
    const calibre = { ...EMPTY_FILTERS, firearmType: ['pistol'], calibre: ['9mm'] };
    expect(cubeAnswers({ ...base, filters: calibre }, undefined)).toBe(false);
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
    expect(
      readsCube(
        headlineQuery(ON_CUBES, { ...base, filters: { ...EMPTY_FILTERS, agency: ['customs'] } })
          .sql,
      ),
    ).toBe(false);
  });

  it('built in memory (a dataset without stored cubes) equals what the generator stored', async () => {
    for (const q of buildCubeQueries('memory.main', EVENTS_ON_TABLES)) await db.rows(q);
    for (const name of Object.values(CUBE_NAMES)) {
      const order = 'ORDER BY ALL';
      const built = await db.rows(`SELECT * FROM memory.main.${name} ${order}`);
      const stored = await db.rows(`SELECT * FROM atlas.main.${name} ${order}`);
      expect(built.length).toBeGreaterThan(100);
      expect(built).toEqual(stored);
    }
    // Each type's firearms add up to the seizures' totals.
    const [sum] = await db.rows<{ a: number; b: number }>(
      `SELECT sum(firearms_count)::DOUBLE AS a, sum(${FIREARM_TYPES.map((t) => `f_${t}`).join(' + ')})::DOUBLE AS b FROM atlas.main.${CUBE_NAMES.type}`,
    );
    expect(sum!.a).toBe(sum!.b);
  });
});
