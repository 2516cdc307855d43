/**
 * The route map's SQL on real DuckDB (WASM) against a tiny fixture whose flows are worked out by
 * hand: legs and whole routes, weights, the "not drawn" row, filters, playback windows, and the
 * map's own selections left out of its own queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  flowTypesQuery,
  flowsQuery,
  hotspotsQuery,
  mapCountriesQuery,
  mapCountriesTimelineQuery,
  periodEnd,
  periodOrdinal,
  periodsQuery,
  type FlowRow,
  type MapCountryPeriodRow,
} from '../../src/sql/routes';
import { whereClause } from '../../src/sql/where';
import {
  DEFAULT_STATE,
  EMPTY_FILTERS,
  type CrossFilter,
  type ViewState,
} from '../../src/model/viewState';
import { loadTinyFixture } from '../helpers/tinyFixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadTinyFixture(db);
});
afterAll(() => db.close());

const OWN = ['map.routes', 'map.countries'];
const flows = async (
  state: ViewState,
  mode: 'legs' | 'routes',
  top = 10,
  weight: 'firearms' | 'seizures' = 'firearms',
  window: { from: string; to: string } | null = null,
) => {
  const rows = await db.rows<FlowRow>(
    flowsQuery(db.model, state, OWN, { mode, weight, top, lang: 'en', window }),
  );
  return {
    drawn: rows
      .filter((r) => r.drawn === 1)
      .map((r) => [`${r.src}>${r.dst}`, r.seizures, r.firearms]),
    rest: rows.filter((r) => r.drawn === 0).map((r) => [r.seizures, r.firearms])[0],
    rows,
  };
};

describe('flows', () => {
  it('splits routes into legs, leaves out unknown and domestic hops, and ranks by firearms', async () => {
    const { drawn, rest } = await flows(DEFAULT_STATE, 'legs');
    expect(drawn).toEqual([
      ['USA>MEX', 3, 10],
      ['VEN>COL', 1, 7],
      ['MEX>GTM', 2, 5],
      ['GTM>HND', 1, 2],
    ]);
    expect(rest).toEqual([0, 0]);
  });

  it('draws whole routes origin → destination', async () => {
    const { drawn } = await flows(DEFAULT_STATE, 'routes');
    expect(drawn).toEqual([
      ['VEN>COL', 1, 7],
      ['USA>MEX', 1, 5],
      ['USA>GTM', 1, 3],
      ['USA>HND', 1, 2],
    ]);
  });

  it('keeps the top N and sums the rest into one row', async () => {
    const { drawn, rest } = await flows(DEFAULT_STATE, 'legs', 2);
    expect(drawn).toEqual([
      ['USA>MEX', 3, 10],
      ['VEN>COL', 1, 7],
    ]);
    expect(rest).toEqual([3, 7]);
  });

  it('ranks by seizures when asked', async () => {
    const { drawn } = await flows(DEFAULT_STATE, 'legs', 2, 'seizures');
    expect(drawn.map((d) => d[0])).toEqual(['USA>MEX', 'MEX>GTM']);
  });

  it('carries the coordinates, names, regions and first/last dates of each end', async () => {
    const { rows } = await flows(DEFAULT_STATE, 'legs', 1);
    expect(rows[0]).toMatchObject({
      src: 'USA',
      dst: 'MEX',
      srcName: 'USA name',
      srcRegion: 'north_america',
      srcLon: -97,
      srcLat: 38,
      dstLon: -102,
      dstLat: 23,
      firstSeen: '2020-01-10',
      lastSeen: '2021-05-05',
    });
  });

  it('follows the filters', async () => {
    const gtm: ViewState = { ...DEFAULT_STATE, filters: { ...EMPTY_FILTERS, country: ['GTM'] } };
    expect((await flows(gtm, 'legs')).drawn).toEqual([
      ['MEX>GTM', 1, 3],
      ['USA>MEX', 1, 3],
    ]);
  });

  it('leaves the map’s own selections out of its own queries, while other views apply them', async () => {
    const leg: CrossFilter = {
      source: 'map.routes',
      kind: 'leg',
      origin: 'MEX',
      destination: 'GTM',
    };
    const country: CrossFilter = {
      source: 'map.countries',
      kind: 'point',
      field: 'country',
      values: ['COL'],
    };
    const s: ViewState = { ...DEFAULT_STATE, crossFilters: [leg, country] };
    expect((await flows(s, 'legs')).drawn).toEqual((await flows(DEFAULT_STATE, 'legs')).drawn);
    const w = whereClause({ ...s, crossFilters: [leg] }, { grain: 'seizure' });
    const ids = await db.rows<{ seizure_id: number }>({
      sql: `SELECT seizure_id FROM seizures s WHERE ${w.sql} ORDER BY 1`,
      params: w.params,
    });
    expect(ids.map((r) => r.seizure_id)).toEqual([1, 3]);
  });

  it('plays back one period at a time', async () => {
    const jan2020 = { from: '2020-01-01', to: periodEnd('2020-01-01', 'month') };
    expect(jan2020.to).toBe('2020-02-01');
    expect((await flows(DEFAULT_STATE, 'legs', 10, 'firearms', jan2020)).drawn).toEqual([
      ['VEN>COL', 1, 7],
      ['MEX>GTM', 1, 3],
      ['USA>MEX', 1, 3],
    ]);
    expect(periodEnd('2021-10-01', 'quarter')).toBe('2022-01-01');
    const periods = await db.rows<{ period: string }>(
      periodsQuery(db.model, DEFAULT_STATE, OWN, 'quarter'),
    );
    expect(periods.map((p) => p.period)).toEqual(['2020-01-01', '2021-04-01', '2021-07-01']);
  });

  it('queries the whole timeline once: each period’s rows are that window’s, ranked and summed in it', async () => {
    let drawnSeen = 0;
    for (const period of ['month', 'quarter'] as const) {
      const starts = await db.rows<{ period: string }>(
        periodsQuery(db.model, DEFAULT_STATE, OWN, period),
      );
      expect(starts.length).toBeGreaterThan(1);
      for (const mode of ['legs', 'routes'] as const) {
        // top 1: the ranking and the "rest" row must be each period's own, not the timeline's.
        const o = { mode, weight: 'firearms' as const, top: 1, lang: 'en' };
        const timeline = await db.rows<FlowRow>(
          flowsQuery(db.model, DEFAULT_STATE, OWN, { ...o, window: null, timeline: period }),
        );
        const countries = await db.rows<MapCountryPeriodRow>(
          mapCountriesTimelineQuery(db.model, DEFAULT_STATE, OWN, period),
        );
        for (const { period: from } of starts) {
          const window = { from, to: periodEnd(from, period) };
          const windowed = await db.rows<FlowRow>(
            flowsQuery(db.model, DEFAULT_STATE, OWN, { ...o, window }),
          );
          const ordinal = periodOrdinal(from);
          const inPeriod = timeline.filter((r) => r.period === ordinal);
          // A window's summary rows are there even when zero; the timeline's only when not.
          const strip = (rows: FlowRow[]) =>
            rows
              .filter((r) => r.drawn === 1 || r.seizures > 0)
              .map((r) => ({ ...r, period: null }));
          expect(strip(inPeriod), `${mode} ${period} ${from}`).toEqual(strip(windowed));
          drawnSeen += inPeriod.filter((r) => r.drawn === 1).length;
          const places = await db.rows<{ iso3: string; seizures: number; firearms: number }>(
            mapCountriesQuery(db.model, DEFAULT_STATE, OWN, 'en', window),
          );
          expect(
            countries
              .filter((c) => c.period === ordinal)
              .map((c) => [c.iso3, c.seizures, c.firearms])
              .sort(),
          ).toEqual(
            places
              .filter((p) => p.seizures > 0)
              .map((p) => [p.iso3, p.seizures, p.firearms])
              .sort(),
          );
        }
      }
    }
    expect(drawnSeen).toBeGreaterThan(4);
  });
});

describe('map details', () => {
  it('lists the top firearm types of one flow', async () => {
    const rows = await db.rows<{ firearm_type: string; firearms: number }>(
      flowTypesQuery(db.model, DEFAULT_STATE, OWN, { mode: 'legs', window: null }, 'MEX', 'GTM'),
    );
    expect(rows).toEqual([
      { firearm_type: 'pistol', firearms: 4 },
      { firearm_type: 'rifle', firearms: 1 },
    ]);
  });

  it('sums hotspots per location and countries with zero where none', async () => {
    const hot = await db.rows<{ firearms: number }>(
      hotspotsQuery(db.model, DEFAULT_STATE, OWN, null),
    );
    expect(hot.reduce((a, r) => a + r.firearms, 0)).toBe(22);
    const countries = await db.rows<{ iso3: string; firearms: number; seizures: number }>(
      mapCountriesQuery(db.model, DEFAULT_STATE, OWN, 'en', null),
    );
    expect(countries.find((c) => c.iso3 === 'MEX')).toMatchObject({ firearms: 10, seizures: 3 });
    expect(countries.find((c) => c.iso3 === 'USA')).toMatchObject({ firearms: 0, seizures: 0 });
  });
});
