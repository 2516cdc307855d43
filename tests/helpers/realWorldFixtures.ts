/**
 * Fixtures of the ways real public files failed the importer (issue "Real files, real answers"),
 * made by code with every expected figure computed beside the file. Each mimics a kind of file
 * seen in the wild without copying one:
 *
 * 1. a police register export: day-first dates with a 12-hour time part, most dates empty;
 * 2. a ministry list of seized items, one row per item, Spanish plurals in a column not named
 *    "type", metropolitan-district abbreviations and the territorial sea for provinces;
 * 3. a state's monthly sheet per police precinct: a number column per firearm type and a total,
 *    the state named only in the title and file name, another sheet for other items;
 * 4. a portal long table whose dimensions include sex, marking status and legal context;
 * 5. a scraped state trace table in sections marked by heading rows (no section column);
 * 6. a series of yearly source × recovery matrices whose headers are worded differently.
 *
 * Deterministic: no randomness.
 */
import { csv, utf8, workbook, type Fixture } from './importFixtures';

// ─── 1. A police register export ─────────────────────────────────────────────────────────────

/**
 * An English-language police export: one row per firearm recovered, `dd/mm/yyyy hh:mm:ss AM`
 * dates (some days over 12, so day first is decided by the values), and 26 of 40 rows with no
 * date at all. Every row must be kept; the undated ones at precision `unknown`.
 */
export function policeExport(): Fixture & {
  rows: number;
  undated: number;
  dates: Record<string, string>;
} {
  const header = ['Incident No', 'Date Occurred', 'Division', 'Country', 'Weapon', 'Qty'];
  const divisions = ['Port of Spain', 'Northern', 'Western', 'Southern', 'Central'];
  const weapons = ['Pistol', 'Revolver', 'Shotgun', 'Rifle', 'Pistol'];
  const rows: (string | number)[][] = [header];
  const dates: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const id = `TT-${2019}-${String(1000 + i)}`;
    let date = '';
    if (i % 3 === 0) {
      const day = 1 + ((i * 7) % 28);
      const month = 1 + (i % 12);
      date = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2019 12:00:00 AM`;
      dates[id] = `2019-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
    rows.push([id, date, divisions[i % 5]!, 'Trinidad and Tobago', weapons[i % 5]!, 1]);
  }
  return {
    name: 'firearms_recovered_export.csv',
    bytes: utf8(csv(rows)),
    rows: 40,
    undated: 40 - Object.keys(dates).length,
    dates,
  };
}

// ─── 2. A ministry list of seized items ──────────────────────────────────────────────────────

/** Provinces as the list writes them, and where they must land. */
export const MINISTRY_PROVINCES: [string, string | null][] = [
  ['PICHINCHA', 'EC-P'],
  ['GUAYAS', 'EC-G'],
  ['DMQ', 'EC-P'],
  ['DMG', 'EC-G'],
  ['MANABI', 'EC-M'],
  ['ESMERALDAS', 'EC-E'],
  ['MAR TERRITORIAL', null],
];
/** Items as the list writes them: product type, or the category that is not a firearm. */
export const MINISTRY_ITEMS: [string, string][] = [
  ['PISTOLAS', 'pistol'],
  ['REVOLVERES', 'revolver'],
  ['ESCOPETAS', 'shotgun'],
  ['FUSILES', 'rifle'],
  ['ARMAS HECHIZAS', 'craft'],
  ['MUNICIONES', 'ammunition'],
  ['CARTUCHOS', 'ammunition'],
  ['ALIMENTADORAS Y PARTES', 'part'],
];

/**
 * A Spanish-language list with one row per seized item and no count column: the items column is
 * headed "Descripción del bien". 70 rows over seven provinces (two as metropolitan-district
 * abbreviations, one the territorial sea) and eight kinds of item, three of them not firearms.
 */
