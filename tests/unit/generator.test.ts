/**
 * The dataset generator: deterministic, internally consistent, speaking the schema's
 * vocabularies, with the published operation figures exact.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../datasets/lib/dataset';
import { TABLES } from '../../src/model/schema';
import { COLUMN_VOCABULARIES } from '../../src/domain/vocabulary';
import { FIXTURE_DIR } from '../helpers/fixture';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('determinism', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes the same bytes for the same seed (every file but the DuckDB file), and different data for another seed', async () => {
    const make = async (seed: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-gen-'));
      dirs.push(dir);
      await generateDataset({ seizures: 800, seed, outDir: dir, name: 'det' });
      return dir;
    };
    const a = await make(11);
    const b = await make(11);
    const c = await make(12);
    for (const t of TABLES) {
      expect(sha(join(a, `${t.name}.parquet`)), t.name).toBe(sha(join(b, `${t.name}.parquet`)));
    }
    // Every file the generator writes, the manifest included; DuckDB's own file is laid out by
    // its storage engine and varies in bytes and size from run to run (datasets/README.md).
    const files = readdirSync(a).filter((f) => f !== 'atlas.duckdb');
    expect(files).toContain('manifest.json');
    expect(readdirSync(b).sort()).toEqual([...files, 'atlas.duckdb'].sort());
    for (const f of files) expect(sha(join(a, f)), f).toBe(sha(join(b, f)));
    expect(sha(join(a, 'seizures.parquet'))).not.toBe(sha(join(c, 'seizures.parquet')));
  });
});

describe('the fixture dataset', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(FIXTURE_DIR);
  });
  afterAll(() => db.close());

  const scalar = async (sql: string) => Object.values((await db.rows(sql))[0] ?? {})[0];

  it('has every table and column of the schema, with the declared nullability', async () => {
    for (const t of TABLES) {
      const cols = await db.rows<{ column_name: string; is_nullable: string }>(
        `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_catalog = 'atlas' AND table_name = '${t.name}' ORDER BY ordinal_position`,
      );
      expect(cols.map((c) => c.column_name)).toEqual(t.columns.map((c) => c.name));
      for (const c of t.columns.filter((c) => !c.nullable)) {
        expect(
          await scalar(`SELECT count(*) FROM ${t.name} WHERE "${c.name}" IS NULL`),
          `${t.name}.${c.name}`,
        ).toBe(0);
      }
    }
  });

  it('keeps referential integrity between seizures, firearms, traces, operations and places', async () => {
    const orphans = [
      'SELECT count(*) FROM firearms f ANTI JOIN seizures s USING (seizure_id)',
      'SELECT count(*) FROM traces t ANTI JOIN firearms f USING (firearm_id)',
      'SELECT count(*) FROM traces t JOIN firearms f USING (firearm_id) WHERE f.seizure_id <> t.seizure_id OR f.trace_id IS DISTINCT FROM t.trace_id',
      'SELECT count(*) FROM firearms f WHERE f.trace_id IS NOT NULL AND f.trace_id NOT IN (SELECT trace_id FROM traces)',
      'SELECT count(*) FROM seizures s WHERE operation_id IS NOT NULL AND operation_id NOT IN (SELECT operation_id FROM operations)',
      'SELECT count(*) FROM seizures s WHERE country_iso3 NOT IN (SELECT iso3 FROM places)',
      'SELECT count(*) FROM seizures s WHERE origin_iso3 IS NOT NULL AND origin_iso3 NOT IN (SELECT iso3 FROM places)',
      'SELECT count(*) FROM (SELECT unnest(transit_iso3) AS c FROM seizures) WHERE c NOT IN (SELECT iso3 FROM places)',
      'SELECT count(*) FROM firearms WHERE country_of_manufacture IS NOT NULL AND country_of_manufacture NOT IN (SELECT iso3 FROM places)',
      'SELECT count(*) FROM traces WHERE requested_iso3 NOT IN (SELECT iso3 FROM places) OR requesting_iso3 NOT IN (SELECT iso3 FROM places)',
      // firearms_count is the number of firearm rows of the seizure
      'SELECT count(*) FROM seizures s LEFT JOIN (SELECT seizure_id, count(*) n FROM firearms GROUP BY 1) f USING (seizure_id) WHERE s.firearms_count <> coalesce(f.n, 0)',
    ];
    for (const sql of orphans) expect(await scalar(sql), sql).toBe(0);
    expect(await scalar('SELECT count(*) - count(DISTINCT seizure_id) FROM seizures')).toBe(0);
    expect(await scalar('SELECT count(*) - count(DISTINCT firearm_id) FROM firearms')).toBe(0);
  });

  it('draws every categorical value from its vocabulary', async () => {
    for (const [key, vocab] of Object.entries(COLUMN_VOCABULARIES)) {
      const [table, column] = key.split('.') as [string, string];
      const values = await db.rows<{ v: string }>(
        `SELECT DISTINCT "${column}" AS v FROM ${table} WHERE "${column}" IS NOT NULL`,
      );
      for (const { v } of values) expect(vocab, key).toContain(v);
    }
  });

  it('keeps the published operation figures exact, and the linked records add up to them', async () => {
    const ops = await db.rows<Record<string, unknown>>(
      `SELECT o.name, o.start_date::VARCHAR AS start_date, o.end_date::VARCHAR AS end_date, o.arrests, o.firearms_seized, o.ammunition_rounds,
              o.drugs_tonnes, o.drugs_value_usd, o.precursors_tonnes, len(o.countries) AS countries, o.officers, o.hotspots,
              sum(s.firearms_count)::BIGINT AS linked_firearms, sum(s.arrests)::BIGINT AS linked_arrests, sum(s.ammunition_rounds)::BIGINT AS linked_rounds,
              min(s.seizure_date)::VARCHAR AS first_seen, max(s.seizure_date)::VARCHAR AS last_seen
       FROM operations o LEFT JOIN seizures s USING (operation_id) WHERE NOT o.is_synthetic GROUP BY ALL ORDER BY 2`,
    );
    const byName = Object.fromEntries(ops.map((o) => [o.name, o]));
    expect(byName['Trigger IX']).toMatchObject({
      start_date: '2023-03-12',
      end_date: '2023-04-02',
      arrests: 14260,
      firearms_seized: 8263,
      ammunition_rounds: 305000,
      drugs_tonnes: 203,
      drugs_value_usd: 5_700_000_000,
      precursors_tonnes: 372,
      countries: 15,
      linked_firearms: 8263,
      linked_arrests: 14260,
      linked_rounds: 305000,
    });
    expect(byName['Trigger VIII']).toMatchObject({
      start_date: '2022-06-13',
      end_date: '2022-06-19',
      arrests: 120,
      firearms_seized: 480,
      officers: 520,
      hotspots: 35,
      countries: 8,
      linked_firearms: 480,
      linked_arrests: 120,
    });
    for (const o of ops) {
      expect(String(o.first_seen) >= String(o.start_date), String(o.name)).toBe(true);
      expect(String(o.last_seen) <= String(o.end_date), String(o.name)).toBe(true);
    }
    // Operation records happen in the operation's countries.
    expect(
      await scalar(
        'SELECT count(*) FROM seizures s JOIN operations o USING (operation_id) WHERE NOT list_contains(o.countries, s.country_iso3)',
      ),
    ).toBe(0);
  });

  it('anonymises: coordinates on a 0.1° grid, serials only as 16-hex hashes', async () => {
    expect(
      await scalar(
        'SELECT count(*) FROM seizures WHERE abs(lat * 10 - round(lat * 10)) > 1e-6 OR abs(lon * 10 - round(lon * 10)) > 1e-6',
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT count(*) FROM firearms WHERE serial_hash IS NOT NULL AND NOT regexp_full_match(serial_hash, '[0-9a-f]{16}')",
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT count(*) FROM firearms WHERE marking_status IN ('obliterated', 'unmarked') AND serial_hash IS NOT NULL",
      ),
    ).toBe(0);
  });

  it('tells a credible story: dates in range, trace timelines in order, realistic mixes', async () => {
    expect(
      await scalar(
        "SELECT count(*) FROM seizures WHERE seizure_date < DATE '2015-01-01' OR seizure_date > DATE '2025-12-31'",
      ),
    ).toBe(0);
    expect(
      await scalar(
        'SELECT count(*) FROM traces t JOIN seizures s USING (seizure_id) WHERE t.sent_date < s.seizure_date OR t.answered_date < t.sent_date',
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT count(*) FROM traces WHERE (outcome = 'pending') <> (answered_date IS NULL)",
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT count(*) FROM traces WHERE diversion_point IS NOT NULL AND outcome <> 'traced'",
      ),
    ).toBe(0);
    // Pistols are over half of firearms in the Americas; shotguns are more common in Africa.
    const mix = await db.rows<{ africa: boolean; pistol: number; shotgun: number }>(
      `SELECT p.atlas_region LIKE '%africa' AS africa, avg((firearm_type = 'pistol')::INT) AS pistol, avg((firearm_type = 'shotgun')::INT) AS shotgun
       FROM firearms f JOIN seizures s USING (seizure_id) JOIN places p ON p.iso3 = s.country_iso3 GROUP BY 1`,
    );
    const americas = mix.find((m) => !m.africa)!;
    const africa = mix.find((m) => m.africa)!;
    expect(americas.pistol).toBeGreaterThan(0.5);
    expect(africa.shotgun).toBeGreaterThan(americas.shotgun);
    // Illicit possession is roughly two thirds of seizures.
    const possession = Number(
      await scalar("SELECT avg((legal_justification = 'illicit_possession')::INT) FROM seizures"),
    );
    expect(possession).toBeGreaterThan(0.5);
    expect(possession).toBeLessThan(0.8);
    // Seizures happen only in DISRUPT countries.
    expect(
      await scalar(
        'SELECT count(*) FROM seizures s JOIN places p ON p.iso3 = s.country_iso3 WHERE NOT p.disrupt',
      ),
    ).toBe(0);
  });
});
