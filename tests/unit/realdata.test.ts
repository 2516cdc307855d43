/**
 * The real-data corpus (`../shared/realdata/`, beside the repository; never copied into it):
 * each public file is imported with no recipe and no hand edit, through the same code as the
 * browser's worker and the CLI (`planImport`, then the CLI's dataset writer), and every value its
 * README verifies is checked on the written dataset with real DuckDB-WASM and the app's own
 * headline query. Nothing may be dropped: every data row ends in the dataset.
 *
 * CI always has the corpus; on a machine without it the suite is skipped with a warning.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaceResolver } from '../../src/import/places';
import { describeChecks } from '../../src/import/report';
import { planImport, readFiles, type ImportPlan } from '../../src/import/run';
import { weightsOf } from '../../src/model/catalogue';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { nodeGazetteer, writeImportedDataset } from '../../scripts/lib/importNode';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

const CORPUS = resolve(__dirname, '../../../shared/realdata');
const present = existsSync(join(CORPUS, 'expected.tsv'));
if (!present && process.env.CI) throw new Error(`The real-data corpus is missing at ${CORPUS}`);
if (!present) console.warn(`realdata: ${CORPUS} not found; the real-data tests are skipped`);

const resolver = new PlaceResolver(nodeGazetteer());

/** The corpus index: folder, file and the firearms (or items) the import report must show. */
function expected(): { folder: string; file: string; total: number }[] {
  return readFileSync(join(CORPUS, 'expected.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [folder, file, total] = l.split('\t');
      return { folder: folder!, file: file!, total: Number(total) };
    });
}

interface Imported {
  plan: ImportPlan;
  db: TestDb;
  report: string;
}

const dirs: string[] = [];
const dbs: TestDb[] = [];

/** Imports a corpus file as a new user would (no recipe) and opens the written dataset. */
async function importCorpusFile(folder: string, file: string): Promise<Imported> {
  const path = join(CORPUS, folder, file);
  const sheets = await readFiles([{ name: basename(path), bytes: readFileSync(path) }]);
  const plan = planImport(sheets, resolver);
  const out = mkdtempSync(join(tmpdir(), 'atlas-realdata-'));
  dirs.push(out);
  await writeImportedDataset(plan, out, { name: folder, title: file });
  const db = await openTestDb(out);
  dbs.push(db);
  return { plan, db, report: describeChecks(plan.transformed.checks).join('\n') };
}