export function ministryItems(): Fixture & {
  rows: number;
  firearms: number;
  ammunition: number;
  parts: number;
  byAdmin1: Record<string, number>;
} {
  const rows: (string | number)[][] = [
    ['Fecha', 'Provincia', 'Cantón', 'Descripción del bien', 'Estado'],
  ];
  let firearms = 0;
  let ammunition = 0;
  let parts = 0;
  const byAdmin1: Record<string, number> = {};
  for (let i = 0; i < 70; i++) {
    const [prov, code] = MINISTRY_PROVINCES[i % MINISTRY_PROVINCES.length]!;
    const [item, kind] = MINISTRY_ITEMS[i % MINISTRY_ITEMS.length]!;
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    rows.push([
      `${day}/${month}/2022`,
      prov,
      prov === 'MAR TERRITORIAL' ? '' : `CANTON ${i % 4}`,
      item,
      'INCAUTADO',
    ]);
    if (kind === 'ammunition') ammunition++;
    else if (kind === 'part') parts++;
    else {
      firearms++;
      const k = code ?? 'ECU';
      byAdmin1[k] = (byAdmin1[k] ?? 0) + 1;
    }
  }
  return {
    name: 'bienes_incautados_2022.csv',
    bytes: utf8(csv(rows, ';')),
    rows: 70,
    firearms,
    ammunition,
    parts,
    byAdmin1,
  };
}

// ─── 3. A state's monthly sheet per police precinct ──────────────────────────────────────────

const PRECINCTS = [
  '001ª DP - Praça Mauá',
  '005ª DP - Mem de Sá',
  '012ª DP - Copacabana',
  '021ª DP - Bonsucesso',
];
const MESES = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun'];
const PRECINCT_TYPES = ['Pistola', 'Revólver', 'Espingarda', 'Fuzil'];
/** Firearms of a type seized in a precinct and month. */
export const precinctValue = (p: number, m: number, t: number) => (p * 3 + m * 5 + t * 7) % 9;

/**
 * A workbook from a state's public-security institute: a title naming the state, a header
 * `Delegacia | Mês | Pistola | Revólver | Espingarda | Fuzil | Total`, a row per precinct and
 * month, and a second sheet of vehicles recovered (not firearms). The state (Rio de Janeiro) is
 * named only in the title and in the file name ("…_RJ_…").
 */
export async function precinctWorkbook(): Promise<
  Fixture & { firearms: number; rows: number; byType: Record<string, number> }
> {
  const arms: (string | number | null)[][] = [
    ['Apreensão de armas de fogo por delegacia — Estado do Rio de Janeiro — 2019'],
    [null],
    ['Delegacia', 'Mês', ...PRECINCT_TYPES, 'Total'],
  ];
  let firearms = 0;
  const byType: Record<string, number> = {};
  const product = ['pistol', 'revolver', 'shotgun', 'rifle'];
  PRECINCTS.forEach((p, pi) =>
    MESES.forEach((m, mi) => {
      const values = PRECINCT_TYPES.map((_, ti) => precinctValue(pi, mi, ti));
      values.forEach((v, ti) => (byType[product[ti]!] = (byType[product[ti]!] ?? 0) + v));
      const sum = values.reduce((a, b) => a + b, 0);
      firearms += sum;
      arms.push([p, m, ...values, sum]);
    }),
  );
  arms.push([null]);
  arms.push(['Fonte: dados sintéticos de teste.']);
  const vehicles: (string | number | null)[][] = [
    ['Veículos recuperados por delegacia — Rio de Janeiro — 2019'],
    ['Delegacia', 'Mês', 'Automóveis', 'Motocicletas'],
    ...PRECINCTS.map((p, i) => [p, 'jan', 10 + i, 3 + i]),
  ];
  return {
    name: 'ISP_RJ_apreensoes_delegacia_2019.xlsx',
    bytes: await workbook([
      { name: 'Armas', rows: arms },
      { name: 'Veículos', rows: vehicles },
    ]),
    firearms,
    rows: PRECINCTS.length * MESES.length,
    byType,
  };
}

