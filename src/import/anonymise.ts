/**
 * The anonymiser: raw case records in, records safe to share out, and a report of every
 * transformation. The same code runs in the CLI (`npm run anonymise`, streaming, two passes over
 * the file) and in the Import view ("Anonymise before importing", on the rows it read).
 *
 * 1. **Columns** (`planColumns`): by header (English, Spanish, French, Portuguese) and by content,
 *    a column that holds names, case or identity numbers, addresses, phone numbers, e-mails or
 *    free text is dropped, with the reason; serial numbers are replaced by a keyed hash
 *    (HMAC-SHA-256 with the salt the user types; never stored, never written); coordinates are
 *    snapped to the centre of a grid cell (default ~10 km); dates are coarsened to a precision
 *    (default month) and the precision is written beside them.
 * 2. **Re-identification risk** (`Anonymiser`): k-anonymity over the quasi-identifiers (the
 *    coarsened date, the grid cell and the place columns). Generalisation is global and by
 *    levels (Datafly-style): month and the grid → year and a 5× coarser grid → year and no
 *    coordinates (places kept to their coarsest column); the first level at which at most
 *    `maxSuppressed` of the records sit in classes smaller than k is applied to every record,
 *    and those records are suppressed: their quasi-identifiers are blanked (the record is kept,
 *    counted, undated and unplaced), never dropped.
 *
 * Pure: rows in, rows out; the caller reads and writes files.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { cellText, nameKey, parseDate, type DateOrder } from './text';
import type { Cell, Sheet } from './types';

/** What is done to a column. */
export type ColumnAction = 'keep' | 'drop' | 'hash' | 'latitude' | 'longitude' | 'date' | 'place';

/** Why a column is dropped (also the report's words). */
export type DropReason =
  | 'person name'
  | 'case or identity number'
  | 'address'
  | 'phone number'
  | 'e-mail address'
  | 'free text';

/** The plan for one column. */
export interface ColumnPlan {
  column: string;
  index: number;
  action: ColumnAction;
  /** Why (for drops: a `DropReason`; else what was recognised). */
  reason: string;
  /** The column is a quasi-identifier (part of the k-anonymity classes). */
  quasi: boolean;
}

/** Date precisions the anonymiser coarsens to. */
export const ANON_DATE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
export type AnonDatePrecision = (typeof ANON_DATE_PRECISIONS)[number];

/** The user's choices. */
export interface AnonymiseOptions {
  /** The key of serial-number hashes; typed by the user, never stored. At least 8 characters. */
  salt: string;
  /** k of k-anonymity (default 5). */
  k?: number;
  /** Grid cell size for coordinates, in km (default 10). */
  gridKm?: number;
  /** Precision dates are coarsened to (default month). */
  datePrecision?: AnonDatePrecision;
  /** Share of records that may be suppressed at the chosen level (default 0.01). */
  maxSuppressed?: number;
  /** Order of all-numeric dates (default day first). */
  dateOrder?: DateOrder;
  /** Columns the user names as quasi-identifiers, beyond those recognised. */
  quasi?: readonly string[];
  /** Columns the user keeps whatever they look like (their responsibility, and reported). */
  keep?: readonly string[];
}

const norm = (s: string) => ` ${nameKey(s)} `;
const has = (header: string, words: readonly string[]) =>
  words.some((w) => norm(header).includes(` ${w} `));

