/**
 * Import fixtures, made by code (never real files), of the shapes real data comes in, each with
 * the figures an import must give. Deterministic: no randomness, so every expected total is
 * computed here beside the file.
 */
import writeXlsxFile from 'write-excel-file/universal';

/** A fixture file and what importing it must give. */
export interface Fixture {
  name: string;
  bytes: Uint8Array;
}

const enc = new TextEncoder();
/** UTF-8 bytes of a text. */
export const utf8 = (s: string) => enc.encode(s);
/** Windows-1252 bytes of Latin-1 text (every character ≤ U+00FF). */
export function latin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0xff) throw new Error(`not Latin-1: ${s[i]}`);
    out[i] = c;
  }
  return out;
}
const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** CSV text of rows (fields quoted where needed), CRLF line ends. */
export const csv = (rows: (string | number)[][], d = ',') =>
  rows.map((r) => r.map(csvField).join(d)).join('\r\n') + '\r\n';

// ─── 1. A portal-style long table ────────────────────────────────────────────────────────────

/** Countries of the portal table, named as such exports name them (four languages, variants). */
export const PORTAL_COUNTRIES = [
  { name: 'Colombia', iso3: 'COL' },
  { name: "Côte d'Ivoire", iso3: 'CIV' },
  { name: 'Brasil', iso3: 'BRA' },
  { name: 'Congo, Dem. Rep.', iso3: 'COD' },
  { name: 'Pérou', iso3: 'PER' },
  { name: 'Equateur', iso3: 'ECU' },
];
const PORTAL_TYPES = ['Pistols', 'Revolvers', 'Rifles', 'Shotguns'];
const PORTAL_YEARS = [2019, 2020, 2021];

/** Firearms of one country, year and type in the portal table. */
export const portalValue = (c: number, y: number, t: number) => 10 + ((c * 7 + y * 3 + t * 5) % 23);

/**
 * Two metadata rows, then a header; indicators "Arms seized" (by type, with a Total row) and
 * "Seizure cases" (Total only), and "Ammunition seized" which is not firearms. The last country
 * (Ecuador) reports only a Total for 2021; Brazil's 2020 Total is off by 5 from its breakdown.
 */
export function portalLongTable(): Fixture & {
  firearms: number;
  seizures: number;
  wrongTotals: number;
} {
  const rows: (string | number)[][] = [
    ['UNODC Data Portal — Illicit arms flows: seized firearms'],
    ['Extracted 2026-11-30; values are counts'],
    [
      'Iso3_code',
      'Country',
      'Region',
      'Indicator',
      'Dimension',
      'Category',
      'Year',
      'Unit of measurement',
      'VALUE',
      'Source',
    ],
  ];
  let firearms = 0;
  let seizures = 0;
  PORTAL_COUNTRIES.forEach((c, ci) => {
    PORTAL_YEARS.forEach((y) => {
      const onlyTotal = ci === PORTAL_COUNTRIES.length - 1 && y === 2021;
      const values = PORTAL_TYPES.map((_, ti) => portalValue(ci, y, ti));
      const sum = values.reduce((a, b) => a + b, 0);
      const off = ci === 2 && y === 2020 ? 5 : 0;
      rows.push([
        c.iso3,
        c.name,
        'Americas',
        'Arms seized',
        'Total',
        'Total',
        y,
        'Counts',
        sum + off,
        'IAFQ',
      ]);
      if (!onlyTotal) {
        PORTAL_TYPES.forEach((t, ti) =>
          rows.push([
            c.iso3,
            c.name,
            'Americas',
            'Arms seized',
            'by type of firearm',
            t,
            y,
            'Counts',
            values[ti]!,
            'IAFQ',
          ]),
        );
        firearms += sum;
      } else firearms += sum + off;
      const cases = 3 + ((ci + y) % 7);
      rows.push([
        c.iso3,
        c.name,
        'Americas',
        'Seizure cases',
        'Total',
        'Total',
        y,
        'Counts',
        cases,
        'IAFQ',
      ]);
      seizures += cases;
      rows.push([
        c.iso3,
        c.name,
        'Americas',
        'Ammunition seized',
        'Total',
        'Total',
        y,
        'Counts',
        1000 + ci,
        'IAFQ',
      ]);
    });
  });
  return {
    name: 'portal_iafq_export.csv',
    bytes: utf8(csv(rows)),
    firearms,
    seizures,
    wrongTotals: 1,
  };
}

