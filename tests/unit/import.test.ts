/**
 * The importer in Node on fixtures made by code (`tests/helpers/importFixtures.ts`): readers,
 * encodings and delimiters; number, date, place and vocabulary resolution; every shape (long,
 * matrix, wide, sectioned, events) with exact totals and the file's own totals checked; errors
 * that name the file and line; hostile cells kept as data; and the CLI's dataset read back by the
 * app's own SQL on DuckDB-WASM.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRY_ALIASES, LOCAL_UNIT_ALIASES } from '../../src/import/aliases';
import { PlaceResolver } from '../../src/import/places';
import { readFile, sniffFormat } from '../../src/import/read';
import { makeRecipe, parseRecipe, signatureMatch } from '../../src/import/recipe';
import { planImport, readFiles } from '../../src/import/run';
import { parseDate, parseNumber } from '../../src/import/text';
import { ImportError } from '../../src/import/types';
import { resolveCalibre, resolveFirearmType } from '../../src/import/vocabulary';
import { CatalogueSchema, weightsOf } from '../../src/model/catalogue';
import { ManifestSchema, catalogueOf } from '../../src/db/manifest';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { nodeGazetteer } from '../../scripts/lib/importNode';
import * as F from '../helpers/importFixtures';
import { openTestDb } from '../helpers/wasmDb';

const gazetteer = nodeGazetteer();
const resolver = new PlaceResolver(gazetteer);
const plan = async (...files: F.Fixture[]) => planImport(await readFiles(files), resolver);
const firearmsByType = (p: Awaited<ReturnType<typeof plan>>) => {
  const { firearms } = p.tables;
  const type = firearms.spec.columns.findIndex((c) => c.name === 'firearm_type');
  const n = firearms.spec.columns.findIndex((c) => c.name === 'firearms_n');
  const out: Record<string, number> = {};
  for (let i = 0; i < firearms.length; i++) {
    const t = firearms.columns[type]![i] as string;
    out[t] = (out[t] ?? 0) + (firearms.columns[n]![i] as number);
  }
  return out;
};
const column = (p: Awaited<ReturnType<typeof plan>>, name: string) =>
  p.tables.seizures.columns[p.tables.seizures.spec.columns.findIndex((c) => c.name === name)]!;

describe('readers', () => {
  it('detects Windows-1252 and semicolons, and UTF-8 with a BOM and tabs', async () => {
    const [latin] = await readFile('a.csv', F.latin1Semicolon().bytes);
    expect(latin!.encoding).toBe('windows-1252');
    expect(latin!.delimiter).toBe(';');
    expect(latin!.rows[0]).toEqual([
      'Fecha',
      'País',
      'Departamento',
      'Tipo de arma',
      'Calibre',
      'Cantidad',
    ]);
    expect(latin!.rows[2]![3]).toBe('revólver');
    const [tsv] = await readFile('b.tsv', F.bomTsv().bytes);
    expect(tsv!.encoding).toBe('utf-8');
    expect(tsv!.delimiter).toBe('\t');
    expect(tsv!.rows[0]![0]).toBe('date'); // the BOM is not part of the first header
    // The encoding can be overridden.
    const [forced] = await readFile('a.csv', F.latin1Semicolon().bytes, { encoding: 'utf-8' });
    expect(forced!.rows[0]![1]).not.toBe('País');
  });

  it('keeps quoted delimiters, quotes and line breaks inside a field', async () => {
    const text = 'a,b,c\r\n1,"x, ""y""\nz",3\r\n';
    const [s] = await readFile('q.csv', new TextEncoder().encode(text));
    expect(s!.rows).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', '3'],
    ]);
  });

  it('reads JSON, NDJSON, Arrow IPC and Parquet into the same sheet', async () => {
    const records = [
      { date: '2024-01-02', country: 'Mexico', count: 3 },
      { date: '2024-02-03', country: 'Honduras', count: 1 },
    ];
    const expected = [
      ['date', 'country', 'count'],
      ['2024-01-02', 'Mexico', 3],
      ['2024-02-03', 'Honduras', 1],
    ];
    const enc = new TextEncoder();
    expect((await readFile('a.json', enc.encode(JSON.stringify(records))))[0]!.rows).toEqual(
      expected,
    );
    const nd = records.map((r) => JSON.stringify(r)).join('\n');
    expect((await readFile('a.ndjson', enc.encode(nd)))[0]!.rows).toEqual(expected);
    const arrow = tableToIPC(
      tableFromArrays({
        date: ['2024-01-02', '2024-02-03'],
        country: ['Mexico', 'Honduras'],
        count: Int32Array.from([3, 1]),
      }),
    );
    expect((await readFile('a.arrow', arrow))[0]!.rows).toEqual(expected);
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'date', data: ['2024-01-02', '2024-02-03'] },
        { name: 'country', data: ['Mexico', 'Honduras'] },
        { name: 'count', data: Int32Array.from([3, 1]) },
      ],
    });
    expect((await readFile('a.parquet', new Uint8Array(parquet)))[0]!.rows).toEqual(expected);
  });

  it('lists every sheet of a workbook', async () => {
    const sheets = await readFile('w.xlsx', (await F.wideMonthlyXlsx()).bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['2023', 'Notas']);
    expect(sheets[0]!.rows[2]![0]).toBe('Provincia');
    expect(sheets[0]!.rows[3]![2]).toBe(F.wideValue(0, 0));
  });

  it('refuses what is not a table with a message naming the file and, for text, the line', async () => {
    const fail = async (name: string, bytes: Uint8Array) => {
      try {
        await readFiles([{ name, bytes }]);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(await fail('empty.csv', new Uint8Array())).toBe('empty.csv: the file is empty');
    expect(await fail('blank.csv', new TextEncoder().encode('\n \n'))).toMatch(/empty/);
    expect(await fail('junk.csv', F.binaryJunk().bytes)).toMatch(
      /^junk\.csv: this looks like a binary file/,
    );
    expect(await fail('broken.csv', F.brokenQuotes().bytes)).toMatch(
      /^broken\.csv, line 2: a quoted field is never closed/,
    );
    expect(await fail('old.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toMatch(
      /XLS.*save it as XLSX/,
    );
    expect(await fail('x.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatch(
      /ZIP archive/,
    );
    expect(
      await fail('bad.parquet', Uint8Array.from([0x50, 0x41, 0x52, 0x31, 9, 9, 9, 9])),
    ).toMatch(/^bad\.parquet: not a readable Parquet/);
    expect(await fail('bad.json', new TextEncoder().encode('[{"a":1},'))).toMatch(
      /bad\.json, line 1: not valid JSON/,
    );
    expect(sniffFormat('a.txt', new TextEncoder().encode('a|b\n1|2'))).toBe('csv');
  });

  it('refuses a file too big for a tab before reading it, with its size and the limit', async () => {
    const { checkSize } = await import('../../src/import/read');
    expect(() => checkSize('huge.xlsx', 300 * 1024 * 1024)).toThrow(
      /huge\.xlsx: the file is 300\.0 MB, more than .* \(200\.0 MB\)/,
    );
    expect(() => checkSize('big.csv', 900 * 1024 * 1024)).not.toThrow();
  });
});

describe('numbers, dates, places and vocabulary', () => {
  it('reads numbers in either convention and refuses text', () => {
    expect(parseNumber('1,234')).toBe(1234);
    expect(parseNumber('1.234.567')).toBe(1234567);
    expect(parseNumber('1 234')).toBe(1234);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber(7)).toBe(7);
    for (const x of ['n/a', '-', '12 pistols', '', null, '=1+1']) expect(parseNumber(x)).toBeNull();
  });

  it('reads days, months, quarters and years with their precision', () => {
    expect(parseDate('2021-03-04')).toEqual({ date: '2021-03-04', precision: 'day' });
    expect(parseDate('31/12/2021')).toEqual({ date: '2021-12-31', precision: 'day' });
    expect(parseDate('03/2021')).toEqual({ date: '2021-03-01', precision: 'month' });
    expect(parseDate('mars 2021')).toEqual({ date: '2021-03-01', precision: 'month' });
    expect(parseDate('ene-21')).toEqual({ date: '2021-01-01', precision: 'month' });
    expect(parseDate('Q2 2020')).toEqual({ date: '2020-04-01', precision: 'quarter' });
    expect(parseDate('2020 T3')).toEqual({ date: '2020-07-01', precision: 'quarter' });
    expect(parseDate(2019)).toEqual({ date: '2019-01-01', precision: 'year' });
    expect(parseDate('31/02/2021')).toBeNull();
    expect(parseDate('Texas')).toBeNull();
  });

  it('resolves country names in four languages, variants and codes', () => {
    const iso3 = (t: string) => {
      const p = resolver.resolve(t);
      return p?.level === 'country' ? p.iso3 : p?.level === 'admin1' ? p.code : null;
    };
    const cases: Record<string, string> = {
      'Congo, Dem. Rep.': 'COD',
      'RD Congo': 'COD',
      'République démocratique du Congo': 'COD',
      'Congo, Rep.': 'COG',
      'Ivory Coast': 'CIV',
      "CÔTE D'IVOIRE": 'CIV',
      'Costa de Marfil': 'CIV',
      Brasil: 'BRA',
      'Estados Unidos': 'USA',
      'États-Unis': 'USA',
      'EE.UU.': 'USA',
      Perú: 'PER',
      Pérou: 'PER',
      'Bolivia (Plurinational State of)': 'BOL',
      'Venezuela, RB': 'VEN',
      'Korea, Republic of': 'KOR',
      'Gambia, The': 'GMB',
      mex: 'MEX',
      GT: 'GTM',
      'República Dominicana': 'DOM',
      Nigéria: 'NGA',
    };
    for (const [t, want] of Object.entries(cases)) expect([t, iso3(t)]).toEqual([t, want]);
    expect(iso3('Atlantis')).toBeNull();
    expect(resolver.suggest('Colmbia')[0]?.code).toBe('COL');
  });

  it('resolves subdivisions by name or code, in the country their column is in', () => {
    const code = (t: string, within?: string) => {
      const p = resolver.resolve(t, within);
      return p?.level === 'admin1' ? p.code : (p?.iso3 ?? null);
    };
    expect(code('Antioquia')).toBe('CO-ANT');
    expect(code('Provincia de Pichincha')).toBe('EC-P');
    expect(code('Guayas')).toBe('EC-G');
    expect(code('Jalisco')).toBe('MX-JAL');
    expect(code('Estado de México')).toBe('MX-MEX');
    expect(code('São Paulo')).toBe('BR-SP');
    expect(code('Bogotá D.C.')).toBe('CO-DC');
    expect(code('Distrito Metropolitano de Quito')).toBe('EC-P');
    expect(code('CDMX')).toBe('MX-CMX');
    expect(code('Lima', 'PER')).toBe('PE-LMA');
    // Georgia is a country, and a US state in a column of US states; postal codes likewise.
    expect(code('Georgia')).toBe('GEO');
    expect(code('Georgia', 'USA')).toBe('US-GA');
    expect(code('TX', 'USA')).toBe('US-TX');
    expect(code('PR', 'USA')).toBe('PRI');
    expect(code('Dist. of Columbia', 'USA')).toBe('US-DC');
    const { within, places } = resolver.resolveColumn(['Texas', 'Georgia', 'Arizona', 'CA']);
    expect(within).toBe('USA');
    expect([...places.values()].map((p) => (p?.level === 'admin1' ? p.code : p?.iso3))).toEqual([
      'US-TX',
      'US-GA',
      'US-AZ',
      'US-CA',
    ]);
    // Every hand-written alias names a place the gazetteer has.
    for (const iso3 of Object.values(COUNTRY_ALIASES))
      expect(resolver.country(iso3), iso3).toBeDefined();
    for (const c of Object.values(LOCAL_UNIT_ALIASES))
      expect(resolver.subdivision(c), c).toBeDefined();
  });

  it('maps firearm types in four languages, plurals and cases, and recognises special arms', () => {
    const t = (s: string) => {
      const r = resolveFirearmType(s);
      return r ? `${r.type}${r.category === 'firearm' ? '' : `/${r.category}`}` : null;
    };
    const cases: Record<string, string> = {
      pistola: 'pistol',
      pistolet: 'pistol',
      PISTOLAS: 'pistol',
      Pistols: 'pistol',
      revólver: 'revolver',
      Revólveres: 'revolver',
      fusil: 'rifle',
      fusils: 'rifle',
      rifle: 'rifle',
      carabina: 'rifle',
      escopeta: 'shotgun',
      'fusil de chasse': 'shotgun',
      espingarda: 'shotgun',
      subametralladora: 'submachine_gun',
      'pistolet mitrailleur': 'submachine_gun',
      ametralladora: 'machine_gun',
      'fusil de asalto': 'rifle',
      'pistola de fogueo': 'pistol/blank_firing',
      'blank-firing pistol': 'pistol/blank_firing',
      réplica: 'other/replica',
      'escopeta hechiza': 'shotgun/craft',
      'arma artesanal': 'other/craft',
      'home-made gun': 'other/craft',
      Otros: 'other',
      HANDGUN: 'other',
      'AIR RIFLE': 'rifle/less_lethal',
      'Starter pistol': 'pistol/blank_firing',
      MUNICIONES: 'other/ammunition',
      Peças: 'other/part',
      'RECEIVER / FRAME': 'other/part',
      'Granadas de mano': 'other/explosive',
      Garrucha: 'pistol',
    };
    for (const [s, want] of Object.entries(cases)) expect([s, t(s)]).toEqual([s, want]);
    expect(t('arma de fuego')).toBeNull();
    expect(t('Male')).toBeNull();
  });

  it('maps calibre spellings, and leaves unknown ones as written', () => {
    const cases: Record<string, string> = {
      '9MM': '9×19mm',
      '9 mm': '9×19mm',
      '9x19': '9×19mm',
      '9×19mm': '9×19mm',
      '9mm Parabellum': '9×19mm',
      '.38 SPL': '.38 Special',
      '38 special': '.38 Special',
      '12GA': '12 gauge',
      'calibre 12': '12 gauge',
      '12 ga.': '12 gauge',
      '7,62 x 39': '7.62×39mm',
      '7.62x51mm': '7.62×51mm',
      '.380 ACP': '.380 ACP',
      '.22 LR': '.22 LR',
      '5.56 NATO': '5.56×45mm',
      '.40 S&W': '.40 S&W',
    };
    for (const [s, want] of Object.entries(cases))
      expect([s, resolveCalibre(s)]).toEqual([s, want]);
    expect(resolveCalibre('7.62')).toBeNull();
    expect(resolveCalibre('zzz')).toBeNull();
  });
});

describe('shapes', () => {
  it('a portal long table: indicators chosen, Total rows checks beside breakdowns, value when alone', async () => {
    const fx = F.portalLongTable();
    const p = await plan(fx);
    expect(p.recipe.shape).toBe('long');
    expect(p.recipe.indicators).toEqual({
      'Arms seized': 'firearms',
      'Ammunition seized': 'firearms',
      'Seizure cases': 'seizures',
    });
    const c = p.transformed.checks;
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.sums.seizures).toBe(fx.seizures);
    expect(c.skipped.find((s) => s.reason === 'title')?.count).toBe(2);
    // Ammunition is another indicator: imported as items apart, never added to firearms.
    expect(c.skipped.find((s) => s.reason === 'excluded')).toBeUndefined();
    expect(c.sums.byCategory.ammunition).toBeGreaterThan(0);
    expect(c.sums.items).toBe(c.sums.firearms + c.sums.byCategory.ammunition!);
    const wrong = c.totals.filter((t) => t.expected !== t.actual);
    expect(wrong).toHaveLength(fx.wrongTotals);
    expect(wrong[0]!.expected - wrong[0]!.actual).toBe(5);
    expect(c.places).toEqual([]);
    expect(c.coverage).toMatchObject({ precision: 'year', from: '2019', to: '2021', gaps: [] });
    // Types by product vocabulary; the lone Ecuador 2021 total is untyped (counted, no type row).
    const byType = firearmsByType(p);
    // (Ammunition rows are kept as type 'other' with no firearm weight.)
    delete byType.other;
    expect(Object.keys(byType).sort()).toEqual(['pistol', 'revolver', 'rifle', 'shotgun']);
    const typed = Object.values(byType).reduce((a, b) => a + b, 0);
    const lone = fx.firearms - typed;
    expect(lone).toBeGreaterThan(0);
    expect(new Set(column(p, 'country_iso3'))).toEqual(
      new Set(F.PORTAL_COUNTRIES.map((x) => x.iso3)),
    );
    expect(CatalogueSchema.parse(p.tables.catalogue).measures).toEqual(['seizures', 'firearms']);
    expect(p.tables.catalogue.precision.time).toEqual(['year']);
  });

  it('a 55 × 55 source × recovery matrix over three years: exact, totals checked, transposed year noticed', async () => {
    const fx = F.sourceRecoveryMatrices();
    const p = await plan(...fx.files);
    expect(p.recipe.shape).toBe('matrix');
    expect(p.recipe.matrix?.rows).toBe('origin');
    const c = p.transformed.checks;
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.totals.length).toBe(3 * (55 + 55 + 1));
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    expect(c.places).toEqual([]);
    expect(c.notices).toHaveLength(1);
    expect(c.notices[0]).toMatch(/source_recovery_2023\.csv runs the other way/);
    expect(c.skipped.find((s) => s.reason === 'footnote')?.count).toBe(6);
    // One pair, every year, in the right direction: Texas → California.
    const tx = F.MATRIX_PLACES.findIndex((x) => x[1] === 'TX');
    const ca = F.MATRIX_PLACES.findIndex((x) => x[1] === 'CA');
    const want = [2021, 2022, 2023].reduce((a, y) => a + F.matrixValue(tx, ca, y), 0);
    const s = p.tables.seizures;
    const col = (n: string) => s.columns[s.spec.columns.findIndex((x) => x.name === n)]!;
    let got = 0;
    for (let i = 0; i < s.length; i++) {
      if (col('origin_admin1')[i] === 'US-TX' && col('destination_admin1')[i] === 'US-CA')
        got += col('firearms_count')[i] as number;
    }
    expect(got).toBe(want);
    // Territories are countries of their own.
    expect(new Set(col('country_iso3'))).toEqual(new Set(['USA', 'PRI', 'GUM', 'VIR', 'MNP']));
    expect(p.tables.catalogue.measures).toEqual(['firearms']);
    expect(p.tables.catalogue.grains.firearm).toBeNull();
  });

  it('a wide monthly XLSX per district: unpivoted, total column checked, trailing zeros flagged and excludable', async () => {
    const fx = await F.wideMonthlyXlsx();
    const p = await plan(fx);
    expect(p.recipe.shape).toBe('wide');
    expect(p.recipe.wide).toMatchObject({ kind: 'month', total: 'Total' });
    expect(p.recipe.year.from).toBe('fileName');
    const c = p.transformed.checks;
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.totals).toHaveLength(F.WIDE_DISTRICTS.length);
    expect(c.totals.every((t) => t.expected === t.actual)).toBe(true);
    expect(c.coverage).toMatchObject({
      precision: 'month',
      from: '2023-01',
      to: '2023-12',
      periods: 12,
    });
    expect(c.trailingZeros).toHaveLength(F.WIDE_DISTRICTS.length);
    expect(c.trailingZeros[0]!.periods).toEqual(['2023-11', '2023-12']);
    // Districts without a point are kept as an attribute, placed at their province.
    expect(c.places).toEqual([]);
    expect(column(p, 'district')).toContain('Distrito Quitumbe');
    expect(new Set(column(p, 'admin1'))).toEqual(new Set(['EC-P', 'EC-G', 'EC-O', 'EC-E']));
    const kept = planImport(await readFiles([fx]), resolver, {
      ...p.recipe,
      excludeTrailingZeros: true,
    });
    expect(kept.transformed.facts.length).toBe(
      p.transformed.facts.length - 2 * F.WIDE_DISTRICTS.length,
    );
    expect(kept.transformed.checks.coverage.to).toBe('2023-10');
    expect(kept.transformed.checks.sums.firearms).toBe(fx.firearms);
  });

  it('a sectioned CSV: source-state flows and type counts as two parts, firearms counted once', async () => {
    const fx = F.sectionedCsv();
    const p = await plan(fx);
    expect(p.recipe.shape).toBe('sectioned');
    expect(p.recipe.sections).toEqual({ 'Source state': 'origin', 'Weapon type': 'firearmType' });
    expect(p.recipe.country).toBe('MEX');
    const c = p.transformed.checks;
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.totals).toHaveLength(1);
    expect(c.totals[0]!.expected).toBe(c.totals[0]!.actual);
    expect(firearmsByType(p)).toEqual(fx.byType);
    expect(new Set(column(p, 'origin_admin1').filter(Boolean))).toEqual(
      new Set(['US-TX', 'US-AZ', 'US-CA', 'US-NM', 'US-FL']),
    );
    expect(new Set(column(p, 'destination_iso3'))).toEqual(new Set(['MEX', null]));
    // Notes with quoted commas and non-breaking spaces stay in their column.
    const notes = p.tables.sourceRows!;
    expect(notes.spec.columns.map((x) => x.name)).toEqual([
      'seizure_id',
      'source_file',
      'source_sheet',
      'source_line',
      'Section',
      'Label',
      'Value',
      'Notes',
    ]);
    expect(notes.columns[7]![5]).toBe('Incluye armas\u00a0cortas, largas y de "uso exclusivo"');
  });

  it('event lists: Latin-1 Spanish register, BOM TSV in four languages', async () => {
    const peru = await plan(F.latin1Semicolon());
    expect(peru.recipe.shape).toBe('events');
    expect(peru.recipe.columns).toMatchObject({
      Fecha: 'date',
      País: 'country',
      Departamento: 'admin1',
      'Tipo de arma': 'firearmType',
      Calibre: 'calibre',
      Cantidad: 'count',
    });
    expect(peru.transformed.checks.sums).toMatchObject({ seizures: 4, firearms: 7 });
    expect(firearmsByType(peru)).toEqual({ pistol: 2, revolver: 1, shotgun: 3, rifle: 1 });
    const calibres =
      peru.tables.firearms.columns[
        peru.tables.firearms.spec.columns.findIndex((x) => x.name === 'calibre')
      ];
    expect(calibres).toEqual(['9×19mm', '.38 Special', '12 gauge', '7.62×39mm']);
    expect(peru.tables.catalogue.grains.seizure.weight).toBeNull();
    const wa = await plan(F.bomTsv());
    expect(wa.transformed.checks.sums).toMatchObject({ seizures: 6, firearms: 12 });
    expect(column(wa, 'country_iso3')).toEqual(['CIV', 'CIV', 'COD', 'COD', 'NGA', 'USA']);
  });

  it('a column named like an indicator but full of serial numbers is not one', async () => {
    const rows = [['Fecha', 'País', 'Tipo', 'Serie']];
    for (let i = 0; i < 120; i++)
      rows.push([
        `2022-01-${String((i % 28) + 1).padStart(2, '0')}`,
        'Honduras',
        'pistola',
        `A${(i * 7919).toString(16).toUpperCase()}`,
      ]);
    const p = await plan({
      name: 'serials.csv',
      bytes: new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n')),
    });
    expect(p.recipe.shape).toBe('events');
    expect(p.recipe.columns.Serie).toBe('ignore');
    expect(p.transformed.checks.sums.seizures).toBe(120);
  });

  it('hostile cells stay data; an unknown place is kept, listed with suggestions and fixable', async () => {
    const p = await plan(F.hostileCsv());
    const makes =
      p.tables.firearms.columns[p.tables.firearms.spec.columns.findIndex((x) => x.name === 'make')];
    expect(makes).toEqual([...F.HOSTILE, 'Glock']);
    const c = p.transformed.checks;
    expect(c.places.map((x) => [x.text, x.rows])).toEqual([['Atlantis', 1]]);
    expect(c.places[0]!.suggestions.length).toBeGreaterThan(0);
    // Kept, not dropped: placed in no country, the name as written beside it.
    expect(c.skipped).toEqual([]);
    expect(c.unplaced).toMatchObject({ count: 1, unknownCountry: 1 });
    expect(c.sums.seizures).toBe(5);
    expect(column(p, 'country_iso3').at(-1)).toBeNull();
    expect(column(p, 'location_precision').at(-1)).toBe('unknown');
    expect(column(p, 'place_original').at(-1)).toBe('Atlantis');
    const fixed = planImport(await readFiles([F.hostileCsv()]), resolver, {
      ...p.recipe,
      fixes: { ...p.recipe.fixes, places: { Atlantis: 'BLZ' } },
    });
    expect(fixed.transformed.checks.places).toEqual([]);
    expect(fixed.transformed.checks.sums.seizures).toBe(5);
  });
});

describe('recipes', () => {
  it('are validated, round-trip as JSON and recognise their layout', async () => {
    const p = await plan(F.portalLongTable());
    const again = parseRecipe(JSON.parse(JSON.stringify(p.recipe)));
    expect(again).toEqual(p.recipe);
    expect(signatureMatch(p.recipe, p.transformed.layouts[0]!.headers)).toBe(1);
    expect(signatureMatch(p.recipe, ['a', 'b'])).toBe(0);
    expect(() => parseRecipe({ recipe: 'x' })).toThrow(/not an import recipe/);
    expect(() => parseRecipe({ ...p.recipe, version: 2 })).toThrow(/version/);
    expect(() => parseRecipe({ ...p.recipe, fixes: { places: { a: "'; DROP" } } })).toThrow();
    expect(makeRecipe({ shape: 'events' }).columns).toEqual({});
  });
});

describe('the command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a dataset the app reads with exactly the imported totals', async () => {
    const fx = F.portalLongTable();
    writeFileSync(join(dir, fx.name), fx.bytes);
    const out = join(dir, 'data', 'portal');
    const log = execFileSync(
      'npx',
      [
        'tsx',
        'scripts/import.ts',
        join(dir, fx.name),
        '--out',
        out,
        '--save-recipe',
        join(dir, 'r.json'),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(log).toMatch(/Imported: 108 seizures, 1,495 firearms/);
    expect(log).toMatch(
      /Arms seized · Total at portal_iafq_export\.csv, line \d+: file says 83, imported 78/,
    );
    const manifest = ManifestSchema.parse(
      JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')),
    );
    expect(manifest.synthetic).toBe(false);
    expect(manifest.cubes).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, 'data', 'index.json'), 'utf8')).datasets).toEqual([
      { name: 'portal', title: 'Imported: portal_iafq_export.csv' },
    ]);
    const catalogue = catalogueOf(manifest);
    const db = await openTestDb(out);
    try {
      const all = { time: { from: null, to: null }, filters: EMPTY_FILTERS, crossFilters: [] };
      for (const model of [
        { cubes: null, weights: weightsOf(catalogue) },
        { cubes: 'atlas.main', weights: weightsOf(catalogue) },
      ]) {
        const [h] = await db.rows<HeadlineRow>(headlineQuery(model, all));
        expect(h).toMatchObject({ seizures: fx.seizures, firearms: fx.firearms });
      }
      const [src] = await db.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM source_rows');
      expect(src!.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    // The saved recipe imports the same file the same way.
    const again = execFileSync(
      'npx',
      [
        'tsx',
        'scripts/import.ts',
        join(dir, fx.name),
        '--dry-run',
        '--recipe',
        join(dir, 'r.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(again).toMatch(/Imported: 108 seizures, 1,495 firearms/);
    expect(again).not.toMatch(/Detected:/);
  }, 120_000);
});