const PLACE_WORDS = [
  'country',
  'pais',
  'pays',
  'state',
  'estado',
  'etat',
  'province',
  'provincia',
  'department',
  'departamento',
  'departement',
  'region',
  'municipality',
  'municipio',
  'commune',
  'city',
  'ciudad',
  'ville',
  'cidade',
  'district',
  'distrito',
  'place',
  'lugar',
  'lieu',
  'local',
  'location',
  'localidad',
  'admin1',
  'admin2',
  'iso3',
];
const NOT_A_PERSON = [
  ...PLACE_WORDS,
  'operation',
  'operacion',
  'agency',
  'agencia',
  'agence',
  'unit',
  'unidad',
  'model',
  'modelo',
  'modele',
  'make',
  'marca',
  'brand',
  'fabricante',
  'manufacturer',
  'file',
  'sheet',
  'crime',
  'delito',
  'type',
  'tipo',
];
const PERSON = [
  'name',
  'names',
  'nombre',
  'nombres',
  'nom',
  'nome',
  'prenom',
  'apellido',
  'apellidos',
  'surname',
  'firstname',
  'lastname',
  'first name',
  'last name',
  'full name',
  'suspect',
  'suspects',
  'sospechoso',
  'detenido',
  'detainee',
  'owner',
  'propietario',
  'proprietaire',
  'titular',
  'victim',
  'victima',
  'officer',
  'agente',
  'informant',
];
const CASE = [
  'case',
  'caso',
  'dossier',
  'expediente',
  'processo',
  'docket',
  'denuncia',
  'folio',
  'incident',
  'report no',
  'report number',
  'record no',
  'boletim',
  'ocorrencia',
  'proces verbal',
  'pv',
  'passport',
  'pasaporte',
  'passeport',
  'passaporte',
  'dni',
  'cedula',
  'cpf',
  'rg',
  'curp',
  'nin',
  'national id',
  'id card',
  'licence',
  'license',
  'plate',
  'placa',
  'matricula',
  'immatriculation',
];
const ADDRESS = [
  'address',
  'direccion',
  'adresse',
  'endereco',
  'domicilio',
  'street',
  'calle',
  'rue',
  'rua',
  'avenida',
  'avenue',
  'postcode',
  'zip',
  'codigo postal',
  'code postal',
  'cep',
];
const PHONE = [
  'phone',
  'telephone',
  'telefono',
  'telefone',
  'tel',
  'mobile',
  'movil',
  'celular',
  'portable',
  'whatsapp',
  'gsm',
  'msisdn',
  'imei',
];
const EMAIL = ['email', 'e mail', 'mail', 'correo', 'courriel'];
const TEXT = [
  'note',
  'notes',
  'description',
  'descripcion',
  'observacion',
  'observaciones',
  'observation',
  'observations',
  'observacoes',
  'comment',
  'comments',
  'comentario',
  'comentarios',
  'commentaire',
  'narrative',
  'narrativa',
  'remarks',
  'remark',
  'details',
  'detalles',
  'resumen',
  'summary',
  'texto',
  'text',
  'relato',
  'historique',
  'facts',
  'hechos',
];
const SERIAL = [
  'serial',
  'serie',
  'serial no',
  'serial number',
  'numero de serie',
  'sn',
  'serie no',
];
const LAT = ['lat', 'latitude', 'latitud', 'y coord'];
const LON = ['lon', 'lng', 'long', 'longitude', 'longitud', 'x coord'];
const DATE = ['date', 'fecha', 'data', 'day', 'dia', 'jour', 'seized on', 'when'];

const PHONE_VALUE = /^\+?[\d\s().-]{8,20}$/;
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CASE_VALUE = /^[A-Za-z]{1,6}[-/ ]?\d{2,}([-/]\d+)*$|^\d{1,6}[-/]\d{2,4}([-/]\d+)?$/;
const PERSON_VALUE =
  /^\p{Lu}[\p{L}'’-]+(?: (?:(?:de|da|das|del|dos|do|van|von|le|la|y|e) )*\p{Lu}[\p{L}'’-]+){1,3}$/u;

/** Share of non-empty values of `values` that match `test`. */
function share(values: readonly string[], test: (v: string) => boolean): number {
  const filled = values.filter((v) => v !== '');
  return filled.length ? filled.filter(test).length / filled.length : 0;
}

/**
 * What to do with each column, from its header and a sample of its values (the first rows are
 * enough; the CLI passes the first 2,000).
 */