// ─── 4. A portal long table with breakdowns ──────────────────────────────────────────────────

/** The portal's breakdowns of one total: dimension → categories. */
export const PORTAL_BREAKDOWNS: [string, string[]][] = [
  ['Sex', ['Male', 'Female']],
  ['Status on marking', ['Marked', 'Unmarked', 'Unknown']],
  ['Legal context', ['Illicit possession', 'Illicit trafficking', 'Other']],
  ['Place of seizure', ['Land border', 'Airport', 'Seaport', 'Inland']],
  ['Weapon type', ['Pistols', 'Revolvers', 'Rifles', 'Shotguns']],
];
const PORTAL_LONG_COUNTRIES = ['Colombia', 'Peru', 'Ecuador'];

/**
 * A UNODC-style long table (country, indicator, dimension, category, year, value): per country
 * and year a Total row and five breakdowns of it — by sex of the person, marking status, legal
 * context, place of seizure and weapon type — each summing to the Total. The firearms are the
 * Totals; no breakdown is a place or adds to them; the weapon type split is the type breakdown.
 */
export function portalBreakdowns(): Fixture & {
  firearms: number;
  byType: Record<string, number>;
  totalRows: number;
} {
  const rows: (string | number)[][] = [
    ['Country', 'Indicator', 'Dimension', 'Category', 'Year', 'Value'],
  ];
  let firearms = 0;
  let totalRows = 0;
  const byType: Record<string, number> = {};
  const product = ['pistol', 'revolver', 'rifle', 'shotgun'];
  PORTAL_LONG_COUNTRIES.forEach((c, ci) =>
    [2020, 2021].forEach((y) => {
      // One split per dimension, each summing to the same total.
      const base = [40 + ci * 10, 25 + (y % 3) * 4, 12 + ci, 8];
      const total = base.reduce((a, b) => a + b, 0);
      firearms += total;
      totalRows++;
      rows.push([c, 'Arms seized', 'Total', 'Total', y, total]);
      for (const [dim, cats] of PORTAL_BREAKDOWNS) {
        const n = cats.length;
        const share = Math.floor(total / n);
        const parts = cats.map((_, k) => (k < n - 1 ? share : total - share * (n - 1)));
        if (dim === 'Weapon type') {
          parts.splice(0, 4, ...base);
          base.forEach((v, k) => (byType[product[k]!] = (byType[product[k]!] ?? 0) + v));
        }
        cats.forEach((cat, k) => rows.push([c, 'Arms seized', dim, cat, y, parts[k]!]));
      }
    }),
  );
  return {
    name: 'portal_arms_seized_breakdowns.csv',
    bytes: utf8(csv(rows)),
    firearms,
    byType,
    totalRows,
  };
}

// ─── 5. A scraped state trace table in sections ──────────────────────────────────────────────

/** Sections of the scraped table, as heading rows followed by label/value rows. */
export const TRACE_SOURCE_STATES: [string, string, number][] = [
  ['Texas', 'US-TX', 410],
  ['Arizona', 'US-AZ', 220],
  ['Nevada', 'US-NV', 95],
  ['California', 'US-CA', 80],
  ['Utah', 'US-UT', 35],
];
export const TRACE_TYPES: [string, string, number][] = [
  ['Pistol', 'pistol', 520],
  ['Rifle', 'rifle', 190],
  ['Revolver', 'revolver', 90],
  ['Shotgun', 'shotgun', 40],
];

/**
 * A state's trace summary scraped from a web page into a CSV of two columns: each section starts
 * with a heading row (label only), then label/value rows: top source states, firearm types,
 * calibres, time-to-crime bands and possessor age bands. The firearms are the source-state flows
 * into the state (New Mexico); types are a second view of the same firearms; calibres, time to
 * crime and ages are breakdowns, never firearm types.
 */
