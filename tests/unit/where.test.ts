/**
 * Filters and cross-filters become WHERE clauses with bound parameters. Checked on real DuckDB
 * (WASM) against the fixture: each field selects the same rows as a hand-written query, hostile
 * values are harmless, a view's own cross-filter is left out, and firearm filters count firearms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facetQuery, type FacetRow } from '../../src/sql/facets';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import {
  monthlySeriesQuery,
  topCountriesQuery,
  topRoutesQuery,
  type CountryRow,
  type MonthlyRow,
  type RouteRow,
} from '../../src/sql/overview';
import { mapCountriesQuery, type MapCountryRow } from '../../src/sql/routes';
import { routeStagesQuery, type StageLinkRow } from '../../src/sql/sankey';
import { trendTotalsQuery } from '../../src/sql/trends';
import { whereClause, type FilterState } from '../../src/sql/where';
import { FIELD_IDS, type FieldId } from '../../src/model/fields';
import { DEFAULT_STATE, EMPTY_FILTERS, type CrossFilter } from '../../src/model/viewState';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
});
afterAll(() => db.close());

const state = (
  filters: Partial<typeof EMPTY_FILTERS> = {},
  crossFilters: CrossFilter[] = [],
  time = DEFAULT_STATE.time,
): FilterState => ({
  time,
  filters: { ...EMPTY_FILTERS, ...filters },
  crossFilters,
});

const countSeizures = async (s: FilterState, exclude?: string) => {
  const w = whereClause(s, { grain: 'seizure', exclude });
  const [row] = await db.rows<{ n: number }>({
    sql: `SELECT count(*)::BIGINT AS n FROM seizures s WHERE ${w.sql}`,
    params: w.params,
  });
  return row!.n;
};
const scalar = async (sql: string) => Number(Object.values((await db.rows(sql))[0]!)[0]);

describe('whereClause', () => {
  it('is TRUE with nothing to filter', () => {
    expect(whereClause(state(), { grain: 'seizure' })).toEqual({ sql: 'TRUE', params: [] });
  });

  it('selects the same seizures as hand-written SQL, field by field', async () => {
    const cases: [Partial<typeof EMPTY_FILTERS>, string][] = [
      [{ country: ['MEX', 'GTM'] }, "country_iso3 IN ('MEX', 'GTM')"],
      [
        { region: ['caribbean'] },
        "country_iso3 IN (SELECT iso3 FROM places WHERE atlas_region = 'caribbean')",
      ],
      [{ origin: ['USA'] }, "origin_iso3 = 'USA'"],
      [
        { transit: ['MEX', 'NER'] },
        "list_contains(transit_iso3, 'MEX') OR list_contains(transit_iso3, 'NER')",
      ],
      [{ destination: ['HTI'] }, "destination_iso3 = 'HTI'"],
      [
        { firearmType: ['shotgun'] },
        "seizure_id IN (SELECT seizure_id FROM firearms WHERE firearm_type = 'shotgun')",
      ],
      [
        { calibre: ['9×19mm'] },
        "seizure_id IN (SELECT seizure_id FROM firearms WHERE calibre = '9×19mm')",
      ],
      [
        { make: ['Glock', 'Taurus'] },
        "seizure_id IN (SELECT seizure_id FROM firearms WHERE make IN ('Glock', 'Taurus'))",
      ],
      [{ operation: ['3'] }, 'operation_id = 3'],
      [{ basis: ['found', 'surrendered'] }, "basis IN ('found', 'surrendered')"],
      [{ datePrecision: ['year'] }, "date_precision = 'year'"],
      [{ placePrecision: ['country'] }, "location_precision = 'country'"],
      [{ placeType: ['seaport'] }, "place_type = 'seaport'"],
      [{ agency: ['customs'] }, "agency = 'customs'"],
      [{ transport: ['postal_courier'] }, "transport_mode = 'postal_courier'"],
      [{ crime: ['terrorism', 'corruption'] }, 'crime_terrorism OR crime_corruption'],
      [
        { marking: ['obliterated'] },
        "seizure_id IN (SELECT seizure_id FROM firearms WHERE marking_status = 'obliterated')",
      ],
      [
        { condition: ['craft', 'converted'] },
        "seizure_id IN (SELECT seizure_id FROM firearms WHERE condition IN ('craft', 'converted'))",
      ],
      [{ concealment: ['parcel'] }, "concealment = 'parcel'"],
      [
        { traceOutcome: ['refused'] },
        "seizure_id IN (SELECT seizure_id FROM traces WHERE outcome = 'refused')",
      ],
      [
        { country: ['MEX'], firearmType: ['rifle'] },
        "country_iso3 = 'MEX' AND seizure_id IN (SELECT seizure_id FROM firearms WHERE firearm_type = 'rifle')",
      ],
    ];
    const tested = new Set<FieldId>();
    for (const [filters, sql] of cases) {
      const expected = await scalar(`SELECT count(*) FROM seizures WHERE ${sql}`);
      expect(expected, sql).toBeGreaterThan(0);
      expect(await countSeizures(state(filters)), sql).toBe(expected);
      Object.keys(filters).forEach((f) => tested.add(f as FieldId));
    }
    expect([...tested].sort()).toEqual([...FIELD_IDS].sort());
  });

  it('filters the time range inclusively', async () => {
    const n = await countSeizures(state({}, [], { from: '2020-01-01', to: '2020-12-31' }));
    expect(n).toBe(await scalar('SELECT count(*) FROM seizures WHERE year(seizure_date) = 2020'));
    expect(await countSeizures(state({}, [], { from: '2025-12-31', to: null }))).toBe(
      await scalar("SELECT count(*) FROM seizures WHERE seizure_date = DATE '2025-12-31'"),
    );
  });

  it('requires several firearm filters to hold for the same firearm', async () => {
    const n = await countSeizures(state({ firearmType: ['shotgun'], calibre: ['9×19mm'] }));
    expect(n).toBe(
      await scalar(
        "SELECT count(*) FROM seizures WHERE seizure_id IN (SELECT seizure_id FROM firearms WHERE firearm_type = 'shotgun' AND calibre = '9×19mm')",
      ),
    );
  });

  it('binds hostile values as data: no error, no injection, no rows', async () => {
    const hostile = [
      "'; DROP TABLE seizures; --",
      "O'Brien",
      'x" OR "1"="1',
      '-- comment',
      '/* */',
      'ünïcödé 漢字 🚩',
      'x'.repeat(80),
      "\\'",
    ];
    expect(await countSeizures(state({ make: hostile, calibre: hostile }))).toBe(0);
    expect(
      await countSeizures(
        state({ make: hostile.slice(0, 1) }, [
          { source: 'a', kind: 'point', field: 'calibre', values: hostile },
        ]),
      ),
    ).toBe(0);
    expect(await scalar('SELECT count(*) FROM seizures')).toBeGreaterThan(0); // still there
  });

  it('applies cross-filters, except the one owned by the asking view', async () => {
    const route: CrossFilter = {
      source: 'overview.routes',
      kind: 'route',
      origin: 'USA',
      destination: 'MEX',
    };
    const months: CrossFilter = {
      source: 'overview.monthly',
      kind: 'interval',
      from: '2019-01-01',
      to: '2019-12-31',
    };
    const s = state({}, [route, months]);
    const both = await scalar(
      "SELECT count(*) FROM seizures WHERE origin_iso3 = 'USA' AND destination_iso3 = 'MEX' AND year(seizure_date) = 2019",
    );
    expect(await countSeizures(s)).toBe(both);
    expect(await countSeizures(s, 'overview.routes')).toBe(
      await scalar('SELECT count(*) FROM seizures WHERE year(seizure_date) = 2019'),
    );
    expect(await countSeizures(s, 'overview.monthly')).toBe(
      await scalar(
        "SELECT count(*) FROM seizures WHERE origin_iso3 = 'USA' AND destination_iso3 = 'MEX'",
      ),
    );
    // A view excluding its own brush still sees the whole time axis.
    const monthly = await db.rows<MonthlyRow>(
      monthlySeriesQuery(db.model, { ...state(), crossFilters: [months] }, 'overview.monthly'),
    );
    expect(monthly.length).toBeGreaterThan(100);
    const countries = await db.rows<CountryRow>(
      topCountriesQuery(db.model, s, 50, 'en', 'overview.countries'),
    );
    expect(countries.map((c) => c.iso3)).toEqual(['MEX']);
  });
});

