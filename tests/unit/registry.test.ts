/**
 * Adding a filter field or a measure is one registry entry (plus its labels in each language):
 * with one entry added to each registry here, before anything that derives from them is loaded,
 * links carry them, the SQL filters and counts by them on real DuckDB, the filter bar's facets
 * list the new field's values, Trends plots the new measure, the key figures and a dataset's
 * catalogue include it, and the filter chips name it.
 */
// First: the entries are made before anything that derives from the registries is loaded.
import '../helpers/registryEntries';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueSchema, EVENTS_CATALOGUE } from '../../src/model/catalogue';
import { keyFigureMeasures, trendMeasures } from '../../src/model/measures';
import { hashToState, stateToHash } from '../../src/model/urlCodec';
import { DEFAULT_STATE, withFilter } from '../../src/model/viewState';
import { chipsOf } from '../../src/context/filterText';
import { facetQuery } from '../../src/sql/facets';
import { headlineQuery } from '../../src/sql/headline';
import { periodCompareQuery } from '../../src/sql/overview';
import { trendTotalsQuery } from '../../src/sql/trends';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCubes } from '../../src/db/loadDataset';
import { ManifestSchema } from '../../src/db/manifest';
import type { SqlModel } from '../../src/sql/model';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

type FieldId = Parameters<typeof withFilter>[1];
type TrendMeasure = ReturnType<typeof trendMeasures>[number];
const reliability = 'reliability' as FieldId;
const parts = 'parts' as TrendMeasure;

let db: TestDb;
let model: SqlModel;
let cubes: string | null;
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
  // The cubes as the app opens them: the stored ones lack the new measure, so they are rebuilt.
  const manifest = ManifestSchema.parse(
    JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')),
  );
  cubes = await openCubes((sql) => db.engine.run({ sql, params: [] }), manifest, db.model.weights);
  model = { ...db.model, cubes };
});
afterAll(() => db.close());

const scalar = async (sql: string) => Number(Object.values((await db.rows(sql))[0]!)[0]);

describe('a new filter field, one entry', () => {
  it('travels in links and is validated there', () => {
    const state = withFilter(DEFAULT_STATE, reliability, ['A', 'B']);
    const hash = stateToHash(state);
    expect(hash).toContain('rel=A,B');
    expect(hashToState(hash)).toEqual({ state, dropped: [] });
    expect(hashToState('#/overview?v=2&rel=%01').dropped).toEqual(['rel=\u0001']);
  });

  it('filters the SQL and lists its values with their counts', async () => {
    const state = withFilter(DEFAULT_STATE, reliability, ['A']);
    const [h] = await db.rows<{ seizures: number }>(headlineQuery(model, state));
    expect(h!.seizures).toBe(
      await scalar("SELECT count(*) FROM seizures WHERE source_reliability = 'A'"),
    );
    expect(h!.seizures).toBeGreaterThan(0);
    const facets = await db.rows<{ value: string; count: number }>(
      facetQuery(model, DEFAULT_STATE, reliability, 'en'),
    );
    const direct = await db.rows<{ value: string; n: number }>(
      'SELECT source_reliability AS value, count(*)::INTEGER AS n FROM seizures GROUP BY 1 ORDER BY 1',
    );
    expect(
      facets
        .map((f) => [f.value, Number(f.count)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual(direct.map((d) => [d.value, d.n]));
  });

  it('is in the bundled catalogue, and a chip names it', () => {
    expect(EVENTS_CATALOGUE.fields).toContain(reliability);
    expect(CatalogueSchema.safeParse({ ...EVENTS_CATALOGUE, fields: [reliability] }).success).toBe(
      true,
    );
    const state = withFilter(DEFAULT_STATE, reliability, ['C']);
    const t = ((key: string, o?: object) =>
      `${key} ${JSON.stringify(o ?? {})}`) as unknown as Parameters<typeof chipsOf>[2];
    const chips = chipsOf(state, { place: new Map(), operation: new Map() } as never, t, [
      reliability,
    ]);
    expect(chips.map((c) => c.text).join(' ')).toContain('C');
  });
});

describe('a new measure, one entry', () => {
  it('is offered by Trends and the key figures, and travels in links', () => {
    expect(trendMeasures()).toContain(parts);
    expect(keyFigureMeasures()).toContain(parts);
    expect(EVENTS_CATALOGUE.measures).toContain(parts);
    const state = { ...DEFAULT_STATE, trends: { measure: parts, split: 'none' as const } };
    const hash = stateToHash(state);
    expect(hash).toContain('tv=parts~none');
    expect(hashToState(hash).state.trends.measure).toBe('parts');
  });

  it('is summed by the Trends series and the key figures, on real DuckDB', async () => {
    expect(cubes).toBe('memory.main'); // rebuilt with the new measure's column
    const total = await scalar('SELECT sum(parts_count)::BIGINT FROM seizures');
    expect(total).toBeGreaterThan(0);
    const series = await db.rows<{ value: number }>(
      trendTotalsQuery(model, DEFAULT_STATE, undefined, 'year', parts),
    );
    const undated = await scalar(
      "SELECT coalesce(sum(parts_count), 0)::BIGINT FROM seizures WHERE date_precision = 'unknown'",
    );
    expect(series.reduce((a, r) => a + Number(r.value), 0)).toBe(total - undated);
    const periods = { from: '2000-01-01', to: '2099-12-31' };
    const [current] = await db.rows<Record<string, number>>(
      periodCompareQuery(model, DEFAULT_STATE, periods, { from: '1990-01-01', to: '1999-12-31' }),
    );
    expect(Number(current!.parts)).toBe(total - undated);
  });
});
