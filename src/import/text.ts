/**
 * Text helpers shared by every step of the importer: decoding bytes (BOM, UTF-8, Latin-1 /
 * Windows-1252), a comparison key that ignores case, accents and punctuation, and parsers for the
 * numbers and dates real sheets hold ("1 234", "1.234,5", "03/2021", "Q2 2020", "ene-21").
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

/**
 * Reads a date, month, quarter or year from a cell: ISO dates, day-first dates ("31/12/2021",
 * "31.12.2021"), months ("2021-03", "03/2021", "March 2021", "ene-21", "mars 2021"), quarters
 * ("Q2 2020", "2020 T2", "2020-Q2") and years ("2021", 2021). Spreadsheet serial numbers are not
 * guessed (XLSX dates arrive as dates). Returns null when the cell holds none of these.
 */
export function parseDate(c: Cell | undefined): ParsedDate | null {
  if (typeof c === 'number') {
    return Number.isInteger(c) && validYear(c) ? { date: `${c}-01-01`, precision: 'year' } : null;
  }
  const s = cellText(c);
  if (!s) return null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/))) {
    return dayDate(+m[1]!, +m[2]!, +m[3]!);
  }
  if ((m = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/))) {
    return dayDate(fullYear(+m[3]!), +m[2]!, +m[1]!);
  }
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})$/)) || (m = s.match(/^(\d{4})M(\d{1,2})$/i))) {
    const y = +m[1]!;
    const mo = +m[2]!;
    return validYear(y) && mo >= 1 && mo <= 12
      ? { date: `${y}-${pad(mo)}-01`, precision: 'month' }
      : null;
  }
  if ((m = s.match(/^(\d{1,2})[/.-](\d{4})$/))) {
    const mo = +m[1]!;
    const y = +m[2]!;
    return validYear(y) && mo >= 1 && mo <= 12
      ? { date: `${y}-${pad(mo)}-01`, precision: 'month' }
      : null;
  }
  if ((m = s.match(/^(?:(\d{4})\s*[-\s]?\s*)?[QT](\d)(?:\s*[-\s]?\s*(\d{4}))?$/i))) {
    const y = +(m[1] ?? m[3] ?? NaN);
    const q = +m[2]!;
    if (validYear(y) && q >= 1 && q <= 4) {
      return { date: `${y}-${pad((q - 1) * 3 + 1)}-01`, precision: 'quarter' };
    }
    return null;
  }
  if ((m = s.match(/^(\d{4})$/))) {
    const y = +m[1]!;
    return validYear(y) ? { date: `${y}-01-01`, precision: 'year' } : null;
  }
  // "March 2021", "mars 2021", "ene-21", "2021 Jan", "Jan. 2021"
  if ((m = s.match(/^([A-Za-zÀ-ÿ.]+)[\s\-/.]*(\d{2}|\d{4})$/))) {
    const mo = monthOf(m[1]!);
    const y = fullYear(+m[2]!);
    if (mo && validYear(y)) return { date: `${y}-${pad(mo)}-01`, precision: 'month' };
  }
  if ((m = s.match(/^(\d{4})[\s\-/.]*([A-Za-zÀ-ÿ.]+)$/))) {
    const mo = monthOf(m[2]!);
    const y = +m[1]!;
    if (mo && validYear(y)) return { date: `${y}-${pad(mo)}-01`, precision: 'month' };
  }
  return null;
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
