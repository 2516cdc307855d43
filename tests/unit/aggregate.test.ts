/**
 * An aggregate-only dataset (rows that each stand for many seizures or firearms; monthly and
 * yearly rows; admin-1 places; no traces, no operations) through the app's own SQL on real
 * DuckDB: every figure is a sum of weights and equals the rows' totals computed here by hand; the
 * cubes the app builds in memory answer exactly as the tables, for random states; the catalogue
 * travels in the manifest and says what the dataset lacks.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateRows } from '../../datasets/lib/aggregate';
import { CatalogueSchema, missingInput, weightsOf } from '../../src/model/catalogue';
import { ManifestSchema, catalogueOf } from '../../src/db/manifest';
import { buildCubeQueries, CUBE_NAMES } from '../../src/sql/cube';
import { facetQuery, type FacetRow } from '../../src/sql/facets';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import type { SqlModel } from '../../src/sql/model';
import {
  monthlySeriesQuery,
  periodCompareQuery,
  type PeriodTotalsRow,
  topCountriesQuery,
  topRoutesQuery,
  type CountryRow,
  type RouteRow,
} from '../../src/sql/overview';
import {
  flowsQuery,
  mapCountriesQuery,
  type FlowRow,
  type MapCountryRow,
} from '../../src/sql/routes';
import { routeStagesQuery, type StageLinkRow } from '../../src/sql/sankey';
import { trendSplitQuery, trendTotalsQuery } from '../../src/sql/trends';
import type { FilterState } from '../../src/sql/where';
import { needsDomainCheck, restrictToDomain } from '../../src/model/dataDomain';
import { DEFAULT_STATE, EMPTY_FILTERS } from '../../src/model/viewState';
import { AGGREGATE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

const manifest = ManifestSchema.parse(
  JSON.parse(readFileSync(`${AGGREGATE_DIR}/manifest.json`, 'utf8')),
);
const catalogue = catalogueOf(manifest);
const TABLES: SqlModel = { cubes: null, weights: weightsOf(catalogue) };
const CUBES: SqlModel = { ...TABLES, cubes: 'memory.main' };
const rows = aggregateRows();
const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
const firearmsOf = (r: (typeof rows)[number]) =>
  r.firearms.pistol + r.firearms.rifle + r.firearms.shotgun;

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb(AGGREGATE_DIR);
  for (const q of buildCubeQueries('memory.main', TABLES)) await db.rows(q);
});
afterAll(() => db.close());

const all: FilterState = {
  time: { from: null, to: null },
  filters: EMPTY_FILTERS,
  crossFilters: [],
};

describe('an aggregate-only dataset', () => {
  it('carries a validated catalogue that says what it has and lacks', () => {
    expect(manifest.cubes).toBeUndefined();
    expect(CatalogueSchema.parse(manifest.catalogue)).toEqual(catalogue);
    expect(catalogue.fields).toEqual(['country', 'region', 'origin', 'destination', 'firearmType']);
    expect(missingInput(catalogue, 'traces')).toBe('traces');
    expect(missingInput(catalogue, 'operations')).toBe('operations');
    expect(missingInput(catalogue, 'records')).toBe('records');
    expect(missingInput(catalogue, 'flows')).toBeNull();
    expect(missingInput(catalogue, 'overview')).toBeNull();
    expect(CatalogueSchema.safeParse({ ...catalogue, fields: ['country', 'nope'] }).success).toBe(
      false,
    );
    expect(CatalogueSchema.safeParse({ ...catalogue, labels: { nope: 'x' } }).success).toBe(false);
    const badWeight = { ...catalogue.grains, seizure: { weight: 'x; DROP TABLE seizures' } };
    expect(CatalogueSchema.safeParse({ ...catalogue, grains: badWeight }).success).toBe(false);
    expect(catalogue.labels?.country).toBe('Reporting place');
    // Its vocabulary: a value outside the product's is refused; a link naming a type the dataset
    // does not use is told so (dropped with a notice), with what it does use kept.
    expect(catalogue.vocabulary?.firearmType).toEqual(['pistol', 'rifle', 'shotgun']);
    const badVocab = { ...catalogue, vocabulary: { firearmType: ['pistol', 'ray_gun'] } };
    expect(CatalogueSchema.safeParse(badVocab).success).toBe(false);
    const linked = {
      ...DEFAULT_STATE,
      dataset: 'aggregate',
      filters: { ...EMPTY_FILTERS, firearmType: ['pistol', 'machine_gun'], agency: ['customs'] },
    };
    expect(needsDomainCheck(linked, catalogue)).toBe(true);
    const empty = {
      iso3: new Set<string>(),
      operation: new Set<string>(),
      make: new Set<string>(),
      calibre: new Set<string>(),
    };
    const checked = restrictToDomain(linked, empty, catalogue);
    expect(checked.state.filters.firearmType).toEqual(['pistol']);
    expect(checked.state.filters.agency).toEqual([]);
    expect(checked.dropped).toEqual(['ft=machine_gun', 'ag=customs']);
  });

  it('sums weights: seizures and firearms equal the rows they stand for', async () => {
    for (const model of [TABLES, CUBES]) {
      const [h] = await db.rows<HeadlineRow>(headlineQuery(model, all));
      expect(h!.seizures).toBe(sum((r) => r.seizures));
      expect(h!.firearms).toBe(sum(firearmsOf));
      expect(h!.traces).toBe(0);
      const countries = await db.rows<CountryRow>(topCountriesQuery(model, all, 10, 'en'));
      expect(countries.find((c) => c.iso3 === 'NGA')?.firearms).toBe(
        sum((r) => (r.country === 'NGA' ? firearmsOf(r) : 0)),
      );
      const [route] = await db.rows<RouteRow>(topRoutesQuery(model, all, 1, 'en'));
      expect([route!.origin, route!.destination, route!.seizures]).toEqual([
        'USA',
        'MEX',
        sum((r) => (r.origin === 'USA' && r.destination === 'MEX' ? r.seizures : 0)),
      ]);
    }
    // Under a type filter: the firearms of that type only, and the seizures holding one.
    const pistols = { ...all, filters: { ...EMPTY_FILTERS, firearmType: ['pistol'] } };
    const [h] = await db.rows<HeadlineRow>(headlineQuery(TABLES, pistols));
    expect(h!.firearms).toBe(sum((r) => r.firearms.pistol));
    const shotguns = { ...all, filters: { ...EMPTY_FILTERS, firearmType: ['shotgun'] } };
    const [hs] = await db.rows<HeadlineRow>(headlineQuery(TABLES, shotguns));
    expect(hs!.seizures).toBe(sum((r) => (r.firearms.shotgun > 0 ? r.seizures : 0)));
    // Facets count weights too.
    const types = await db.rows<FacetRow>(facetQuery(TABLES, all, 'firearmType', 'en'));
    expect(types.find((t) => t.value === 'rifle')?.count).toBe(sum((r) => r.firearms.rifle));
    const map = await db.rows<MapCountryRow>(mapCountriesQuery(TABLES, all, 'map', 'en', null));
    expect(map.reduce((a, r) => a + r.firearms, 0)).toBe(sum(firearmsOf));
  });

  it('draws sub-national flows between the right points, and rolls them up to countries exactly', async () => {
    const gazetteer = new Map(
      (
        await db.rows<{ code: string; lon: number; lat: number }>(
          'SELECT code, lon, lat FROM subdivisions',
        )
      ).map((g) => [g.code, g]),
    );
    const options = {
      mode: 'routes' as const,
      weight: 'firearms' as const,
      top: 50,
      lang: 'en',
      window: null,
    };
    const subFlows = await db.rows<FlowRow>(
      flowsQuery(TABLES, all, 'map', { ...options, level: 'admin1' }),
    );
    const drawn = subFlows.filter((f) => f.drawn === 1);
    const key = (f: FlowRow) => `${f.src}>${f.dst}`;
    // Every US source state → Mexican state pair of the rows, and Georgia → New York in one country.
    const expected = new Map<string, number>();
    for (const r of rows) {
      if (!r.originAdmin1 || !r.destinationAdmin1) continue;
      const k = `${r.originAdmin1}>${r.destinationAdmin1}`;
      expected.set(k, (expected.get(k) ?? 0) + firearmsOf(r));
    }
    expect(new Map(drawn.map((f) => [key(f), f.firearms]))).toEqual(expected);
    expect(expected.has('US-GA>US-NY')).toBe(true);
    for (const f of drawn) {
      expect([f.srcLon, f.srcLat]).toEqual([gazetteer.get(f.src)!.lon, gazetteer.get(f.src)!.lat]);
      expect([f.dstLon, f.dstLat]).toEqual([gazetteer.get(f.dst)!.lon, gazetteer.get(f.dst)!.lat]);
    }
    expect(subFlows.find((f) => f.drawn === -1)?.seizures ?? 0).toBe(0); // every end placed
    // Rolled up: one USA → MEX flow with the sum of its states' flows; USA → USA is domestic.
    for (const model of [TABLES, CUBES]) {
      const countryFlows = (await db.rows<FlowRow>(flowsQuery(model, all, 'map', options))).filter(
        (f) => f.drawn === 1,
      );
      expect(countryFlows.map(key)).toEqual(['USA>MEX']);
      expect(countryFlows[0]!.firearms).toBe(
        drawn.filter((f) => f.dst.startsWith('MX-')).reduce((a, f) => a + f.firearms, 0),
      );
    }
    // The Sankey at subdivision level has the same state pairs (no transit in these rows).
    const links = await db.rows<StageLinkRow>(routeStagesQuery(TABLES, all, undefined, 'admin1'));
    expect(new Map(links.map((l) => [`${l.fromCode}>${l.toCode}`, l.value]))).toEqual(expected);
    // A selected state-level flow filters the seizures of that pair only.
    const selected: FilterState = {
      ...all,
      crossFilters: [
        { source: 'map.routes', kind: 'route', origin: 'US-GA', destination: 'US-NY' },
      ],
    };
    const [h] = await db.rows<HeadlineRow>(headlineQuery(CUBES, selected));
    expect(h!.firearms).toBe(expected.get('US-GA>US-NY'));
    // A filter on a subdivision reads the tables and selects its rows.
    const chihuahua = { ...all, filters: { ...EMPTY_FILTERS, country: ['MX-CHH'] } };
    const [hc] = await db.rows<HeadlineRow>(headlineQuery(CUBES, chihuahua));
    expect(hc!.seizures).toBe(sum((r) => (r.admin1 === 'MX-CHH' ? r.seizures : 0)));
  });

  it('counts a record in a period only when its whole period is in it', async () => {
    const current = { from: '2021-07-01', to: '2022-06-30' };
    const previous = { from: '2020-07-01', to: '2021-06-30' };
    const within = (r: (typeof rows)[number], p: { from: string; to: string }) => {
      const end = new Date(`${r.date}T00:00:00Z`);
      if (r.precision === 'year') end.setUTCFullYear(end.getUTCFullYear() + 1);
      else end.setUTCMonth(end.getUTCMonth() + 1);
      end.setUTCDate(end.getUTCDate() - 1);
      return r.date >= p.from && end.toISOString().slice(0, 10) <= p.to;
    };
    for (const model of [TABLES, CUBES]) {
      const out = await db.rows<PeriodTotalsRow>(periodCompareQuery(model, all, current, previous));
      const by = new Map(out.map((r) => [r.period, r.seizures]));
      expect(by.get('current')).toBe(sum((r) => (within(r, current) ? r.seizures : 0)));
      expect(by.get('previous')).toBe(sum((r) => (within(r, previous) ? r.seizures : 0)));
    }
    // The yearly rows of 2021 and 2022 straddle the two periods: in neither.
    expect(rows.some((r) => r.precision === 'year' && r.date === '2021-01-01')).toBe(true);
    // A range of whole years holds them.
    const y2021 = { ...all, time: { from: '2021-01-01', to: '2021-12-31' } };
    const [h] = await db.rows<HeadlineRow>(headlineQuery(CUBES, y2021));
    expect(h!.seizures).toBe(sum((r) => (r.date.startsWith('2021') ? r.seizures : 0)));
    const h1 = { ...all, time: { from: '2021-01-01', to: '2021-06-30' } };
    const [hh] = await db.rows<HeadlineRow>(headlineQuery(TABLES, h1));
    expect(hh!.seizures).toBe(
      sum((r) =>
        r.precision === 'month' && r.date >= '2021-01-01' && r.date <= '2021-06-01'
          ? r.seizures
          : 0,
      ),
    );
  });

  it('builds cubes that answer exactly as the tables, for random states', async () => {
    const state = fc.record({
      country: fc.subarray(['MEX', 'COL', 'GTM', 'NGA'], { maxLength: 2 }),
      types: fc.subarray(['pistol', 'rifle', 'shotgun'], { maxLength: 2 }),
      year: fc.option(fc.integer({ min: 2019, max: 2023 }), { nil: null }),
    });
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(state, async (r) => {
        const s: FilterState = {
          time: r.year
            ? { from: `${r.year}-01-01`, to: `${r.year}-12-31` }
            : { from: null, to: null },
          filters: { ...EMPTY_FILTERS, country: r.country, firearmType: r.types },
          crossFilters: [],
        };
        const queries = (m: SqlModel) => ({
          headline: headlineQuery(m, s),
          monthly: monthlySeriesQuery(m, s),
          routes: topRoutesQuery(m, s, 5, 'en'),
          trend: trendTotalsQuery(m, s, undefined, 'year', 'firearms'),
          split: trendSplitQuery(m, s, undefined, 'year', 'seizures', 'country', 3, 'en'),
          flows: flowsQuery(m, s, 'map', {
            mode: 'legs',
            weight: 'firearms',
            top: 5,
            lang: 'en',
            window: null,
          }),
          sankey: routeStagesQuery(m, s, undefined),
        });
        const onCubes = queries(CUBES);
        const onTables = queries(TABLES);
        for (const [name, q] of Object.entries(onCubes)) {
          expect(q.sql, name).toMatch(
            new RegExp(`memory\\.main\\.(${Object.values(CUBE_NAMES).join('|')})`),
          );
          const [a, b] = [await db.rows(q), await db.rows(onTables[name as keyof typeof onTables])];
          if (name === 'headline' && (a[0] as unknown as HeadlineRow).seizures > 0) nonEmpty++;
          expect(a, `${name} on ${JSON.stringify(s)}`).toEqual(b);
        }
      }),
      { numRuns: 25, seed: 11 },
    );
    expect(nonEmpty).toBeGreaterThanOrEqual(12);
  });
});
