/**
 * The kinds of real public file that failed the importer, each as a generated fixture
 * (`tests/helpers/realWorldFixtures.ts`) imported with no recipe: every data row kept (undated
 * and unplaced rows counted and listed, never dropped), places read in their country, items that
 * are not firearms kept apart, breakdowns that are not places or types, and the file's own totals
 * reproduced. The real files themselves are in `realdata.test.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightsOf } from '../../src/model/catalogue';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { tracesPanelQueries } from '../../src/features/traces/tracesQueries';
import { EMPTY_FILTERS } from '../../src/model/viewState';
import { openTestDb } from '../helpers/wasmDb';
import { PlaceResolver } from '../../src/import/places';
import { planImport, readFiles } from '../../src/import/run';
import { nodeGazetteer, writeImportedDataset } from '../../scripts/lib/importNode';
import type { Fixture } from '../helpers/importFixtures';
import * as R from '../helpers/realWorldFixtures';

const resolver = new PlaceResolver(nodeGazetteer());
const plan = async (...files: Fixture[]) => planImport(await readFiles(files), resolver);
type Plan = Awaited<ReturnType<typeof plan>>;
const col = (p: Plan, table: 'seizures' | 'firearms' | 'traces', name: string) =>
  p.tables[table].columns[p.tables[table].spec.columns.findIndex((c) => c.name === name)]!;
const sumBy = (p: Plan, table: 'seizures' | 'firearms', key: string, value: string) => {
  const k = col(p, table, key);
  const v = col(p, table, value);
  const out: Record<string, number> = {};
  k.forEach((x, i) => (out[String(x)] = (out[String(x)] ?? 0) + Number(v[i])));
  return out;
};
const nonData = ['blank', 'title', 'footnote', 'repeatedHeader', 'total'];

describe('real-world layouts', () => {
  it('a police export: d/m/y dates with a 12-hour time part, most empty, every row kept', async () => {
    const fx = R.policeExport();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.columns['Date Occurred']).toBe('date');
    expect(c.rowsRead).toBe(fx.rows);
    expect(c.skipped).toEqual([]);
    expect(c.undated.count).toBe(fx.undated);
    expect(c.dateOrder).toEqual({ order: 'dmy', decided: 'values' });
    expect(c.sums.firearms).toBe(fx.rows);
    expect(p.tables.seizures.length).toBe(fx.rows);
    const dates = col(p, 'seizures', 'seizure_date');
    const precision = col(p, 'seizures', 'date_precision');
    expect(precision.filter((x) => x === 'unknown')).toHaveLength(fx.undated);
    expect(dates.filter((d) => d === null)).toHaveLength(fx.undated);
    expect(new Set(dates.filter(Boolean))).toEqual(new Set(Object.values(fx.dates)));
    expect(p.tables.catalogue.precision.time).toEqual(['day', 'unknown']);
    // Import is never blocked by dates: the plan has facts to commit.
    expect(c.sums.facts).toBeGreaterThan(0);
  });

  it('the same export read month first when the user says so, or by language when ambiguous', async () => {
    const ambiguous: Fixture = {
      name: 'register.csv',
      bytes: new TextEncoder().encode(
        'Date,State,Firearm type\r\n01/02/2021,Texas,Pistol\r\n03/04/2021,Ohio,Rifle\r\n',
      ),
    };
    const p = await plan(ambiguous);
    expect(p.transformed.checks.dateOrder).toEqual({ order: 'mdy', decided: 'language' });
    expect(col(p, 'seizures', 'seizure_date')).toEqual(['2021-01-02', '2021-03-04']);
    const dmy = planImport(await readFiles([ambiguous]), resolver, {
      ...p.recipe,
      dateOrder: 'dmy',
    });
    expect(dmy.transformed.checks.dateOrder).toEqual({ order: 'dmy', decided: 'recipe' });
    expect(col(dmy, 'seizures', 'seizure_date')).toEqual(['2021-02-01', '2021-04-03']);
    // A subdivision column of one country names the country.
    expect(p.recipe.country).toBe('USA');
  });

  it('a ministry list of items: plurals in any column, DM districts and the sea placed, no count column', async () => {
    const fx = R.ministryItems();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.columns['Descripción del bien']).toBe('firearmType');
    expect(p.recipe.columns.Provincia).toBe('admin1');
    expect(p.recipe.country).toBe('ECU');
    expect(c.rowsRead).toBe(fx.rows);
    expect(c.skipped).toEqual([]);
    expect(c.places).toEqual([]);
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.sums.byCategory).toEqual({ ammunition: fx.ammunition, part: fx.parts });
    expect(c.sums.items).toBe(fx.rows);
    // Every row is one seizure record; firearms counted per admin-1, the sea at country level.
    expect(p.tables.seizures.length).toBe(fx.rows);
    const admin1 = col(p, 'seizures', 'admin1');
    const firearms = col(p, 'seizures', 'firearms_count');
    const by: Record<string, number> = {};
    admin1.forEach((a, i) => {
      const n = Number(firearms[i]);
      if (n) by[String(a ?? 'ECU')] = (by[String(a ?? 'ECU')] ?? 0) + n;
    });
    expect(by).toEqual(fx.byAdmin1);
    expect(new Set(col(p, 'seizures', 'country_iso3'))).toEqual(new Set(['ECU']));
    expect(col(p, 'seizures', 'place_original')).toContain('MAR TERRITORIAL');
    expect(
      Number(col(p, 'seizures', 'ammunition_rounds').reduce((a, b) => Number(a) + Number(b), 0)),
    ).toBe(fx.ammunition);
  });

  it('a misspelt province is suggested in the country its column is in, and kept there meanwhile', async () => {
    const rows = [
      'Fecha;Provincia;Bien',
      '1/2/2022;PICHINCHA;PISTOLA',
      '2/2/2022;GUAYAS;REVOLVER',
      '3/2/2022;MANABI;ESCOPETA',
      '4/2/2022;STA. ELENA;PISTOLA',
    ];
    const p = await plan({
      name: 'incautaciones.csv',
      bytes: new TextEncoder().encode(rows.join('\n')),
    });
    const c = p.transformed.checks;
    expect(p.recipe.country).toBe('ECU');
    expect(c.places.map((x) => x.text)).toEqual(['STA. ELENA']);
    expect(c.places[0]!.suggestions[0]!.code).toBe('EC-SE');
    expect(c.unplaced.count).toBe(1);
    expect(col(p, 'seizures', 'country_iso3').at(-1)).toBe('ECU');
  });

  it('a precinct sheet: the state from the title and file name, precincts kept as districts, other sheets apart', async () => {
    const fx = await R.precinctWorkbook();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('wide');
    expect(p.recipe.wide?.kind).toBe('firearmType');
    expect(p.recipe.country).toBe('BR-RJ');
    expect(p.recipe.columns.Delegacia).toBe('district');
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    expect(c.places).toEqual([]);
    expect(new Set(col(p, 'seizures', 'admin1'))).toEqual(new Set(['BR-RJ']));
    expect(new Set(col(p, 'seizures', 'district')).size).toBe(4);
    expect(c.coverage).toMatchObject({ precision: 'month', from: '2019-01', to: '2019-06' });
    expect(sumBy(p, 'firearms', 'firearm_type', 'firearms_n')).toEqual(fx.byType);
    // The vehicles sheet is not read as firearms.
    expect(p.recipe.sheets).toEqual(['Armas']);
  });

  it('a portal long table: sex, marking, legal context and place of seizure are breakdowns, not places or types', async () => {
    const fx = R.portalBreakdowns();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('long');
    expect(c.places).toEqual([]);
    expect(c.types).toEqual([]);
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(sumBy(p, 'firearms', 'firearm_type', 'firearms_n')).toEqual(fx.byType);
    // Each breakdown reproduces its Total: 5 dimensions × countries × years, all equal.
    expect(c.totals).toHaveLength(fx.totalRows * R.PORTAL_BREAKDOWNS.length);
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    for (const s of c.skipped) expect([...nonData, 'breakdown']).toContain(s.reason);
    expect(new Set(col(p, 'seizures', 'country_iso3'))).toEqual(new Set(['COL', 'PER', 'ECU']));
  });

  it('a data-portal export: counts kept, rates left out, sex rows checked, ammunition apart, bases from indicators', async () => {
    const fx = R.portalExport();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('long');
    expect(p.recipe.columns).toMatchObject({
      'Unit of measurement': 'unit',
      Sex: 'breakdown',
      Region: 'ignore',
    });
    expect(c.places).toEqual([]);
    expect(c.types).toEqual([]);
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.sums.byCategory).toEqual({ ammunition: fx.rounds });
    expect(c.skipped.find((s) => s.reason === 'notCount')?.count).toBe(fx.rates);
    expect(c.skipped.find((s) => s.reason === 'breakdown')?.count).toBe(fx.bySex);
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    expect(c.totals.some((t) => t.label.endsWith('· Sex'))).toBe(true);
    const basis = sumBy(p, 'seizures', 'basis', 'firearms_count');
    expect(basis).toEqual({ seized: fx.seized, surrendered: fx.surrendered });
    expect(new Set(col(p, 'seizures', 'country_iso3'))).toEqual(new Set(['GTM', 'HND', 'SLV']));
    for (const s of c.skipped) expect([...nonData, 'breakdown', 'notCount']).toContain(s.reason);
  });

  it('a scraped trace table in sections: flows, types as their own part, other sections as breakdowns', async () => {
    const fx = R.scrapedTraceTable();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('sectioned');
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(c.types).toEqual([]);
    expect(sumBy(p, 'firearms', 'firearm_type', 'firearms_n')).toEqual(fx.byType);
    // Type and calibre rows stand apart from the flows (no origin), as in every sectioned table.
    expect(new Set(col(p, 'seizures', 'origin_admin1').filter(Boolean))).toEqual(
      new Set(R.TRACE_SOURCE_STATES.map(([, code]) => code)),
    );
    expect(new Set(col(p, 'seizures', 'destination_admin1').filter(Boolean))).toEqual(
      new Set(['US-NM']),
    );
    expect(new Set(col(p, 'seizures', 'admin1'))).toEqual(new Set(['US-NM']));
    expect(p.recipe.sections).toMatchObject({
      'Types of Firearms Recovered': 'firearmType',
      'Top Calibers': 'calibre',
      'Time-to-Crime Rates': 'ignore',
      'Age of possessors': 'ignore',
    });
    expect(c.skipped.find((s) => s.reason === 'breakdown')?.count).toBe(6);
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    for (const s of c.skipped) expect([...nonData, 'breakdown']).toContain(s.reason);
  });
});

describe('a scraped trace table as a long table', () => {
  it('its category column names the parts: flows into the state, types apart, the rest breakdowns', async () => {
    const fx = R.scrapedTraceLong();
    const p = await plan(fx);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('sectioned');
    expect(p.recipe.columns).toMatchObject({ Category: 'section', Item: 'label', State: 'admin1' });
    expect(p.recipe.sections).toMatchObject({
      'Top Source States': 'origin',
      'Firearm Types': 'firearmType',
      Calibers: 'calibre',
    });
    expect(c.types).toEqual([]);
    expect(c.sums.firearms).toBe(fx.firearms);
    expect(sumBy(p, 'firearms', 'firearm_type', 'firearms_n')).toEqual(fx.byType);
    expect(new Set(col(p, 'seizures', 'destination_admin1').filter(Boolean))).toEqual(
      new Set(['US-AZ']),
    );
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
  });
});

describe('a series of files', () => {
  it('eight yearly matrices laid out differently import together, each year exact', async () => {
    const fx = await R.yearlyMatrixSeries();
    const p = await plan(...fx.files);
    const c = p.transformed.checks;
    expect(p.recipe.shape).toBe('matrix');
    expect(c.sums.firearms).toBe(fx.total);
    const grand = c.totals.filter((t) => t.label === 'Grand total');
    expect(grand).toHaveLength(8);
    expect(c.totals.filter((t) => t.expected !== t.actual)).toEqual([]);
    expect(c.notices.some((x) => x.includes('2018') && x.includes('transposed'))).toBe(true);
    const byYear: Record<number, number> = {};
    const dates = col(p, 'seizures', 'seizure_date');
    const firearms = col(p, 'seizures', 'firearms_count');
    dates.forEach((d, i) => {
      const y = Number(String(d).slice(0, 4));
      byYear[y] = (byYear[y] ?? 0) + Number(firearms[i]);
    });
    expect(byYear).toEqual(fx.perYear);
    // The transposed year runs from sources to recoveries like the others: Texas's 2018 sales.
    const origin = col(p, 'seizures', 'origin_admin1');
    const texas = R.SERIES_PLACES.findIndex(([, code]) => code === 'TX');
    const expected = R.SERIES_PLACES.reduce(
      (a, _, r) => (r === texas ? a : a + R.seriesValue(texas, r, 2018)),
      0,
    );
    let got = 0;
    dates.forEach((d, i) => {
      const dst = col(p, 'seizures', 'destination_admin1')[i];
      if (String(d).startsWith('2018') && origin[i] === 'US-TX' && dst !== 'US-TX')
        got += Number(firearms[i]);
    });
    expect(got).toBe(expected);
    // The joined territories stay in the United States, as written.
    expect(col(p, 'seizures', 'place_original')).toContain('GUAM & NORTHERN MARIANA ISLANDS');
  });
});

describe('a series whose first file is odd', () => {
  it('the first file with no year in a matrix shape still imports as the series it belongs to', async () => {
    const fx = await R.yearlyMatrixSeries();
    // A cover sheet first: a file of notes, no matrix.
    const cover: Fixture = {
      name: 'firearms_trace_readme.csv',
      bytes: new TextEncoder().encode('Note\r\nSee the yearly files.\r\nSynthetic test data.\r\n'),
    };
    const p = await plan(cover, ...fx.files);
    expect(p.recipe.shape).toBe('matrix');
    expect(p.transformed.checks.sums.firearms).toBe(fx.total);
  });
});

describe('trace requests as an import grain', () => {
  it('a register of trace requests: one request per row, the Traces view has its table', async () => {
    const fx = R.traceRegister();
    const p = await plan(fx);
    expect(p.recipe.grain).toBe('trace');
    expect(p.recipe.columns).toMatchObject({
      'País solicitante': 'requesting',
      'País requerido': 'requested',
      'Fecha de solicitud': 'sentDate',
      'Fecha de respuesta': 'answeredDate',
      Resultado: 'outcome',
      'Tipo de arma': 'firearmType',
    });
    const c = p.transformed.checks;
    expect(c.skipped).toEqual([]);
    expect(c.places).toEqual([]);
    const t = p.tables.traces;
    expect(t.length).toBe(fx.rows);
    const outcome = col(p, 'traces', 'outcome');
    const counts: Record<string, number> = {};
    for (const o of outcome) counts[String(o)] = (counts[String(o)] ?? 0) + 1;
    expect(counts).toEqual(fx.byOutcome);
    expect(new Set(col(p, 'traces', 'requesting_iso3'))).toEqual(new Set(['GTM', 'HND', 'SLV']));
    expect(new Set(col(p, 'traces', 'requested_iso3'))).toEqual(
      new Set(['USA', 'BRA', 'CZE', 'AUT']),
    );
    expect(col(p, 'traces', 'answered_date').filter(Boolean)).toHaveLength(fx.answered);
    expect(col(p, 'traces', 'sent_date')[0]).toBe('2022-01-01');
    // Each request is about its own firearm, seized in the requesting country.
    expect(p.tables.firearms.length).toBe(fx.rows);
    expect(p.tables.catalogue.grains.trace).toEqual({ weight: null });
    // One seizure per request: an event list, so Records lists them.
    expect(p.tables.catalogue.grains.seizure).toEqual({ weight: null });
    expect(p.tables.catalogue.measures).toContain('traces');
    expect(p.tables.catalogue.fields).toContain('traceOutcome');

    // Written as the CLI writes it, the app's headline and Traces panels read it.
    const out = mkdtempSync(join(tmpdir(), 'atlas-traces-'));
    try {
      await writeImportedDataset(p, out, { name: 'traces', title: fx.name });
      const db = await openTestDb(out);
      try {
        const model = { cubes: 'atlas.main', weights: weightsOf(p.tables.catalogue) };
        const all = { time: { from: null, to: null }, filters: EMPTY_FILTERS, crossFilters: [] };
        const [h] = await db.rows<HeadlineRow>(headlineQuery(model, all));
        expect(h).toMatchObject({ traces: fx.rows, tracesAnswered: fx.answered });
        // Every panel runs; those the register feeds have rows (time to crime and the SDG
        // share need what a request register does not say).
        const panels = tracesPanelQueries(model, all, 'en', p.tables.dateRange.to);
        for (const [client, q] of Object.entries(panels)) {
          const rows = await db.rows(q);
          if (!/ttc|sdg/.test(client)) expect(rows.length, client).toBeGreaterThan(0);
        }
      } finally {
        db.close();
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('dates by their values', () => {
  it('a column of dates headed like a place, and spreadsheet serials headed as a date, are dates', async () => {
    const fx = await R.workbookOf('registro_2021.xlsx', [
      ['Date recovered', 'FECHA_INCAUTACION', 'Provincia', 'Arma'],
      ['03/04/2021', 44287, 'Pichincha', 'Pistola'],
      ['15/04/2021', 44301, 'Guayas', 'Revólver'],
      ['20/05/2021', 44336, 'Manabí', 'Escopeta'],
    ]);
    const p = await plan(fx);
    expect(p.recipe.columns['Date recovered']).toBe('date');
    expect(p.recipe.columns.FECHA_INCAUTACION).toBe('date');
    expect(p.transformed.checks.undated.count).toBe(0);
    expect(col(p, 'seizures', 'seizure_date')).toEqual(['2021-04-03', '2021-04-15', '2021-05-20']);
  });
});