describe('measures under firearm filters', () => {
  it('counts only the matching firearms, and their seizures, rounds and traces', async () => {
    const [h] = await db.rows<HeadlineRow>(
      headlineQuery(db.model, state({ firearmType: ['pistol'] })),
    );
    expect(h!.firearms).toBe(
      await scalar("SELECT count(*) FROM firearms WHERE firearm_type = 'pistol'"),
    );
    expect(h!.seizures).toBe(
      await scalar("SELECT count(DISTINCT seizure_id) FROM firearms WHERE firearm_type = 'pistol'"),
    );
    expect(h!.traces).toBe(
      await scalar(
        "SELECT count(*) FROM traces t JOIN firearms f USING (firearm_id) WHERE f.firearm_type = 'pistol'",
      ),
    );
    // By year, every seizure is in the series (by month, those dated to the year are not).
    const yearly = await db.rows<{ value: number }>(
      trendTotalsQuery(db.model, state({ firearmType: ['pistol'] }), undefined, 'year', 'firearms'),
    );
    expect(yearly.reduce((a, r) => a + r.value, 0)).toBe(h!.firearms);
  });
});

describe('one rule for firearm filters in every view', () => {
  // Under a firearm filter every view counts the firearms that pass it (on the type cube for a
  // type, on the tables for a calibre), never every firearm of the seizures that hold one.
  const cases: [string, Partial<typeof EMPTY_FILTERS>, string][] = [
    ['type (type cube)', { firearmType: ['pistol'] }, "f.firearm_type = 'pistol'"],
    ['calibre (tables)', { calibre: ['9×19mm'] }, "f.calibre = '9×19mm'"],
  ];
  for (const [name, filters, test] of cases) {
    it(`counts the matching firearms: ${name}`, async () => {
      const s = state(filters);
      const matching = await scalar(`SELECT count(*) FROM firearms f WHERE ${test}`);
      expect(matching).toBeGreaterThan(100);
      const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, s));
      expect(h!.firearms).toBe(matching);
      const countries = await db.rows<CountryRow>(topCountriesQuery(db.model, s, 500, 'en'));
      expect(countries.reduce((a, r) => a + r.firearms, 0)).toBe(matching);
      const map = await db.rows<MapCountryRow>(mapCountriesQuery(db.model, s, 'map', 'en', null));
      expect(map.reduce((a, r) => a + r.firearms, 0)).toBe(matching);
      const [route] = await db.rows<RouteRow>(topRoutesQuery(db.model, s, 1, 'en'));
      expect(route!.firearms).toBe(
        await scalar(
          `SELECT count(*) FROM firearms f JOIN seizures s USING (seizure_id) WHERE ${test} AND s.origin_iso3 = '${route!.origin}' AND s.destination_iso3 = '${route!.destination}'`,
        ),
      );
      const links = await db.rows<StageLinkRow>(routeStagesQuery(db.model, s, undefined));
      expect(links.filter((l) => l.fromStage === 'origin').reduce((a, l) => a + l.value, 0)).toBe(
        await scalar(
          `SELECT count(*) FROM firearms f JOIN seizures s USING (seizure_id) WHERE ${test} AND s.origin_iso3 IS NOT NULL AND s.destination_iso3 IS NOT NULL`,
        ),
      );
    });
  }
});

