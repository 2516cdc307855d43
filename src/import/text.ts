/**
 * Text helpers shared by every step of the importer: decoding bytes (BOM, UTF-8, Latin-1 /
 * Windows-1252), a comparison key that ignores case, accents and punctuation, and parsers for the
 * numbers and dates real sheets hold ("1 234", "1.234,5", "03/2021", "Q2 2020", "ene-21",
 * "1/2/2019 3:15 PM", Excel serials), and the day order and language of a sheet.
 */
import type { Cell } from './types';

/** Encodings the importer reads; `auto` detects. */
export const ENCODINGS = ['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
/** An encoding choice. */
export type EncodingChoice = (typeof ENCODINGS)[number];

/**
 * Decodes text bytes. `auto`: a byte-order mark decides; else strict UTF-8, and when that fails,
 * Windows-1252 (a superset of Latin-1 for printable text, what spreadsheets on Windows write).
 */
export function decodeText(
  bytes: Uint8Array,
  choice: EncodingChoice = 'auto',
): { text: string; encoding: Exclude<EncodingChoice, 'auto'> } {
  let encoding: Exclude<EncodingChoice, 'auto'>;
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else {
    encoding = 'utf-8';
  }
  const body = bytes.subarray(start);
  if (choice !== 'auto') {
    return {
      text: new TextDecoder(choice).decode(choice === encoding ? body : bytes),
      encoding: choice,
    };
  }
  if (encoding !== 'utf-8' || start === 3) {
    return { text: new TextDecoder(encoding).decode(body), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/**
 * A key for comparing names: lower case, accents and punctuation removed, `&` as "and", spaces
 * collapsed. "Congo, Dem. Rep." → "congo dem rep"; "Côte d’Ivoire" → "cote d ivoire".
 */
export function nameKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The text of a cell, trimmed (non-breaking and other Unicode spaces included); '' when empty. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  const s = typeof c === 'string' ? c : String(c);
  // Fast path (most cells): no space at either end, no space but single ASCII ones inside.
  let clean = s.length > 0;
  for (let i = 0; i < s.length && clean; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 32) clean = i > 0 && i < s.length - 1 && s.charCodeAt(i + 1) !== 32;
    else if (
      ch < 32 ||
      ch === 0xa0 ||
      ch === 0x2007 ||
      ch === 0x202f ||
      ch === 0xfeff ||
      (ch >= 0x2000 && ch <= 0x200a) ||
      ch === 0x3000 ||
      ch === 0x1680 ||
      ch === 0x2028 ||
      ch === 0x2029 ||
      ch === 0x205f ||
      ch === 0x85
    )
      clean = false;
  }
  if (clean) return s;
  return s.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, ' ').trim();
}

/** True for an empty cell. */
export function isBlank(c: Cell | undefined): boolean {
  return cellText(c) === '';
}

/**
 * Reads a count or amount: numbers as they are; text with thousands separators in either
 * convention ("1,234", "1.234", "1 234", "1 234"), a decimal comma ("12,5"), or a sign.
 * Returns null for anything else ("n/a", "-", "…", "12 pistols").
 */
export function parseNumber(c: Cell | undefined): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c === 'boolean' || c === null || c === undefined) return null;
  let s = cellText(c).replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[-+]?[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    // Both: the later one is the decimal mark.
    s = lastDot > lastComma ? s.replace(/,/g, '') : s.replace(/\./g, '').replace(',', '.');
  } else if (lastComma >= 0) {
    // "1,234" and "1,234,567" are thousands; "12,5" is a decimal comma.
    s = /^[-+]?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0 && /^[-+]?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** How precisely a date is known. */
export type DatePrecision = 'day' | 'month' | 'quarter' | 'year';

/** A date read from a cell: the first day of its period, and the period's length. */
export interface ParsedDate {
  /** ISO date of the period's first day. */
  date: string;
  precision: DatePrecision;
}

const MONTHS: Record<string, number> = {};
[
  ['january', 'jan', 'enero', 'ene', 'janvier', 'janv', 'janeiro'],
  ['february', 'feb', 'febrero', 'fevrier', 'fev', 'fevereiro', 'fevr'],
  ['march', 'mar', 'marzo', 'mars', 'marco'],
  ['april', 'apr', 'abril', 'abr', 'avril', 'avr'],
  ['may', 'mayo', 'mai', 'maio'],
  ['june', 'jun', 'junio', 'juin', 'junho'],
  ['july', 'jul', 'julio', 'juillet', 'juil', 'julho'],
  ['august', 'aug', 'agosto', 'ago', 'aout'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set', 'septembre', 'setembro'],
  ['october', 'oct', 'octubre', 'octobre', 'outubro', 'out'],
  ['november', 'nov', 'noviembre', 'novembre', 'novembro'],
  ['december', 'dec', 'diciembre', 'dic', 'decembre', 'dezembro', 'dez'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** The month (1–12) a name stands for in English, Spanish, French or Portuguese, or null. */
export function monthOf(s: string): number | null {
  return MONTHS[nameKey(s)] ?? null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const validYear = (y: number) => y >= 1900 && y <= 2100;
const fullYear = (y: number) => (y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y);

function dayDate(y: number, m: number, d: number): ParsedDate | null {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (!validYear(y) || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return { date: `${y}-${pad(m)}-${pad(d)}`, precision: 'day' };
}

function monthDate(y: number, m: number): ParsedDate | null {
  return validYear(y) && m >= 1 && m <= 12
    ? { date: `${y}-${pad(m)}-01`, precision: 'month' }
    : null;
}

function quarterDate(y: number, q: number): ParsedDate | null {
  return validYear(y) && q >= 1 && q <= 4
    ? { date: `${y}-${pad((q - 1) * 3 + 1)}-01`, precision: 'quarter' }
    : null;
}

/** Which part of an all-numeric `a/b/yyyy` date is the day: `dmy` (31/12/2021) or `mdy` (12/31/2021). */
export type DateOrder = 'dmy' | 'mdy';

/** `a/b/yyyy`, `a.b.yy`, `a-b-yyyy`: day and month in either order, 2- or 4-digit year. */
const NUMERIC_DAY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/**
 * A time of day after a date, split off: "… 12:00:00 AM", "… 3:15 PM", "…T00:00:00.000+02:00",
 * "… 00:00", "…T00Z". Minutes are required unless the time follows a `T`.
 */
const TIME_TAIL =
  /^(.*\d)(?:T(\d{1,2})(?::(\d{2}))?|,?\s+(\d{1,2}):(\d{2}))(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(?:([ap])\.?\s?m\.?)?\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The date part of a date-time text, or null when the text has no (valid) time of day. */
function withoutTime(s: string): string | null {
  if (s.length > 64) return null;
  const m = s.match(TIME_TAIL);
  if (!m) return null;
  const h = +(m[2] ?? m[4])!;
  const min = +(m[3] ?? m[5] ?? 0);
  const sec = +(m[6] ?? 0);
  const twelveHour = m[7] !== undefined;
  if ((twelveHour ? h > 12 : h > 24) || min > 59 || sec > 60) return null;
  return m[1]!.trim();
}

// Quarters written out: "1T 2020", "1er trimestre 2020", "primer trimestre 2020",
// "1º trimestre de 2020", "trimestre 1 2020", "2020 1T" (matched on the name key).
const ORDINAL_SUFFIX = '(?: ?(?:st|nd|rd|th|er|re|eme|e|o|a|do|ro|to))?';
const QUARTER_WORD = '(?:q|t|quarter|qtr|trimestre|trim)';
const LINK = '(?: (?:de|del|of|du))?';
const QUARTER_PATTERNS: { re: RegExp; y: number; q: number }[] = [
  { re: /^(?:(\d{4}) ?)?[qt]([1-4])(?: ?(\d{4}))?$/, y: 1, q: 2 },
  { re: new RegExp(`^([1-4])${ORDINAL_SUFFIX} ?${QUARTER_WORD}${LINK} ?(\\d{4})$`), y: 2, q: 1 },
  { re: new RegExp(`^(\\d{4}) ([1-4])${ORDINAL_SUFFIX} ?${QUARTER_WORD}$`), y: 1, q: 2 },
  { re: new RegExp(`^(?:quarter|qtr|trimestre|trim) ([1-4])${LINK} (\\d{4})$`), y: 2, q: 1 },
  { re: /^(\d{4}) (?:quarter|qtr|trimestre|trim) ([1-4])$/, y: 1, q: 2 },
];
const ORDINAL_WORDS: Record<string, number> = {};
[
  ['first', 'primer', 'primero', 'premier', 'premiere', 'primeiro'],
  ['second', 'segundo', 'deuxieme', 'seconde'],
  ['third', 'tercer', 'tercero', 'troisieme', 'terceiro'],
  ['fourth', 'cuarto', 'quatrieme', 'quarto'],
].forEach((words, i) => words.forEach((w) => (ORDINAL_WORDS[w] = i + 1)));
const WORD_QUARTER = /^([a-z]+) (?:quarter|qtr|trimestre|trim)(?: (?:de|del|of|du))? (\d{4})$/;

function quarterOf(key: string): ParsedDate | null {
  for (const { re, y, q } of QUARTER_PATTERNS) {
    const m = key.match(re);
    if (m) {
      const year = m[y] ?? m[3];
      return year === undefined ? null : quarterDate(+year, +m[q]!);
    }
  }
  const m = key.match(WORD_QUARTER);
  const q = m ? ORDINAL_WORDS[m[1]!] : undefined;
  return m && q ? quarterDate(+m[2]!, q) : null;
}

/** Words that may sit between the parts of a written date: "1 de março de 2020", "the 15th of". */
const FILLER = new Set(['de', 'del', 'of', 'the', 'le']);
/** What may follow a day number: "15th", "1er", "1º". */
const DAY_SUFFIX = new Set(['st', 'nd', 'rd', 'th', 'er', 'o']);
const WEEKDAYS = new Set(
  (
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ' +
    'lunes martes miercoles jueves viernes sabado domingo ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'segunda terca quarta quinta sexta feira'
  ).split(' '),
);
/** The characters a written date ("15-Jan-2021", "1 de março de 2020", "janv. 2019") is made of. */
const WRITTEN_DATE = /^[\p{L}\p{M}\d\s.,\-/'’ºª°]+$/u;

/** A date written with a month name: "Jan 2021", "2021 Jan", "15 janvier 2021", "January 15, 2021". */
function writtenDate(s: string): ParsedDate | null {
  if (s.length > 48 || !WRITTEN_DATE.test(s)) return null;
  const raw = nameKey(s).match(/[a-z]+|\d+/g) ?? [];
  const tokens: string[] = [];
  for (const t of raw) {
    const prev = tokens[tokens.length - 1];
    if (FILLER.has(t)) continue;
    if (DAY_SUFFIX.has(t) && prev !== undefined && /^\d{1,2}$/.test(prev)) continue;
    tokens.push(t);
  }
  // A leading weekday ("lundi 15 janvier 2021", "segunda-feira, 1 de março de 2020").
  while (tokens.length > 3 && WEEKDAYS.has(tokens[0]!)) tokens.shift();
  const num = (t: string | undefined, digits: RegExp) => (t && digits.test(t) ? +t : null);
  const [a, b, c] = tokens;
  if (tokens.length === 2) {
    // "Jan 2021", "ene-19", "marzo de 2020"; "2021 Jan"
    const mo = monthOf(a!);
    if (mo) {
      const y = num(b, /^(\d{2}|\d{4})$/);
      return y === null ? null : monthDate(fullYear(y), mo);
    }
    const y = num(a, /^\d{4}$/);
    const mo2 = monthOf(b!);
    return y !== null && mo2 ? monthDate(y, mo2) : null;
  }
  if (tokens.length === 3) {
    const day = (t: string | undefined) => num(t, /^\d{1,2}$/);
    // "15 janvier 2021", "1 de março de 2020", "15-Jan-21"
    let mo = monthOf(b!);
    if (mo && day(a) !== null) {
      const y = num(c, /^(\d{2}|\d{4})$/);
      return y === null ? null : dayDate(fullYear(y), mo, day(a)!);
    }
    mo = monthOf(a!);
    // "January 15, 2021"
    if (mo && day(b) !== null) {
      const y = num(c, /^\d{4}$/);
      return y === null ? null : dayDate(y, mo, day(b)!);
    }
    // "2021 Jan 15"
    mo = monthOf(b!);
    const y = num(a, /^\d{4}$/);
    if (mo && y !== null && day(c) !== null) return dayDate(y, mo, day(c)!);
  }
  return null;
}

/** `parseDate` without the time-of-day handling. */
function parseDateText(s: string, order: DateOrder): ParsedDate | null {
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/))) {
    return dayDate(+m[1]!, +m[2]!, +m[3]!);
  }
  if ((m = s.match(/^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/))) {
    return dayDate(+m[1]!, +m[3]!, +m[4]!);
  }
  if ((m = s.match(NUMERIC_DAY))) {
    const [day, month] = order === 'dmy' ? [+m[1]!, +m[2]!] : [+m[2]!, +m[1]!];
    return dayDate(fullYear(+m[3]!), month, day);
  }
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})$/)) || (m = s.match(/^(\d{4})M(\d{1,2})$/i))) {
    return monthDate(+m[1]!, +m[2]!);
  }
  if ((m = s.match(/^(\d{1,2})[/.-](\d{4})$/))) {
    return monthDate(+m[2]!, +m[1]!);
  }
  if ((m = s.match(/^(\d{4})$/))) {
    const y = +m[1]!;
    return validYear(y) ? { date: `${y}-01-01`, precision: 'year' } : null;
  }
  if (!/[a-z]/i.test(s)) return null;
  const key = nameKey(s);
  return quarterOf(key) ?? writtenDate(s);
}