// ─── 2. A 55 × 55 source × recovery matrix, three years ──────────────────────────────────────

/** The 55 places of the matrix: 50 states, DC and four territories (names in 2021, codes in 2022). */
export const MATRIX_PLACES: [string, string, string][] = [
  ['Alabama', 'AL', 'US-AL'],
  ['Alaska', 'AK', 'US-AK'],
  ['Arizona', 'AZ', 'US-AZ'],
  ['Arkansas', 'AR', 'US-AR'],
  ['California', 'CA', 'US-CA'],
  ['Colorado', 'CO', 'US-CO'],
  ['Connecticut', 'CT', 'US-CT'],
  ['Delaware', 'DE', 'US-DE'],
  ['District of Columbia', 'DC', 'US-DC'],
  ['Florida', 'FL', 'US-FL'],
  ['Georgia', 'GA', 'US-GA'],
  ['Hawaii', 'HI', 'US-HI'],
  ['Idaho', 'ID', 'US-ID'],
  ['Illinois', 'IL', 'US-IL'],
  ['Indiana', 'IN', 'US-IN'],
  ['Iowa', 'IA', 'US-IA'],
  ['Kansas', 'KS', 'US-KS'],
  ['Kentucky', 'KY', 'US-KY'],
  ['Louisiana', 'LA', 'US-LA'],
  ['Maine', 'ME', 'US-ME'],
  ['Maryland', 'MD', 'US-MD'],
  ['Massachusetts', 'MA', 'US-MA'],
  ['Michigan', 'MI', 'US-MI'],
  ['Minnesota', 'MN', 'US-MN'],
  ['Mississippi', 'MS', 'US-MS'],
  ['Missouri', 'MO', 'US-MO'],
  ['Montana', 'MT', 'US-MT'],
  ['Nebraska', 'NE', 'US-NE'],
  ['Nevada', 'NV', 'US-NV'],
  ['New Hampshire', 'NH', 'US-NH'],
  ['New Jersey', 'NJ', 'US-NJ'],
  ['New Mexico', 'NM', 'US-NM'],
  ['New York', 'NY', 'US-NY'],
  ['North Carolina', 'NC', 'US-NC'],
  ['North Dakota', 'ND', 'US-ND'],
  ['Ohio', 'OH', 'US-OH'],
  ['Oklahoma', 'OK', 'US-OK'],
  ['Oregon', 'OR', 'US-OR'],
  ['Pennsylvania', 'PA', 'US-PA'],
  ['Rhode Island', 'RI', 'US-RI'],
  ['South Carolina', 'SC', 'US-SC'],
  ['South Dakota', 'SD', 'US-SD'],
  ['Tennessee', 'TN', 'US-TN'],
  ['Texas', 'TX', 'US-TX'],
  ['Utah', 'UT', 'US-UT'],
  ['Vermont', 'VT', 'US-VT'],
  ['Virginia', 'VA', 'US-VA'],
  ['Washington', 'WA', 'US-WA'],
  ['West Virginia', 'WV', 'US-WV'],
  ['Wisconsin', 'WI', 'US-WI'],
  ['Wyoming', 'WY', 'US-WY'],
  ['Puerto Rico', 'PR', 'PRI'],
  ['Guam', 'GU', 'GUM'],
  ['U.S. Virgin Islands', 'VI', 'VIR'],
  ['Northern Mariana Islands', 'MP', 'MNP'],
];

/** Firearms sourced in place s and recovered in place r in a year (asymmetric: sources differ). */
export function matrixValue(s: number, r: number, year: number): number {
  const source = 1 + ((s * 13) % 17);
  const pull = 1 + ((r * 5) % 7);
  return s === r ? source * 20 : ((source * pull + year) % 9) * (s % 3);
}

/**
 * One matrix per year: title rows above, "TOTAL" row and column, footnotes below. 2021 names
 * places in full; 2022 by postal code with variants ("Dist. of Columbia"); 2023 is transposed
 * (recovery places down the side).
 */