export function planColumns(
  header: readonly string[],
  sample: readonly (readonly Cell[])[],
  options: Pick<AnonymiseOptions, 'quasi' | 'keep'> = {},
): ColumnPlan[] {
  return header.map((column, index) => {
    const values = sample.map((r) => cellText(r[index]));
    const plan = (action: ColumnAction, reason: string, quasi = false): ColumnPlan => ({
      column,
      index,
      action,
      reason,
      quasi: quasi || (options.quasi ?? []).includes(column),
    });
    if ((options.keep ?? []).includes(column)) return plan('keep', 'kept as the user asked');
    const numeric = share(values, (v) => /^-?\d+(\.\d+)?$/.test(v));
    if (has(column, SERIAL)) return plan('hash', 'serial number: keyed hash');
    const dates = share(values, (v) => /[-/.]/.test(v) && parseDate(v) !== null);
    if (has(column, DATE) && share(values, (v) => parseDate(v) !== null) > 0.5)
      return plan('date', 'date: coarsened', true);
    if (has(column, EMAIL) || share(values, (v) => EMAIL_VALUE.test(v)) > 0.5)
      return plan('drop', 'e-mail address');
    if (
      has(column, PHONE) ||
      (numeric < 0.5 &&
        share(values, (v) => PHONE_VALUE.test(v) && /\d{3}[\s.-]?\d{2}/.test(v)) > 0.6)
    )
      return plan('drop', 'phone number');
    if (has(column, ADDRESS)) return plan('drop', 'address');
    if (
      has(column, CASE) ||
      (numeric < 0.5 && share(values, (v) => CASE_VALUE.test(v)) > 0.6 && distinct(values) > 0.8)
    )
      return plan('drop', 'case or identity number');
    if (has(column, PERSON) && !has(column, NOT_A_PERSON)) return plan('drop', 'person name');
    if (numeric > 0.9 && has(column, LAT))
      return plan('latitude', 'latitude: snapped to a grid', true);
    if (numeric > 0.9 && has(column, LON))
      return plan('longitude', 'longitude: snapped to a grid', true);
    if (dates > 0.8) return plan('date', 'date: coarsened', true);
    if (has(column, PLACE_WORDS)) return plan('place', 'place: a quasi-identifier', true);
    if (has(column, TEXT)) return plan('drop', 'free text');
    // Content: free text (long, spaced, mostly distinct) and person names.
    const long = share(values, (v) => v.length > 40 && v.split(/\s+/).length > 6);
    if (long > 0.3 && distinct(values) > 0.5) return plan('drop', 'free text');
    if (share(values, (v) => PERSON_VALUE.test(v)) > 0.6 && distinct(values) > 0.5)
      return plan('drop', 'person name');
    return plan('keep', 'kept');
  });
}

/** Share of distinct values among the non-empty ones. */
function distinct(values: readonly string[]): number {
  const filled = values.filter((v) => v !== '');
  return filled.length ? new Set(filled).size / filled.length : 0;
}

/** A generalisation level: date precision, grid size (km, 0: no coordinates), place columns kept. */
interface Level {
  date: AnonDatePrecision;
  gridKm: number;
  /** How many of the place columns are kept (coarsest last: the first ones are dropped). */
  places: 'all' | 'coarsest';
}

const COARSER: Record<AnonDatePrecision, AnonDatePrecision> = {
  day: 'month',
  month: 'year',
  quarter: 'year',
  year: 'year',
};

