/** The URL codec: round trips of every valid state, short links, migration, and no exception. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_IDS, normaliseFieldValue, type FieldId } from '../../src/model/fields';
import { URL_VERSION, hashToState, stateToHash } from '../../src/model/urlCodec';
import {
  DEFAULT_STATE,
  EMPTY_FILTERS,
  GRANULARITIES,
  PLACE_LEVELS,
  LANGUAGES,
  MAP_SPEEDS,
  MAP_TOP_RANGE,
  THEMES,
  VIEWS,
  SAFE_K_RANGE,
  type CrossFilter,
  type Filters,
  type ViewState,
} from '../../src/model/viewState';
import { RECORD_COLUMNS } from '../../src/model/recordColumns';

const ISO3 = ['MEX', 'GTM', 'USA', 'BRA', 'NGA', 'HTI', 'COL', 'TUR', 'LBY', 'CIV'];

/** Values a field accepts (a sample for free-text fields, including awkward characters). */
function valueArb(field: FieldId): fc.Arbitrary<string> {
  const v = FIELDS[field].values;
  switch (v.kind) {
    case 'place':
      return fc.constantFrom(...ISO3, 'MX-CHH', 'US-AZ', 'BR-RJ');
    case 'vocabulary':
      return fc.constantFrom(...v.values);
    case 'integer':
      return fc.integer({ min: 1, max: 99999 }).map(String);
    case 'text':
      return fc
        .oneof(
          fc.constantFrom(
            '9×19mm',
            '.38 Special',
            '12 gauge/7.62×39mm',
            'Smith & Wesson',
            'a,b~c&d=e',
            'Côte 漢字 🚩',
          ),
          fc.string({ minLength: 1, maxLength: 20 }),
        )
        .filter((s) => normaliseFieldValue(field, s) === s);
  }
}

