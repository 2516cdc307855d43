/** The manifest validator accepts what the generator writes and rejects tampered copies. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src/db/manifest';
import { isDatasetName } from '../../src/model/viewState';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { DEFAULT_STATE } from '../../src/model/viewState';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb } from '../helpers/wasmDb';

describe('dataset manifest', () => {
  const good = JSON.parse(readFileSync(`${FIXTURE_DIR}/manifest.json`, 'utf8')) as Record<
    string,
    unknown
  >;

  it('accepts the generator output', () => {
    expect(ManifestSchema.safeParse(good).success).toBe(true);
  });

  it('rejects tampered manifests', () => {
    const bad = [
      { ...good, manifestVersion: 2 },
      { ...good, duckdb: { file: '../../secret.duckdb', bytes: 10 } },
      { ...good, duckdb: { file: 'https://evil.example/x.duckdb', bytes: 10 } },
      { ...good, duckdb: { file: 'atlas.duckdb', bytes: -1 } },
      { ...good, name: 'Has Spaces' },
      { ...good, rows: { seizures: 'many' } },
      null,
      [],
    ];
    for (const m of bad)
      expect(ManifestSchema.safeParse(m).success, JSON.stringify(m)?.slice(0, 80)).toBe(false);
  });

  it('carries the headline figures DuckDB computes from the file (shown while it starts)', async () => {
    const db = await openTestDb(FIXTURE_DIR);
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    db.close();
    const figures = {
      seizures: h!.seizures,
      firearms: h!.firearms,
      rounds: h!.rounds,
      arrests: h!.arrests,
      countries: h!.countries,
      traces: h!.traces,
      tracesAnswered: h!.tracesAnswered,
    };
    expect(ManifestSchema.parse(good).summary).toEqual(figures);
    expect(
      ManifestSchema.safeParse({ ...good, summary: { ...figures, seizures: -1 } }).success,
    ).toBe(false);
  });

  it('allows only folder-safe dataset names', () => {
    expect(isDatasetName('default')).toBe(true);
    expect(isDatasetName('s1000000')).toBe(true);
    for (const n of ['', '..', '../x', 'a/b', 'A', 'x'.repeat(65), 'a b', 'é'])
      expect(isDatasetName(n), n).toBe(false);
  });
});