/** The hex HMAC-SHA-256 of `value` keyed by `salt`, shortened to 128 bits. */
export function serialHash(salt: string, value: string): string {
  const mac = hmac(sha256, new TextEncoder().encode(salt), new TextEncoder().encode(value));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += mac[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** A coordinate snapped to the centre of its grid cell (`step` degrees), 4 decimals. */
function snap(v: number, step: number): number {
  return Math.round((Math.floor(v / step) * step + step / 2) * 1e4) / 1e4;
}

/** A date coarsened to `precision`: the period's first day. */
export function coarsenDate(iso: string, precision: AnonDatePrecision): string {
  const [y, m] = iso.split('-') as [string, string, string];
  if (precision === 'day') return iso;
  if (precision === 'month') return `${y}-${m}-01`;
  if (precision === 'quarter')
    return `${y}-${String(Math.floor((+m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return `${y}-01-01`;
}

/**
 * A coarsened date written so that its precision reads from the text itself (`2021`,
 * `2021-Q2`, `2021-06`, `2021-06-14`): the importer then dates the record to that precision, never
 * to the first day of the period.
 */
export function dateLabel(iso: string, precision: AnonDatePrecision): string {
  const d = coarsenDate(iso, precision);
  if (precision === 'year') return d.slice(0, 4);
  if (precision === 'quarter')
    return `${d.slice(0, 4)}-Q${Math.floor((+d.slice(5, 7) - 1) / 3) + 1}`;
  if (precision === 'month') return d.slice(0, 7);
  return d;
}

/** The anonymisation report: every transformation, in numbers. */
export interface AnonymisationReport {
  rows: number;
  columns: { column: string; action: ColumnAction; reason: string; quasi: boolean }[];
  k: number;
  /** The level applied to every record. */
  level: { datePrecision: AnonDatePrecision; gridKm: number | null; placeColumns: string[] };
  /** Records whose quasi-identifiers were blanked (their class was smaller than k). */
  suppressed: number;
  /** Smallest class among records with any quasi-identifier left (k-anonymity holds if ≥ k). */
  smallestClass: number | null;
  classes: number;
  /** Serial numbers replaced by their keyed hash. */
  hashedSerials: number;
  /** Dates that could not be read (written empty, precision "unknown"). */
  unreadDates: number;
  /** Coordinates out of range or unreadable (written empty). */
  unreadCoordinates: number;
}

/**
 * Two passes over the same rows: `count` every row (pass 1), then `transform` every row (pass 2)
 * in the same order. The output header is `header()`; the report is `report()`.
 */
export class Anonymiser {
  private readonly k: number;
  private readonly levels: Level[];
  private readonly counts: Map<string, number>[];
  private rows = 0;
  private chosen: number | null = null;
  private suppressed = 0;
  private hashed = 0;
  private unreadDates = 0;
  private unreadCoordinates = 0;
  private readonly lat: ColumnPlan | undefined;
  private readonly lon: ColumnPlan | undefined;
  private readonly date: ColumnPlan | undefined;
  private readonly places: ColumnPlan[];
  private readonly quasi: ColumnPlan[];

  constructor(
    readonly plan: readonly ColumnPlan[],
    private readonly options: AnonymiseOptions,
  ) {
    if (options.salt.length < 8)
      throw new Error('The salt must be at least 8 characters (it keys the serial-number hashes)');
    this.k = Math.max(2, Math.floor(options.k ?? 5));
    const grid = options.gridKm ?? 10;
    const date = options.datePrecision ?? 'month';
    this.levels = [
      { date, gridKm: grid, places: 'all' },
      { date: COARSER[date], gridKm: grid * 5, places: 'all' },
      { date: 'year', gridKm: 0, places: 'coarsest' },
    ];
    this.counts = this.levels.map(() => new Map());
    this.lat = plan.find((p) => p.action === 'latitude');
    this.lon = plan.find((p) => p.action === 'longitude');
    this.date = plan.find((p) => p.action === 'date');
    this.places = plan.filter((p) => p.action === 'place');
    this.quasi = plan.filter(
      (p) => p.quasi && !['latitude', 'longitude', 'date', 'place'].includes(p.action),
    );
  }

  /** The output's columns: kept and hashed ones, then the coarsened date, coordinates, places. */
  header(): string[] {
    const out = this.plan
      .filter((p) => p.action === 'keep' || p.action === 'hash')
      .map((p) => (p.action === 'hash' ? `${p.column}_hash` : p.column));
    if (this.date) out.push(this.date.column, 'date_precision');
    if (this.lat && this.lon) out.push(this.lat.column, this.lon.column, 'location_precision');
    out.push(...this.places.map((p) => p.column));
    return out;
  }

  /** The quasi-identifying key of a row at a level (null parts when a value is missing). */
  private key(row: readonly Cell[], level: Level): { key: string; parts: (string | null)[] } {
    const parts: (string | null)[] = [];
    if (this.date) {
      const d = parseDate(row[this.date.index] ?? null, this.options.dateOrder ?? 'dmy');
      parts.push(d ? coarsenDate(d.date, level.date) : null);
    }
    if (this.lat && this.lon) {
      const c = this.cell(row, level.gridKm);
      parts.push(c ? `${c[0]},${c[1]}` : null);
    }
    const places = level.places === 'all' ? this.places : this.places.slice(-1);
    for (const p of this.places)
      parts.push(places.includes(p) ? cellText(row[p.index]) || null : null);
    for (const q of this.quasi) parts.push(cellText(row[q.index]) || null);
    return { key: parts.map((p) => p ?? '∅').join('\u0000'), parts };
  }

  /** The grid cell centre of a row's coordinates at `gridKm`, or null. */
  private cell(row: readonly Cell[], gridKm: number): [number, number] | null {
    if (!this.lat || !this.lon || gridKm <= 0) return null;
    const la = Number(cellText(row[this.lat.index]));
    const lo = Number(cellText(row[this.lon.index]));
    if (!Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180)
      return null;
    if (cellText(row[this.lat.index]) === '' || cellText(row[this.lon.index]) === '') return null;
    const stepLat = gridKm / 111.32;
    const lat = snap(la, stepLat);
    const stepLon = gridKm / (111.32 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
    return [lat, snap(lo, stepLon)];
  }

  /** Pass 1: counts a row in the classes of every level. */
  count(row: readonly Cell[]): void {
    this.rows++;
    this.levels.forEach((level, i) => {
      const { key } = this.key(row, level);
      const m = this.counts[i]!;
      m.set(key, (m.get(key) ?? 0) + 1);
    });
  }

  /** Chooses the level (after pass 1): the first whose small classes hold few enough records. */
  private level(): number {
    if (this.chosen !== null) return this.chosen;
    const budget = (this.options.maxSuppressed ?? 0.01) * this.rows;
    let best = this.levels.length - 1;
    for (let i = 0; i < this.levels.length; i++) {
      let small = 0;
      for (const n of this.counts[i]!.values()) if (n < this.k) small += n;
      if (small <= budget) {
        best = i;
        break;
      }
    }
    this.chosen = best;
    return best;
  }

  /** Pass 2: the anonymised row (in `header()` order). */
  transform(row: readonly Cell[]): Cell[] {
    const li = this.level();
    const level = this.levels[li]!;
    const { key } = this.key(row, level);
    const suppress = (this.counts[li]!.get(key) ?? 0) < this.k;
    if (suppress) this.suppressed++;
    const out: Cell[] = [];
    for (const p of this.plan) {
      if (p.action === 'keep') out.push(p.quasi && suppress ? null : (row[p.index] ?? null));
      else if (p.action === 'hash') {
        const v = cellText(row[p.index]);
        if (v) this.hashed++;
        out.push(v ? serialHash(this.options.salt, v) : null);
      }
    }
    if (this.date) {
      const d = parseDate(row[this.date.index] ?? null, this.options.dateOrder ?? 'dmy');
      if (!d && cellText(row[this.date.index]) !== '') this.unreadDates++;
      // A date read less precisely than the level keeps its own precision.
      const precision = !d ? null : rank(d.precision) > rank(level.date) ? d.precision : level.date;
      if (!d || suppress || !precision) out.push(null, 'unknown');
      else out.push(dateLabel(d.date, precision as AnonDatePrecision), precision);
    }
    if (this.lat && this.lon) {
      const c = this.cell(row, level.gridKm);
      const given = cellText(row[this.lat.index]) !== '' || cellText(row[this.lon.index]) !== '';
      if (!c && given && level.gridKm > 0) this.unreadCoordinates++;
      if (!c || suppress) out.push(null, null, 'unknown');
      else out.push(c[0], c[1], level.gridKm <= 10 ? 'approx_10km' : `approx_${level.gridKm}km`);
    }
    const places = level.places === 'all' ? this.places : this.places.slice(-1);
    for (const p of this.places)
      out.push(!suppress && places.includes(p) ? (row[p.index] ?? null) : null);
    return out;
  }

  /** The report (after pass 2). */
  report(): AnonymisationReport {
    const li = this.level();
    const level = this.levels[li]!;
    let smallest: number | null = null;
    let classes = 0;
    for (const [key, n] of this.counts[li]!) {
      if (n < this.k) continue;
      if (key.split('\u0000').every((p) => p === '∅')) continue;
      classes++;
      smallest = smallest === null ? n : Math.min(smallest, n);
    }
    const places = level.places === 'all' ? this.places : this.places.slice(-1);
    return {
      rows: this.rows,
      columns: this.plan.map(({ column, action, reason, quasi }) => ({
        column,
        action,
        reason,
        quasi,
      })),
      k: this.k,
      level: {
        datePrecision: level.date,
        gridKm: this.lat && this.lon && level.gridKm > 0 ? level.gridKm : null,
        placeColumns: places.map((p) => p.column),
      },
      suppressed: this.suppressed,
      smallestClass: smallest,
      classes,
      hashedSerials: this.hashed,
      unreadDates: this.unreadDates,
      unreadCoordinates: this.unreadCoordinates,
    };
  }
}

const rank = (p: string) => ['day', 'month', 'quarter', 'year'].indexOf(p);

/** The report as Markdown, for people. */
export function reportMarkdown(r: AnonymisationReport, input: string): string {
  const lines = [
    `# Anonymisation report: ${input}`,
    '',
    `${r.rows.toLocaleString('en-US')} records read, ${r.rows.toLocaleString('en-US')} written (none dropped).`,
    '',
    '## Columns',
    '',
    '| column | what was done | why | quasi-identifier |',
    '| --- | --- | --- | --- |',
    ...r.columns.map(
      (c) =>
        `| ${c.column.replace(/\|/g, '\\|')} | ${c.action} | ${c.reason} | ${c.quasi ? 'yes' : ''} |`,
    ),
    '',
    '## Re-identification risk',
    '',
    `- k-anonymity with k = ${r.k} over the quasi-identifiers, at: dates to the ${r.level.datePrecision}, ${r.level.gridKm ? `coordinates on a ${r.level.gridKm} km grid` : 'no coordinates'}, places: ${r.level.placeColumns.join(', ') || 'none'}.`,
    `- ${r.classes.toLocaleString('en-US')} classes; the smallest holds ${r.smallestClass ?? 0} records.`,
    `- ${r.suppressed.toLocaleString('en-US')} records were in classes smaller than ${r.k}: their quasi-identifiers were blanked (kept as undated and unplaced records).`,
    `- ${r.hashedSerials.toLocaleString('en-US')} serial numbers replaced by a keyed hash (HMAC-SHA-256, 128 bits; the key is not stored).`,
    `- ${r.unreadDates.toLocaleString('en-US')} dates and ${r.unreadCoordinates.toLocaleString('en-US')} coordinates could not be read and were written empty.`,
    '',
  ];
  return lines.join('\n');
}

/** A sheet anonymised in memory (the Import view's option), with its report. */
export interface AnonymisedSheet {
  sheet: Sheet;
  report: AnonymisationReport & { file: string; sheetName: string | null; aboveHeader: number };
}

/**
 * Anonymises one sheet as read by the importer: its first row with two or more filled cells is
 * the header, the rows under it the records (rows above it, titles, are left out and counted).
 */
export function anonymiseSheet(sheet: Sheet, options: AnonymiseOptions): AnonymisedSheet {
  const filled = (r: readonly Cell[]) => r.filter((c) => cellText(c) !== '').length;
  const h = sheet.rows.findIndex((r) => filled(r) >= 2);
  const headerRow = h < 0 ? [] : sheet.rows[h]!;
  const header = headerRow.map((c, i) => cellText(c) || `column_${i + 1}`);
  const body = h < 0 ? [] : sheet.rows.slice(h + 1).filter((r) => filled(r) > 0);
  const plan = planColumns(header, body.slice(0, 2000), options);
  const a = new Anonymiser(plan, options);
  for (const r of body) a.count(r);
  const rows = body.map((r) => a.transform(r));
  return {
    sheet: { ...sheet, rows: [a.header(), ...rows] },
    report: {
      ...a.report(),
      file: sheet.file,
      sheetName: sheet.sheet,
      aboveHeader: Math.max(0, h),
    },
  };
}