export function scrapedTraceTable(): Fixture & {
  firearms: number;
  byType: Record<string, number>;
} {
  const rows: (string | number)[][] = [
    ['New Mexico Firearms Trace Data 2021', ''],
    ['', ''],
    ['Top Source States for Firearms Recovered in New Mexico', ''],
    ['State', 'Firearms'],
    ...TRACE_SOURCE_STATES.map(([s, , v]) => [s, v] as [string, number]),
    ['Types of Firearms Recovered', ''],
    ['Type', 'Firearms'],
    ...TRACE_TYPES.map(([t, , v]) => [t, v] as [string, number]),
    ['Top Calibers', ''],
    ['Caliber', 'Firearms'],
    ['9mm', 300],
    ['.22', 120],
    ['.40', 90],
    ['Time-to-Crime Rates', ''],
    ['Time to crime', 'Firearms'],
    ['Less than 3 months', 110],
    ['3 months to 1 year', 150],
    ['Over 3 years', 300],
    ['Age of possessors', ''],
    ['Age', 'Firearms'],
    ['18-24', 200],
    ['25-34', 260],
    ['35 and over', 180],
  ];
  const firearms = TRACE_SOURCE_STATES.reduce((a, [, , v]) => a + v, 0);
  return {
    name: 'new_mexico_trace_2021.csv',
    bytes: utf8(csv(rows)),
    firearms,
    byType: Object.fromEntries(TRACE_TYPES.map(([, t, v]) => [t, v])),
  };
}

// ─── 6. A series of yearly source × recovery matrices ────────────────────────────────────────

/** Places of the series: name, postal code, ISO code. */
export const SERIES_PLACES: [string, string, string][] = [
  ['Arizona', 'AZ', 'US-AZ'],
  ['California', 'CA', 'US-CA'],
  ['Colorado', 'CO', 'US-CO'],
  ['Florida', 'FL', 'US-FL'],
  ['Georgia', 'GA', 'US-GA'],
  ['Nevada', 'NV', 'US-NV'],
  ['New Mexico', 'NM', 'US-NM'],
  ['Texas', 'TX', 'US-TX'],
  ['Utah', 'UT', 'US-UT'],
  ['Puerto Rico', 'PR', 'PRI'],
  ['Guam & Northern Mariana Islands', 'GU/MP', ''],
];
/** Firearms first sold in place s and recovered in place r in a year. */
export const seriesValue = (s: number, r: number, year: number) =>
  s === r ? 30 : ((s * s) % 13) * (1 + (r % 3)) + (year % 3);

/**
 * Eight yearly workbooks of one federal series, each laid out a little differently, as such
 * series are: the years given out of order; 2016 with its labels in column B under a merged
 * caption; 2017 by postal code; 2018 transposed (recovery places down the side); 2019 with a
 * caption row above the header; every one with TOTAL row and column and footnotes. One column
 * joins two territories ("Guam & Northern Mariana Islands"), which no gazetteer place matches.
 */
export async function yearlyMatrixSeries(): Promise<{
  files: Fixture[];
  perYear: Record<number, number>;
  total: number;
}> {
  const n = SERIES_PLACES.length;
  const perYear: Record<number, number> = {};
  const files: Fixture[] = [];
  let total = 0;
  for (const year of [2023, 2016, 2021, 2018, 2019, 2017, 2022, 2020]) {
    const label = (i: number) =>
      year === 2017 ? SERIES_PLACES[i]![1] : SERIES_PLACES[i]![0].toUpperCase();
    const transposed = year === 2018;
    const value = (row: number, col: number) =>
      transposed ? seriesValue(col, row, year) : seriesValue(row, col, year);
    const lead = year === 2016 ? [null] : [];
    const rows: (string | number | null)[][] = [
      [`Firearms Trace Data ${year}: source state by recovery state`],
    ];
    if (year === 2019) rows.push([null, 'Recovery State']);
    rows.push([
      ...lead,
      transposed ? 'Recovery State' : 'Source State',
      ...Array.from({ length: n }, (_, i) => label(i)),
      'TOTAL',
    ]);
    const colTotals = new Array<number>(n).fill(0);
    let grand = 0;
    for (let r = 0; r < n; r++) {
      const cells = Array.from({ length: n }, (_, c) => value(r, c));
      const rowTotal = cells.reduce((a, b) => a + b, 0);
      cells.forEach((v, c) => (colTotals[c]! += v));
      grand += rowTotal;
      rows.push([
        ...(year === 2016 ? [r === 0 ? 'Source' : null] : []),
        label(r),
        ...cells,
        rowTotal,
      ]);
    }
    rows.push([...lead, 'TOTAL', ...colTotals, grand]);
    rows.push([null]);
    rows.push([`Note: calendar year ${year}. Synthetic test data.`]);
    perYear[year] = grand;
    total += grand;
    files.push({
      name: `firearms_trace_source_recovery_${year}.xlsx`,
      bytes: await workbook([{ name: `CY${year}`, rows }]),
    });
  }
  return { files, perYear, total };
}