afterAll(() => {
  for (const db of dbs) db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const num = async (db: TestDb, sql: string) =>
  Number(Object.values((await db.rows(sql))[0] ?? {})[0] ?? NaN);
const pairs = async (db: TestDb, sql: string) =>
  (await db.rows<{ k: string; n: number }>(sql)).map((r) => [r.k, Number(r.n)]);

describe.skipIf(!present)('real-data corpus', () => {
  it('every file of the index imports with its headline total and nothing dropped', async () => {
    for (const { folder, file, total } of expected()) {
      const { plan, report } = await importCorpusFile(folder, file);
      const c = plan.transformed.checks;
      expect(c.sums.items, `${file}: items on the import report`).toBe(total);
      expect(report).toContain(total.toLocaleString('en'));
      // Skipped rows are only non-data rows: titles, blanks, footnotes, header repeats, totals.
      for (const s of c.skipped)
        expect(['blank', 'title', 'footnote', 'repeatedHeader', 'total'], file).toContain(s.reason);
      expect(
        c.totals.filter((t) => t.expected !== t.actual),
        file,
      ).toEqual([]);
    }
  }, 120_000);

  describe('Brazil, Polícia Federal SINARM occurrences 2024 (Latin-1 CSV, fixed-width fields)', () => {
    let x: Imported;
    beforeAll(async () => {
      x = await importCorpusFile('br-pf-sinarm-ocorrencias-2024', 'OCORRENCIAS_2024.csv');
    }, 120_000);

    it('reads the layout with no recipe: year and month, state codes in Brazil, occurrence basis', () => {
      const r = x.plan.recipe;
      expect(r.shape).toBe('events');
      expect(r.country).toBe('BRA');
      expect(r.columns).toMatchObject({
        ANO_OCORRENCIA: 'year',
        MES_OCORRENCIA: 'month',
        UF: 'admin1',
        MUNICIPIO: 'district',
        ESPECIE_ARMA: 'firearmType',
        MARCA_ARMA: 'make',
        CALIBRE_ARMA: 'calibre',
        TIPO_OCORRENCIA: 'basis',
        TOTAL: 'count',
      });
      expect(x.plan.transformed.checks.places).toEqual([]);
    });

    it('every data row is kept: 5,026 rows, 5,627 firearms, no date missing', async () => {
      const c = x.plan.transformed.checks;
      expect(c.rowsRead).toBe(5026);
      expect(c.skipped).toEqual([]);
      expect(c.sums.firearms).toBe(5627);
      expect(c.undated.count).toBe(0);
      expect(await num(x.db, 'SELECT count(*) FROM seizures')).toBe(5026);
      expect(await num(x.db, 'SELECT count(*) FROM source_rows')).toBe(5026);
      expect(await num(x.db, 'SELECT sum(firearms_count)::INTEGER FROM seizures')).toBe(5627);
      expect(await num(x.db, "SELECT count(*) FROM seizures WHERE date_precision <> 'month'")).toBe(
        0,
      );
      // The app's own headline, on the tables and on the cubes, counts every basis.
      const catalogue = x.plan.tables.catalogue;
      expect(catalogue.fields).toContain('basis');
      const all = { time: { from: null, to: null }, filters: EMPTY_FILTERS, crossFilters: [] };
      for (const cubes of [null, 'atlas.main']) {
        const [h] = await x.db.rows<HeadlineRow>(
          headlineQuery({ cubes, weights: weightsOf(catalogue) }, all),
        );
        expect(h!.firearms).toBe(5627);
      }
    });

    it('by occurrence type, kept as written and as a basis', async () => {
      expect(
        await pairs(
          x.db,
          'SELECT basis_original AS k, sum(firearms_count)::INTEGER AS n FROM seizures GROUP BY 1 ORDER BY 2 DESC, 1',
        ),
      ).toEqual([
        ['Apreensão de Arma de Fogo', 1449],
        ['Furto de Arma de Fogo', 1110],
        ['Campanha do Desarmamento', 855],
        ['Apostilada no Exercito', 584],
        ['Recuperação de Arma de Fogo', 562],
        ['Extravio/Perda de Arma de Fogo', 489],
        ['Remetida ao Exército para destruição', 282],
        ['Roubo de Arma de Fogo', 178],
        ['Arrecadação', 59],
        ['Sub Judice', 56],
        ['Alteração da Arma de Porte', 3],
      ]);
      expect(
        await num(x.db, "SELECT count(*) FROM seizures WHERE basis_original LIKE 'Apreens%'"),
      ).toBe(1295);
      expect(
        await pairs(
          x.db,
          'SELECT basis AS k, sum(firearms_count)::INTEGER AS n FROM seizures GROUP BY 1 ORDER BY 1',
        ),
      ).toEqual([
        ['administrative', 584 + 56 + 3],
        ['destroyed', 282],
        ['lost', 489],
        ['recovered', 562],
        ['seized', 1449],
        ['stolen', 1110 + 178],
        ['surrendered', 855 + 59],
      ]);
    });

    it('top states (all types and seizures only), species and months', async () => {
      const top = (where: string) =>
        pairs(
          x.db,
          `SELECT admin1 AS k, sum(firearms_count)::INTEGER AS n FROM seizures ${where} GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
        );
      expect(await top('')).toEqual([
        ['BR-RS', 1856],
        ['BR-SP', 664],
        ['BR-MG', 360],
      ]);
      expect(await top("WHERE basis = 'seized'")).toEqual([
        ['BR-RS', 690],
        ['BR-SP', 156],
        ['BR-DF', 74],
      ]);
      expect(
        await num(x.db, 'SELECT count(DISTINCT admin1) FROM seizures WHERE admin1 IS NOT NULL'),
      ).toBe(27);
      expect(
        await pairs(
          x.db,
          'SELECT type_original AS k, sum(firearms_n)::INTEGER AS n FROM firearms GROUP BY 1 ORDER BY 2 DESC LIMIT 3',
        ),
      ).toEqual([
        ['Pistola', 2514],
        ['Revolver', 1696],
        ['Espingarda', 862],
      ]);
      expect(
        await pairs(
          x.db,
          "SELECT strftime(seizure_date, '%Y-%m') AS k, sum(firearms_count)::INTEGER AS n FROM seizures GROUP BY 1 ORDER BY 1",
        ),
      ).toEqual([
        ['2024-01', 662],
        ['2024-02', 713],
        ['2024-03', 955],
        ['2024-04', 888],
        ['2024-05', 839],
        ['2024-06', 721],
        ['2024-07', 734],
        ['2024-08', 115],
      ]);
    });

    it('the 22 rows with no state are kept in Brazil at country level, not dropped', async () => {
      const c = x.plan.transformed.checks;
      expect(c.unplaced).toMatchObject({ count: 22, unknownCountry: 0 });
      expect(
        await x.db.rows(
          "SELECT count(*)::INTEGER AS n, sum(firearms_count)::INTEGER AS f, sum(CASE WHEN basis = 'seized' THEN firearms_count END)::INTEGER AS s, string_agg(DISTINCT country_iso3, ',') AS c, string_agg(DISTINCT location_precision, ',') AS p FROM seizures WHERE admin1 IS NULL",
        ),
      ).toEqual([{ n: 22, f: 22, s: 5, c: 'BRA', p: 'country' }]);
    });
  });

  describe('United States, ATF firearm types by recovery state 2019 (XLSX type × place matrix)', () => {
    let x: Imported;
    beforeAll(async () => {
      x = await importCorpusFile('us-atf-types-by-state-2019', 'types_by_state_cy2019.xlsx');
    }, 120_000);

    it('reads a type × place matrix with its TOTAL row and column as checks, footnotes apart', () => {
      const { recipe, transformed } = x.plan;
      expect(recipe.shape).toBe('matrix');
      expect(recipe.matrix?.rows).toBe('firearmType');
      const c = transformed.checks;
      // 14 TOTAL-column checks, 54 TOTAL-row checks and the grand total: all equal.
      expect(c.totals).toHaveLength(69);
      expect(c.totals.find((t) => t.label === 'Grand total')).toMatchObject({
        expected: 354264,
        actual: 354264,
      });
      expect(c.skipped.find((s) => s.reason === 'footnote')?.count).toBe(4);
      expect(c.skipped.find((s) => s.reason === 'total')?.count).toBe(1);
      expect(c.coverage).toMatchObject({ from: '2019', to: '2019', precision: 'year' });
    });

    it('354,264 items in all; firearm types and recovery states as verified', async () => {
      expect(await num(x.db, 'SELECT sum(items_n)::INTEGER FROM firearms')).toBe(354264);
      expect(await num(x.db, 'SELECT count(DISTINCT type_original) FROM firearms')).toBe(14);
      expect(
        await pairs(
          x.db,
          'SELECT type_original AS k, sum(items_n)::INTEGER AS n FROM firearms GROUP BY 1 ORDER BY 2 DESC LIMIT 3',
        ),
      ).toEqual([
        ['PISTOL', 232398],
        ['RIFLE', 45662],
        ['REVOLVER', 41419],
      ]);
      expect(
        await pairs(
          x.db,
          'SELECT s.admin1 AS k, sum(f.items_n)::INTEGER AS n FROM firearms f JOIN seizures s USING (seizure_id) GROUP BY 1 ORDER BY 2 DESC LIMIT 3',
        ),
      ).toEqual([
        ['US-CA', 41883],
        ['US-TX', 29195],
        ['US-FL', 24068],
      ]);
      // Parts, explosives and less-lethal launchers are items apart from the firearm totals: the
      // firearm grain counts 352,604 firearms, as the header does.
      expect(await num(x.db, 'SELECT sum(firearms_n)::INTEGER FROM firearms')).toBe(
        x.plan.transformed.checks.sums.firearms,
      );
      const c = x.plan.transformed.checks;
      expect(c.sums.firearms + (c.sums.items - c.sums.firearms)).toBe(354264);
      expect(
        await num(x.db, 'SELECT sum(firearms_count + parts_count)::INTEGER FROM seizures'),
      ).toBe(354264 - (c.sums.byCategory.explosive ?? 0) - (c.sums.byCategory.less_lethal ?? 0));
    });

    it('the two territories in one column are kept in the United States, as written', async () => {
      expect(
        await x.db.rows(
          'SELECT DISTINCT country_iso3 AS c, admin1 AS a, place_original AS p FROM seizures WHERE place_original IS NOT NULL',
        ),
      ).toEqual([{ c: 'USA', a: null, p: 'GUAM & NORTHERN MARIANA ISLANDS' }]);
    });
  });
});