export function sourceRecoveryMatrices(): {
  files: Fixture[];
  firearms: number;
  perYear: Record<number, number>;
} {
  const files: Fixture[] = [];
  const perYear: Record<number, number> = {};
  let firearms = 0;
  for (const year of [2021, 2022, 2023]) {
    const label = (i: number) => {
      const [name, code] = MATRIX_PLACES[i]!;
      if (year === 2022) return code === 'DC' ? 'Dist. of Columbia' : code;
      return name;
    };
    const n = MATRIX_PLACES.length;
    const value = (row: number, col: number) =>
      year === 2023 ? matrixValue(col, row, year) : matrixValue(row, col, year);
    const rows: (string | number)[][] = [
      [
        `Firearms Recovered and Traced in the United States and Territories, January 1, ${year} – December 31, ${year}`,
      ],
      [''],
      ['State', ...Array.from({ length: n }, (_, i) => label(i)), 'TOTAL'],
    ];
    let total = 0;
    const colTotals = new Array<number>(n).fill(0);
    for (let r = 0; r < n; r++) {
      const cells = Array.from({ length: n }, (_, c) => value(r, c));
      const rowTotal = cells.reduce((a, b) => a + b, 0);
      cells.forEach((v, c) => (colTotals[c]! += v));
      total += rowTotal;
      rows.push([label(r), ...cells, rowTotal]);
    }
    rows.push(['TOTAL', ...colTotals, total]);
    rows.push(['']);
    rows.push([
      '1 Source state is the state of first retail sale; recovery state is where law enforcement recovered the firearm.',
    ]);
    rows.push(['Data source: synthetic test data generated by the importer tests.']);
    files.push({ name: `source_recovery_${year}.csv`, bytes: utf8(csv(rows)) });
    perYear[year] = total;
    firearms += total;
  }
  return { files, firearms, perYear };
}

// ─── 3. A wide monthly sheet per district ────────────────────────────────────────────────────

const MESES = ['Ene', 'Feb', 'Mar', 'Abr', 'May', 'Jun', 'Jul', 'Ago', 'Sep', 'Oct', 'Nov', 'Dic'];
/** Districts of the wide sheet: local police districts under their province. */
export const WIDE_DISTRICTS: [string, string, string][] = [
  ['Pichincha', 'Distrito Quitumbe', 'EC-P'],
  ['Pichincha', 'Distrito Eloy Alfaro', 'EC-P'],
  ['Guayas', 'Distrito Nueva Prosperina', 'EC-G'],
  ['Guayas', 'Distrito Pascuales', 'EC-G'],
  ['El Oro', 'Distrito Machala', 'EC-O'],
  ['Esmeraldas', 'Distrito Esmeraldas', 'EC-E'],
];
/** Firearms seized in a district and month (November and December not yet reported: zero). */
export const wideValue = (d: number, m: number) => (m >= 10 ? 0 : 4 + ((d * 5 + m * 3) % 11));

/** Title row, header with a month per column and a Total column, the last two months all zero. */
export function wideMonthlyRows(): {
  rows: (string | number | null)[][];
  firearms: number;
  reported: number;
} {
  const rows: (string | number | null)[][] = [
    ['Armas de fuego incautadas por distrito policial, 2023', null, null],
    [null],
    ['Provincia', 'Distrito', ...MESES, 'Total'],
  ];
  let firearms = 0;
  WIDE_DISTRICTS.forEach(([prov, dist], d) => {
    const values = MESES.map((_, m) => wideValue(d, m));
    const sum = values.reduce((a, b) => a + b, 0);
    firearms += sum;
    rows.push([prov, dist, ...values, sum]);
  });
  rows.push([null]);
  rows.push(['Fuente: datos sintéticos de prueba.']);
  return { rows, firearms, reported: firearms };
}

/** The wide sheet as an XLSX workbook (a second, empty-ish sheet of notes beside it). */
export async function wideMonthlyXlsx(): Promise<Fixture & { firearms: number }> {
  const { rows, firearms } = wideMonthlyRows();
  return { name: 'incautaciones_distritos_2023.xlsx', bytes: await xlsxOf(rows), firearms };
}

/** An XLSX workbook of rows (numbers typed), with a second sheet of notes. */
export async function xlsxOf(
  rows: (string | number | null)[][],
  sheet = '2023',
): Promise<Uint8Array> {
  return workbook([
    { name: sheet, rows },
    { name: 'Notas', rows: [['Notas'], ['Los datos de noviembre y diciembre están pendientes.']] },
  ]);
}