// ─── 7. A data-portal export with units, sex and age columns ─────────────────────────────────

/**
 * A data-portal export in its own column layout: ISO code and name, region and subregion,
 * indicator (arms seized, arms surrendered, ammunition seized), dimension and category (by type
 * of weapon, or Total), sex and age columns (Total, and a few rows by sex), the year, a unit
 * column mixing counts with rates per 100,000, the value and its source. Firearms are the counts
 * of the arms indicators; rates are never added; the sex rows are checked against their Total;
 * ammunition is imported as items apart; "Arms surrendered" is a basis of its own.
 */
export function portalExport(): Fixture & {
  firearms: number;
  seized: number;
  surrendered: number;
  rounds: number;
  rates: number;
  bySex: number;
} {
  const header = [
    'Iso3_code',
    'Country',
    'Region',
    'Subregion',
    'Indicator',
    'Dimension',
    'Category',
    'Sex',
    'Age',
    'Year',
    'Unit of measurement',
    'VALUE',
    'Source',
  ];
  const rows: (string | number)[][] = [header];
  const countries: [string, string, string][] = [
    ['GTM', 'Guatemala', 'Central America'],
    ['HND', 'Honduras', 'Central America'],
    ['SLV', 'El Salvador', 'Central America'],
  ];
  const types = ['Pistol', 'Revolver', 'Rifle', 'Shotgun'];
  let seized = 0;
  let surrendered = 0;
  let rounds = 0;
  let rates = 0;
  let bySex = 0;
  countries.forEach(([iso, name, sub], ci) =>
    [2021, 2022].forEach((y) => {
      const base = [iso, name, 'Americas', sub];
      const split = types.map((_, t) => 20 + ci * 5 + t * 3 + (y - 2021));
      const total = split.reduce((a, b) => a + b, 0);
      seized += total;
      const row = (ind: string, dim: string, cat: string, sex: string, unit: string, v: number) =>
        rows.push([...base, ind, dim, cat, sex, 'Total', y, unit, v, 'IAFQ']);
      row('Arms seized', 'Total', 'Total', 'Total', 'Counts', total);
      types.forEach((t, k) =>
        row('Arms seized', 'by type of weapon', t, 'Total', 'Counts', split[k]!),
      );
      row('Arms seized', 'Total', 'Total', 'Male', 'Counts', total - 3);
      row('Arms seized', 'Total', 'Total', 'Female', 'Counts', 3);
      bySex += 2;
      row('Arms seized', 'Total', 'Total', 'Total', 'Rate per 100,000 population', 1.5 + ci);
      rates++;
      const handed = 10 + ci;
      surrendered += handed;
      row('Arms surrendered', 'Total', 'Total', 'Total', 'Counts', handed);
      const r = 1000 * (ci + 1);
      rounds += r;
      row('Ammunition seized', 'Total', 'Total', 'Total', 'Counts', r);
    }),
  );
  return {
    name: 'data_iafq_firearms_trafficking.csv',
    bytes: utf8(csv(rows)),
    firearms: seized + surrendered,
    seized,
    surrendered,
    rounds,
    rates,
    bySex,
  };
}