/**
 * Reads a date, month, quarter or year from a cell: ISO dates and date-times ("2021-12-31",
 * "2021-12-31T00:00:00Z", "2021/12/31"); all-numeric days ("31/12/2021", "31.12.21", with or
 * without a time such as "12:00:00 AM"), read day-first unless `order` is `mdy` — a date impossible
 * in that order is null, never swapped; days and months written with a month name in English,
 * Spanish, French or Portuguese ("15-Jan-2021", "January 15, 2021", "1 de março de 2020",
 * "janv. 2019", "ene-21", "2021 Jan"); numeric months ("2021-03", "03/2021"); quarters ("Q2 2020",
 * "2020-T2", "2T 2020", "1er trimestre 2020", "primer trimestre 2020", "1º trimestre de 2020"); and
 * years ("2021", 2021). Numbers are only ever whole years: spreadsheet serials are not guessed here
 * (see `excelSerialDate`). Returns null when the cell holds none of these.
 */
export function parseDate(c: Cell | undefined, order: DateOrder = 'dmy'): ParsedDate | null {
  if (typeof c === 'number') {
    return Number.isInteger(c) && validYear(c) ? { date: `${c}-01-01`, precision: 'year' } : null;
  }
  const s = cellText(c);
  if (!s) return null;
  const datePart = /\d:\d|\dT\d/i.test(s) ? withoutTime(s) : null;
  if (datePart) {
    const d = parseDateText(datePart, order);
    if (d?.precision === 'day') return d;
  }
  return parseDateText(s, order);
}