const dateArb = fc
  .date({
    min: new Date('2015-01-01T00:00:00Z'),
    max: new Date('2025-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

const filtersArb: fc.Arbitrary<Filters> = fc
  .record(
    Object.fromEntries(
      FIELD_IDS.map((f) => [f, fc.uniqueArray(valueArb(f), { maxLength: 4 })]),
    ) as Record<FieldId, fc.Arbitrary<string[]>>,
  )
  .map((r) => ({ ...EMPTY_FILTERS, ...r }));

const crossFilterArb: fc.Arbitrary<CrossFilter> = fc.oneof(
  fc.constantFrom(...FIELD_IDS).chain((field) =>
    fc.uniqueArray(valueArb(field), { minLength: 1, maxLength: 3 }).map((values): CrossFilter => ({
      source: 'overview.countries',
      kind: 'point',
      field,
      values,
    })),
  ),
  fc.tuple(dateArb, dateArb).map(([a, b]): CrossFilter => ({
    source: 'overview.monthly',
    kind: 'interval',
    from: a < b ? a : b,
    to: a < b ? b : a,
  })),
  // Routes and legs join two different countries (a domestic "route" is not a flow).
  fc
    .tuple(fc.constantFrom(...ISO3), fc.constantFrom(...ISO3), fc.boolean())
    .filter(([o, d]) => o !== d)
    .map(([o, d, leg]): CrossFilter => ({
      source: leg ? 'map.routes' : 'overview.routes',
      kind: leg ? 'leg' : 'route',
      origin: o,
      destination: d,
    })),
);

const stateArb: fc.Arbitrary<ViewState> = fc.record({
  dataset: fc.stringMatching(/^[a-z0-9_-]{1,20}$/),
  view: fc.constantFrom(...VIEWS),
  time: fc
    .tuple(fc.option(dateArb, { nil: null }), fc.option(dateArb, { nil: null }))
    .map(([a, b]) => (a && b && a > b ? { from: b, to: a } : { from: a, to: b })),
  granularity: fc.constantFrom(...GRANULARITIES),
  placeLevel: fc.constantFrom(...PLACE_LEVELS),
  trends: fc.record({
    measure: fc.constantFrom(
      'seizures' as const,
      'firearms' as const,
      'rounds' as const,
      'arrests' as const,
    ),
    split: fc.constantFrom('none' as const, 'type' as const, 'region' as const, 'country' as const),
  }),
  filters: filtersArb,
  crossFilters: fc.uniqueArray(crossFilterArb, { maxLength: 3, selector: (c) => c.source }),
  map: fc.record({
    lon: fc.integer({ min: -180000, max: 180000 }).map((n) => n / 1000),
    lat: fc.integer({ min: -85000, max: 85000 }).map((n) => n / 1000),
    zoom: fc.integer({ min: 0, max: 2000 }).map((n) => n / 100),
  }),
  mapLayers: fc.record({
    mode: fc.constantFrom('legs' as const, 'routes' as const),
    weight: fc.constantFrom('firearms' as const, 'seizures' as const),
    top: fc.integer({ min: MAP_TOP_RANGE[0], max: MAP_TOP_RANGE[1] }),
    color: fc.constantFrom('direction' as const, 'region' as const),
    hotspots: fc.boolean(),
    period: fc.constantFrom('month' as const, 'quarter' as const),
    position: fc.option(
      dateArb.map((d) => `${d.slice(0, 7)}-01`),
      { nil: null },
    ),
    speed: fc.constantFrom(...MAP_SPEEDS),
  }),
  selected: fc.option(
    fc.record({
      kind: fc.constantFrom('seizure' as const, 'country' as const, 'route' as const),
      id: fc.stringMatching(/^[A-Za-z0-9>_-]{1,20}$/),
    }),
    { nil: null },
  ),
  table: fc.record({
    sort: fc.constantFrom(...RECORD_COLUMNS),
    desc: fc.boolean(),
    columns: fc.option(fc.uniqueArray(fc.constantFrom(...RECORD_COLUMNS), { minLength: 1 }), {
      nil: null,
    }),
    row: fc.nat({ max: 20_000_000 }),
  }),
  sql: fc.option(
    fc.string({ minLength: 1, maxLength: 300 }).filter((q) => q.trim().length > 0),
    { nil: null },
  ),
  theme: fc.constantFrom(...THEMES),
  lang: fc.constantFrom(...LANGUAGES),
  present: fc.boolean(),
  safe: fc.record({
    mode: fc.constantFrom('auto' as const, 'on' as const, 'off' as const),
    k: fc.integer({ min: SAFE_K_RANGE[0], max: SAFE_K_RANGE[1] }),
  }),
  deck: fc.option(
    fc.record({
      data: fc.stringMatching(/^[A-Za-z0-9_-]{1,200}$/),
      slide: fc.nat({ max: 59 }),
    }),
    { nil: null },
  ),
  notebook: fc.option(
    fc
      .oneof(
        fc.record({
          id: fc.constantFrom('shipped:trigger-ix.md', 'local:3f2a-9c'),
          data: fc.constant(null),
        }),
        fc.record({
          id: fc.constant('link'),
          data: fc.stringMatching(/^[A-Za-z0-9_-]{1,300}$/),
        }),
      )
      .chain((ref) =>
        fc
          .dictionary(fc.stringMatching(/^[A-Za-z_]\w{0,10}$/), fc.string({ maxLength: 30 }), {
            maxKeys: 4,
          })
          .chain((params) => fc.boolean().map((filtered) => ({ ...ref, params, filtered }))),
      ),
    { nil: null },
  ),
});

/** Every invariant a parsed state must satisfy. */
function assertValid(s: ViewState) {
  expect(VIEWS).toContain(s.view);
  expect(THEMES).toContain(s.theme);
  expect(LANGUAGES).toContain(s.lang);
  expect(GRANULARITIES).toContain(s.granularity);
  expect(s.dataset).toMatch(/^[a-z0-9_-]{1,64}$/);
  for (const f of FIELD_IDS)
    for (const v of s.filters[f]) expect(normaliseFieldValue(f, v)).toBe(v);
  if (s.time.from && s.time.to) expect(s.time.from <= s.time.to).toBe(true);
  expect(Math.abs(s.map.lon)).toBeLessThanOrEqual(180);
  expect(new Set(s.crossFilters.map((c) => c.source)).size).toBe(s.crossFilters.length);
}

describe('URL codec', () => {
  it('round-trips every valid state exactly', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const parsed = hashToState(stateToHash(s));
        expect(parsed.dropped).toEqual([]);
        expect(parsed.state).toEqual(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves defaults out', () => {
    expect(stateToHash(DEFAULT_STATE)).toBe(`#/overview?v=${URL_VERSION}`);
    expect(stateToHash({ ...DEFAULT_STATE, view: 'map', theme: 'dark' })).toBe(
      `#/map?v=${URL_VERSION}&th=dark`,
    );
  });

  it('keeps a heavy state (a dozen filters and cross-filters) under 1,000 characters', () => {
    const heavy: ViewState = {
      ...DEFAULT_STATE,
      view: 'map',
      time: { from: '2019-01-01', to: '2023-06-30' },
      filters: {
        ...EMPTY_FILTERS,
        country: ['MEX', 'GTM', 'HND', 'SLV', 'BLZ'],
        region: ['central_america_mexico', 'caribbean'],
        origin: ['USA'],
        transit: ['MEX', 'GTM'],
        destination: ['HND', 'SLV'],
        firearmType: ['pistol', 'rifle', 'submachine_gun'],
        calibre: ['9×19mm', '5.56×45mm', '7.62×39mm'],
        make: ['Glock', 'Smith & Wesson', 'Colt'],
        operation: ['3'],
        placeType: ['land_border', 'road_checkpoint'],
        agency: ['customs', 'border_guard'],
        transport: ['road_vehicle'],
        crime: ['drugs', 'corruption'],
        traceOutcome: ['traced'],
      },
      crossFilters: [
        { source: 'overview.monthly', kind: 'interval', from: '2021-01-01', to: '2022-12-31' },
        { source: 'overview.routes', kind: 'route', origin: 'USA', destination: 'MEX' },
        { source: 'overview.countries', kind: 'point', field: 'country', values: ['MEX', 'GTM'] },
      ],
      map: { lon: -95.123, lat: 17.456, zoom: 4.25 },
      selected: { kind: 'country', id: 'MEX' },
      table: { sort: 'firearms_count', desc: true, columns: null, row: 0 },
      theme: 'projector',
    };
    const hash = stateToHash(heavy);
    expect(hash.length).toBeLessThan(1000);
    expect(hashToState(hash).state).toEqual(heavy);
    console.info(`heavy state: ${hash.length} characters`);
  });

  it('never throws and always returns a valid state, whatever the input', () => {
    const valid = stateArb.map(stateToHash);
    const mangled = fc
      .tuple(
        valid,
        fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }), fc.nat(3)), {
          maxLength: 6,
        }),
      )
      .map(([url, edits]) => {
        let s = url;
        for (const [pos, text, del] of edits) {
          const i = pos % (s.length + 1);
          s = s.slice(0, i) + text + s.slice(i + del);
        }
        return s;
      });
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 300 }), mangled, mangled),
        (input) => {
          assertValid(hashToState(input).state);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('drops invalid parts, keeps the valid ones, and says what it dropped', () => {
    const { state, dropped } = hashToState(
      "#/map?v=2&th=purple&l=xx&ds=../../etc&zzz=1&c=MEX,ZZZZ,'%3B--&ft=pistol,bazooka&t=2020-02-30,",
    );
    expect(state).toEqual({
      ...DEFAULT_STATE,
      view: 'map',
      filters: { ...EMPTY_FILTERS, country: ['MEX'], firearmType: ['pistol'] },
    });
    expect(dropped).toEqual([
      'th=purple',
      'l=xx',
      'ds=../../etc',
      'zzz',
      "c=ZZZZ,';--",
      'ft=bazooka',
      't=2020-02-30,',
    ]);
    expect(hashToState('#/nowhere?th=dark').state).toEqual({ ...DEFAULT_STATE, theme: 'dark' });
    expect(hashToState('#/nowhere').dropped).toEqual(['view "nowhere"']);
  });

  it('migrates version 1 links', () => {
    const { state, dropped } = hashToState('#/records?v=1&theme=dark&lang=en');
    expect(dropped).toEqual([]);
    expect(state).toEqual({ ...DEFAULT_STATE, view: 'records', theme: 'dark' });
    expect(stateToHash(state)).toBe('#/records?v=2&th=dark');
  });

  it('reports links from an unknown version and still reads them', () => {
    const { state, dropped } = hashToState('#/map?v=99&th=dark');
    expect(state.theme).toBe('dark');
    expect(dropped).toEqual(['v=99']);
  });

  it('refuses absurdly long links without scanning them', () => {
    const { state, dropped } = hashToState(`#/map?th=dark&x=${'a'.repeat(100_000)}`);
    expect(state).toEqual(DEFAULT_STATE);
    expect(dropped[0]).toMatch(/too long/);
  });
});