// ─── 8. A register of trace requests ─────────────────────────────────────────────────────────

/** Outcomes as the register writes them, and what each is. */
export const TRACE_RESULTS: [string, string][] = [
  ['Rastreada', 'traced'],
  ['Rastreada', 'traced'],
  ['No rastreable', 'not_traceable'],
  ['Pendiente', 'pending'],
  ['Denegada', 'refused'],
];

/**
 * A Spanish-language register of firearm trace requests, one row per request: who asked
 * (País solicitante) whom (País requerido), when it was sent and answered (d/m/yyyy, the answer
 * empty while pending), the result as written, and the firearm's type and calibre.
 */
export function traceRegister(): Fixture & {
  rows: number;
  byOutcome: Record<string, number>;
  answered: number;
} {
  const rows: (string | number)[][] = [
    [
      'Nº solicitud',
      'País solicitante',
      'País requerido',
      'Fecha de solicitud',
      'Fecha de respuesta',
      'Resultado',
      'Tipo de arma',
      'Calibre',
    ],
  ];
  const requesting = ['Guatemala', 'Honduras', 'El Salvador'];
  const requested = ['Estados Unidos', 'Brasil', 'República Checa', 'Austria'];
  const byOutcome: Record<string, number> = {};
  let answered = 0;
  for (let i = 0; i < 30; i++) {
    const [result, outcome] = TRACE_RESULTS[i % TRACE_RESULTS.length]!;
    const day = 1 + (i % 27);
    const month = 1 + (i % 12);
    const pending = outcome === 'pending';
    if (!pending) answered++;
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
    rows.push([
      `TR-2022-${100 + i}`,
      requesting[i % 3]!,
      requested[i % 4]!,
      `${day}/${month}/2022`,
      pending ? '' : `${day}/${Math.min(12, month + 1)}/2022`,
      result,
      i % 2 ? 'Pistola' : 'Fusil',
      i % 2 ? '9 mm' : '5.56x45',
    ]);
  }
  return {
    name: 'solicitudes_rastreo_2022.csv',
    bytes: utf8(csv(rows, ';')),
    rows: 30,
    byOutcome,
    answered,
  };
}

/** A one-sheet workbook of rows, named as given. */
export async function workbookOf(
  name: string,
  rows: (string | number | null)[][],
): Promise<Fixture> {
  return { name, bytes: await workbook([{ name: 'Hoja1', rows }]) };
}

/**
 * The same trace summary as a long table a scraper wrote: the state, the year, a category column
 * naming each part (source states, types, calibres, time to crime, ages), the item and its count.
 */
export function scrapedTraceLong(): Fixture & { firearms: number; byType: Record<string, number> } {
  const rows: (string | number)[][] = [['State', 'Year', 'Category', 'Item', 'Count']];
  const add = (category: string, item: string, n: number) =>
    rows.push(['Arizona', 2021, category, item, n]);
  const sources: [string, number][] = [
    ['Arizona', 900],
    ['Nevada', 60],
    ['Texas', 40],
  ];
  for (const [s, n] of sources) add('Top Source States', s, n);
  const types: [string, string, number][] = [
    ['Pistol', 'pistol', 700],
    ['Rifle', 'rifle', 200],
    ['Shotgun', 'shotgun', 100],
  ];
  for (const [t, , n] of types) add('Firearm Types', t, n);
  add('Calibers', '9mm', 500);
  add('Calibers', '.40', 120);
  add('Time to Crime', 'Under 1 year', 300);
  add('Time to Crime', '1 to 3 years', 250);
  add('Age of Possessor', '18-24', 400);
  add('Age of Possessor', '25+', 450);
  return {
    name: 'arizona_trace_summary_2021.csv',
    bytes: utf8(csv(rows)),
    firearms: sources.reduce((a, [, n]) => a + n, 0),
    byType: Object.fromEntries(types.map(([, t, n]) => [t, n])),
  };
}
