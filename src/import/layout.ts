/**
 * The layout of a sheet: where its header row is (not always line 1), the title and metadata rows
 * above it (merged title cells included: their text is in the first cell), blank spacer rows,
 * repeated headers, and the footnotes below the data. Every row that is not data is kept with
 * the reason it was skipped, so the checks can say so.
 */
import { cellText, isBlank, parseNumber } from './text';
import type { Cell, Sheet } from './types';

/** Why a row is not data. */
export type SkipReason =
  | 'blank'
  | 'title'
  | 'footnote'
  | 'repeatedHeader'
  | 'total'
  | 'notNumber'
  | 'noValue'
  | 'excluded'
  | 'breakdown'
  | 'notCount'
  | 'trailingZero';

/** A data row: its 0-based index in the sheet and its cells. */
export interface BodyRow {
  index: number;
  cells: Cell[];
}

/** A sheet's layout. */
export interface Layout {
  /** 0-based index of the header row. */
  headerIndex: number;
  /** Header texts, unique (an empty one is "Column N"). */
  headers: string[];
  /** Texts of the rows above the header (titles, metadata). */
  titles: string[];
  body: BodyRow[];
  skipped: { index: number; reason: SkipReason }[];
}

const nonBlank = (r: readonly Cell[]) => r.reduce<number>((n, c) => n + (isBlank(c) ? 0 : 1), 0);
const texty = (r: readonly Cell[]) =>
  r.reduce<number>((n, c) => n + (!isBlank(c) && parseNumber(c) === null ? 1 : 0), 0);

/** The 0-based index of the header row, as a person would pick it. */
export function findHeader(rows: readonly Cell[][]): number {
  const scan = rows.slice(0, 200);
  const width = Math.max(0, ...scan.map(nonBlank));
  for (let i = 0; i < Math.min(rows.length, 50); i++) {
    const r = rows[i]!;
    const n = nonBlank(r);
    if (n < 2 || n < Math.min(width, Math.ceil(width * 0.6))) continue;
    if (texty(r) < Math.max(2, Math.ceil(n * 0.5))) continue;
    const next = rows.slice(i + 1).find((x) => nonBlank(x) > 0);
    if (next && nonBlank(next) >= Math.max(2, Math.floor(n * 0.5))) return i;
  }
  return 0;
}

/** Unique header texts for a header row. */
export function headerTexts(row: readonly Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, i) => {
    const base = cellText(row[i]) || `Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Reads the layout of a sheet; `headerLine` (1-based) overrides the detected header. */
export function readLayout(sheet: Sheet, headerLine: number | null = null): Layout {
  const rows = sheet.rows;
  const headerIndex =
    headerLine !== null ? Math.min(headerLine - 1, Math.max(0, rows.length - 1)) : findHeader(rows);
  const headerRow = rows[headerIndex] ?? [];
  let width = headerRow.length;
  while (width > 0 && isBlank(headerRow[width - 1])) width--;
  for (const r of rows.slice(headerIndex + 1, headerIndex + 200)) {
    let w = r.length;
    while (w > 0 && isBlank(r[w - 1])) w--;
    width = Math.max(width, w);
  }
  const headers = headerTexts(headerRow, width);
  const skipped: Layout['skipped'] = [];
  const titles: string[] = [];
  for (let i = 0; i < headerIndex; i++) {
    const text = rows[i]!.map(cellText).filter(Boolean).join(' ');
    if (text) titles.push(text);
    skipped.push({ index: i, reason: nonBlank(rows[i]!) ? 'title' : 'blank' });
  }
  // Footnotes: the rows after the last row with two or more values.
  let last = rows.length - 1;
  while (last > headerIndex && nonBlank(rows[last]!) < 2) last--;
  const headerKeys = headers.map((h) => h.toLowerCase());
  const body: BodyRow[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const r = rows[i]!;
    const n = nonBlank(r);
    if (n === 0) skipped.push({ index: i, reason: 'blank' });
    else if (i > last) skipped.push({ index: i, reason: 'footnote' });
    else if (n === 1 && !isBlank(r[0]) && parseNumber(r[0]) === null && width > 2) {
      skipped.push({ index: i, reason: 'title' });
    } else if (r.every((c, j) => isBlank(c) || cellText(c).toLowerCase() === headerKeys[j])) {
      skipped.push({ index: i, reason: 'repeatedHeader' });
    } else {
      const cells = r.length === width ? r : Array.from({ length: width }, (_, j) => r[j] ?? null);
      body.push({ index: i, cells });
    }
  }
  return { headerIndex, headers, titles, body, skipped };
}

const isNumberCell = (c: Cell | undefined) => !isBlank(c) && parseNumber(c) !== null;
const isTextCell = (c: Cell | undefined) => !isBlank(c) && parseNumber(c) === null;

/**
 * A table of sections marked by heading rows, as scraped from a web page ("Top source states",
 * then `State | Firearms` and its rows; "Types of firearms", then its rows…), rewritten as a table
 * with a section column: the first heading's row becomes the header `Section | Label | Value`,
 * each data row gets its section in front, heading and sub-header rows keep only their text (so
 * they count as titles). Line numbers do not move. Returns the sheet unchanged when it is not
 * such a table (three columns at most, two headings or more, numbers in the last column).
 */
export function sectionByHeadings(sheet: Sheet): Sheet {
  const rows = sheet.rows;
  const filled = (r: readonly Cell[]) => r.filter((c) => !isBlank(c));
  if (rows.length < 5 || rows.some((r) => filled(r).length > 3)) return sheet;
  const lastCell = (r: readonly Cell[]) => {
    let j = r.length - 1;
    while (j > 0 && isBlank(r[j])) j--;
    return r[j];
  };
  const isData = (r: readonly Cell[]) =>
    filled(r).length >= 2 && isTextCell(r[0]) && isNumberCell(lastCell(r));
  const isSubHeader = (r: readonly Cell[]) =>
    filled(r).length >= 2 && filled(r).every((c) => isTextCell(c));
  const next = (i: number) => {
    for (let k = i + 1; k < rows.length; k++) if (filled(rows[k]!).length) return rows[k]!;
    return null;
  };
  const headings: number[] = [];
  // Rows above the first heading stay as they are (the table's title).
  rows.forEach((r, i) => {
    if (filled(r).length !== 1 || !isTextCell(r[0])) return;
    const after = next(i);
    if (after && (isData(after) || isSubHeader(after))) headings.push(i);
  });
  const isHeading = new Set(headings);
  if (headings.length < 2) return sheet;
  const start = headings[0]!;
  const body = rows.slice(start).filter((r) => filled(r).length >= 2);
  const dataRows = body.filter(isData).length;
  if (dataRows < 3 || dataRows + body.filter(isSubHeader).length < body.length * 0.8) return sheet;
  // The header takes the row just above the first data row (the first section's sub-header, or
  // its heading), so the first data row follows it.
  const firstData = rows.findIndex((r, i) => i > start && isData(r));
  let headerAt = firstData - 1;
  while (headerAt > start && !filled(rows[headerAt]!).length) headerAt--;
  let section = cellText(rows[start]![0]);
  const out = rows.map((r, i): Cell[] => {
    if (i < headerAt) return r;
    if (i === headerAt) return ['Section', 'Label', 'Value'];
    if (isHeading.has(i)) {
      section = cellText(r[0]);
      return [section];
    }
    if (isData(r)) return [section, r[0] ?? null, lastCell(r) ?? null];
    return filled(r).length ? [section] : r;
  });
  return { ...sheet, rows: out };
}