const DAY_MS = 86_400_000;

/**
 * The day an Excel serial number stands for in the 1900 date system: serial 1 is 1900-01-01 and
 * serial 60 is Excel's fictitious 1900-02-29 (null), so serials from 61 on count from 1899-12-30.
 */
function excelSerialDay(serial: number): ParsedDate | null {
  const n = Math.floor(serial);
  if (!Number.isFinite(n) || n < 1 || n === 60) return null;
  const d = new Date(Date.UTC(1899, 11, 31) + (n < 60 ? n : n - 1) * DAY_MS);
  return dayDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The day of an Excel (1900 date system) serial date, its time of day dropped: 43466 →
 * 2019-01-01, 43831.5 → 2020-01-01. Only serials of days 20000–60000 (1954-10-03 to 2064-04-08)
 * are read; anything else is null. For columns a caller has decided hold serial dates.
 */
export function excelSerialDate(n: number): ParsedDate | null {
  if (!Number.isFinite(n) || Math.floor(n) < 20000 || Math.floor(n) > 60000) return null;
  return excelSerialDay(n);
}

/**
 * Decides the day order of a column from its all-numeric `a/b/yyyy` values (a time after them is
 * fine; other values are ignored): a first part over 12 (and at most 31) means day-first, else a
 * second part over 12 means month-first; values impossible either way (13/13/2020) count for
 * neither. With no such evidence, day-first by default.
 */
export function dateOrderOf(values: Iterable<Cell>): {
  order: DateOrder;
  decided: 'values' | 'default';
} {
  let monthFirst = false;
  for (const c of values) {
    if (typeof c !== 'string') continue;
    const m = cellText(c).match(/^(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{2}|\d{4})(?=$|[T\s,])/);
    if (!m) continue;
    const a = +m[1]!;
    const b = +m[2]!;
    if (a > 12 && b > 12) continue;
    if (a > 12 && a <= 31) return { order: 'dmy', decided: 'values' };
    if (b > 12 && b <= 31) monthFirst = true;
  }
  return monthFirst ? { order: 'mdy', decided: 'values' } : { order: 'dmy', decided: 'default' };
}

/**
 * The usual order of all-numeric dates in a language: month-first for English (`en`, `en-US`),
 * day-first for Spanish, French, Portuguese, other English variants (`en-GB`) and anything else.
 */
export function languageDateOrder(lang: string | null): DateOrder {
  const [primary, region] = (lang ?? '').toLowerCase().split(/[-_]/);
  return primary === 'en' && (region === undefined || region === 'us') ? 'mdy' : 'dmy';
}

/** Common words of headers, titles and values in each language the importer reads. */
const STOP_WORDS: Record<'en' | 'es' | 'fr' | 'pt', string[]> = {
  en: [
    'the',
    'of',
    'and',
    'in',
    'by',
    'for',
    'date',
    'type',
    'state',
    'county',
    'firearm',
    'firearms',
    'gun',
    'guns',
    'weapon',
    'weapons',
    'total',
    'number',
    'year',
    'month',
    'seized',
    'seizures',
    'recovered',
    'country',
    'city',
    'count',
  ],
  es: [
    'de',
    'del',
    'la',
    'el',
    'los',
    'las',
    'y',
    'en',
    'por',
    'fecha',
    'tipo',
    'arma',
    'armas',
    'provincia',
    'cantidad',
    'mes',
    'municipio',
    'departamento',
    'estado',
    'incautadas',
    'incautacion',
    'decomiso',
    'pais',
    'ciudad',
    'entidad',
  ],
  fr: [
    'le',
    'la',
    'les',
    'des',
    'du',
    'de',
    'et',
    'en',
    'par',
    'date',
    'type',
    'arme',
    'armes',
    'nombre',
    'departement',
    'saisie',
    'saisies',
    'annee',
    'mois',
    'commune',
    'region',
    'pays',
    'ville',
    'quantite',
  ],
  pt: [
    'de',
    'do',
    'da',
    'dos',
    'das',
    'e',
    'em',
    'por',
    'data',
    'tipo',
    'arma',
    'armas',
    'municipio',
    'apreensao',
    'apreensoes',
    'apreendidas',
    'quantidade',
    'ocorrencia',
    'ocorrencias',
    'uf',
    'ano',
    'mes',
    'estado',
    'cidade',
    'pais',
  ],
};
const LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
/** Each stop word's languages; a word shared by k languages gives each 12/k votes. */
const STOP_WORD_LANGUAGES = new Map<string, (typeof LANGUAGES)[number][]>();
for (const lang of LANGUAGES) {
  for (const w of STOP_WORDS[lang]) {
    STOP_WORD_LANGUAGES.set(w, [...(STOP_WORD_LANGUAGES.get(w) ?? []), lang]);
  }
}

/**
 * Guesses the language of a sheet from its header, title and value texts by a stop-word vote
 * (accents and case ignored; a word common to several languages splits its vote). Ties go to the
 * first of en, es, fr, pt. Null when no word votes.
 */
export function guessLanguage(texts: Iterable<string>): 'en' | 'es' | 'fr' | 'pt' | null {
  const votes = { en: 0, es: 0, fr: 0, pt: 0 };
  for (const text of texts) {
    if (typeof text !== 'string' || text.length > 200) continue;
    for (const word of nameKey(text).split(' ')) {
      const langs = STOP_WORD_LANGUAGES.get(word);
      if (langs) for (const l of langs) votes[l] += 12 / langs.length;
    }
  }
  let best: (typeof LANGUAGES)[number] | null = null;
  for (const l of LANGUAGES)
    if (votes[l] > 0 && (best === null || votes[l] > votes[best])) best = l;
  return best;
}

/** The first year (1900–2100) written in a text, e.g. a file name or a title cell. */
export function yearIn(s: string): number | null {
  const m = s.match(/(?:^|[^\d])((?:19|20)\d{2})(?!\d)/);
  return m ? +m[1]! : null;
}

/** A label that stands for a total ("Total", "TOTAL", "Grand total", "Totales", "Todos"). */
export function isTotalLabel(c: Cell | undefined): boolean {
  if (typeof c !== 'string' || c.length > 24) return false;
  // Cheap rejection first: every total label starts with one of these letters.
  const first = c.trimStart()[0];
  if (!first || !'tTgGaAsSeE'.includes(first)) return false;
  const k = nameKey(c);
  return /^(grand )?totals?( general| geral| generale)?$|^totales?$|^todos?$|^all$|^sum$|^tous$|^ensemble$/.test(
    k,
  );
}