describe('facets', () => {
  it('run for every field, list values with counts, and ignore their own filter', async () => {
    const base = state({ country: ['MEX'] });
    for (const f of FIELD_IDS) {
      const rows = await db.rows<FacetRow>(facetQuery(db.model, base, f, 'en'));
      expect(rows.length, f).toBeGreaterThan(0);
      for (const r of rows) expect(r.count, f).toBeGreaterThanOrEqual(0);
    }
    const countries = await db.rows<FacetRow>(facetQuery(db.model, base, 'country', 'en'));
    expect(countries.length).toBeGreaterThan(10); // its own filter is left out
    expect(countries.find((c) => c.value === 'MEX')?.label).toBe('Mexico');
    // Places at both levels: US source states beside the countries, counted and named.
    const origins = await db.rows<FacetRow>(facetQuery(db.model, base, 'origin', 'en'));
    const texas = origins.find((o) => o.value === 'US-TX');
    expect(texas?.label).toBe('Texas (United States)');
    expect(texas?.count).toBe(
      await scalar(
        "SELECT count(*) FROM seizures WHERE country_iso3 = 'MEX' AND origin_admin1 = 'US-TX'",
      ),
    );
    expect(texas!.count).toBeGreaterThan(0);
    // Choosing it filters the seizures of that source state.
    expect(await countSeizures(state({ origin: ['US-TX'], country: ['MEX'] }))).toBe(texas!.count);
    const types = await db.rows<FacetRow>(facetQuery(db.model, base, 'firearmType', 'en'));
    expect(types.reduce((a, r) => a + r.count, 0)).toBe(
      await scalar(
        "SELECT count(*) FROM firearms JOIN seizures USING (seizure_id) WHERE country_iso3 = 'MEX'",
      ),
    );
  });
});