/** An XLSX workbook of named sheets (numbers typed as numbers). */
export async function workbook(
  sheets: { name: string; rows: (string | number | null)[][] }[],
): Promise<Uint8Array> {
  const cell = (v: string | number | null) =>
    v === null
      ? null
      : typeof v === 'number'
        ? { value: v, type: Number }
        : { value: v, type: String };
  const write = writeXlsxFile as unknown as (s: unknown) => { toBlob(): Promise<Blob> };
  const blob = await write(
    sheets.map((s) => ({ data: s.rows.map((r) => r.map(cell)), sheet: s.name })),
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

// ─── 4. A sectioned long CSV ─────────────────────────────────────────────────────────────────

/** Source states and types of firearms recovered in Mexico and traced, in two sections. */
export function sectionedCsv(): Fixture & { firearms: number; byType: Record<string, number> } {
  const states: [string, number][] = [
    ['Texas', 2150],
    ['Arizona', 980],
    ['California', 760],
    ['New Mexico', 210],
    ['Florida', 95],
  ];
  const types: [string, string, number][] = [
    ['Pistolas', 'pistol', 2105],
    ['Rifles', 'rifle', 1630],
    ['Revólveres', 'revolver', 310],
    ['Escopetas', 'shotgun', 150],
  ];
  const nb = '\u00a0';
  const rows: (string | number)[][] = [['Section', 'Label', 'Value', 'Notes']];
  for (const [s, v] of states)
    rows.push(['Source state', s, v, `First retail sale in ${s}, US; traced by eTrace`]);
  for (const [t, , v] of types)
    rows.push(['Weapon type', t, v, `Incluye armas${nb}cortas, largas y de "uso exclusivo"`]);
  const firearms = states.reduce((a, [, v]) => a + v, 0);
  const byType = Object.fromEntries(types.map(([, t, v]) => [t, v]));
  return { name: 'mexico_traces_2022_sections.csv', bytes: utf8(csv(rows)), firearms, byType };
}

// ─── 5. Delimiters, encodings, languages, hostile cells ──────────────────────────────────────

/** Events in a semicolon CSV, Latin-1 (Windows-1252) encoded, Spanish headers, accents. */
export function latin1Semicolon(): Fixture {
  const rows = [
    ['Fecha', 'País', 'Departamento', 'Tipo de arma', 'Calibre', 'Cantidad'],
    ['03/02/2022', 'Perú', 'Lima', 'PISTOLAS', '9MM', '2'],
    ['15/03/2022', 'Perú', 'Arequipa', 'revólver', '.38 SPL', '1'],
    ['28/04/2022', 'Perú', 'Cusco', 'escopeta', '12GA', '3'],
    ['02/05/2022', 'Perú', 'Piura', 'fusil de asalto', '7,62 x 39', '1'],
  ];
  return { name: 'registro_peru_2022.csv', bytes: latin1(csv(rows, ';')) };
}

/** Tab-separated UTF-8 with a BOM, countries in four languages. */
export function bomTsv(): Fixture {
  const rows = [
    ['date', 'country', 'firearm type', 'count'],
    ['2023-01-10', 'Costa de Marfil', 'pistolet', '4'],
    ['2023-02-11', 'Ivory Coast', 'Pistol', '1'],
    ['2023-03-12', 'RD Congo', 'fusil', '2'],
    ['2023-04-13', 'République démocratique du Congo', 'fusils', '3'],
    ['2023-05-14', 'Nigéria', 'espingarda', '1'],
    ['2023-06-15', 'Estados Unidos', 'Revolver', '1'],
  ];
  const text = '\ufeff' + rows.map((r) => r.join('\t')).join('\n') + '\n';
  return { name: 'west_africa.tsv', bytes: utf8(text) };
}

/** Cells that must stay data: formulas, markup, SQL. */
export const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '<script>alert(1)</script>',
  "'; DROP TABLE seizures; --",
  '@SUM(1+1)',
];

/** Events whose free-text cells are hostile, and one unknown place. */
export function hostileCsv(): Fixture {
  const rows: (string | number)[][] = [['date', 'country', 'make', 'model', 'count']];
  HOSTILE.forEach((h, i) => rows.push([`2024-0${i + 1}-01`, 'Guatemala', h, h, 1]));
  rows.push(['2024-06-01', 'Atlantis', 'Glock', 'G19', 1]);
  return { name: 'hostile.csv', bytes: utf8(csv(rows)) };
}

/** Binary junk with a CSV name. */
export function binaryJunk(): Fixture {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 73 + 41) % 256;
  return { name: 'junk.csv', bytes };
}

/** A CSV whose quote never closes. */
export function brokenQuotes(): Fixture {
  return {
    name: 'broken.csv',
    bytes: utf8('date,country,count\n2024-01-01,"Mexico,3\n2024-01-02,Mexico,4\n'),
  };
}
