/**
 * An XLSX reader for large workbooks, in linear time and without workers: the archive is
 * unpacked with fflate's synchronous inflater (no nested workers, which the import worker's
 * sandbox would refuse), shared strings and styles are read whole, and each sheet's XML is
 * decoded and scanned in chunks (a 50 MB workbook holds several hundred MB of sheet XML, more
 * than one JavaScript string may hold). Dates are told by their cell style (built-in and custom
 * date formats) and returned as ISO text; formulas are never evaluated (their cached value is
 * read, as a spreadsheet shows it); merged cells hold their value in the top-left cell.
 *
 * (read-excel-file 9 was used first: it copies its whole row array on every chunk, so a sheet of
 * 700,000 rows took minutes.)
 */
import { unzipSync } from 'fflate';
import { ImportError, type Cell } from './types';

/** One worksheet: its name and its rows. */
export interface WorkbookSheet {
  name: string;
  rows: Cell[][];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character references and the five named entities. */
function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    }
    return ENTITY[e.toLowerCase()] ?? '';
  });
}

const attr = (tag: string, name: string): string | null => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? unescapeXml(m[1]!) : null;
};

/** The text of every `<t>` inside a fragment (rich text runs joined), phonetic runs left out. */
function textOf(fragment: string): string {
  const clean = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\s*\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(clean))) out += m[1] ?? '';
  return unescapeXml(out);
}

/** Column index (0-based) of an A1 reference. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57,
]);

/** For each cell style index, whether it formats a date. */
function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, boolean>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId'));
    const code = (attr(m[0], 'formatCode') ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    custom.set(id, /[dmyhs]/i.test(code) && !/^[#0.,%E+\-\s]*$/.test(code));
  }
  const xfs = stylesXml.match(/<cellXfs\b[\s\S]*?<\/cellXfs>/)?.[0] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id);
  });
}

/** An Excel serial date (1900 system) as ISO text: a day, or a day and time. */
function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return null;
  const days = date1904 ? serial + 1462 : serial;
  // Excel's day 60 is the non-existent 29 February 1900.
  const ms = Math.round((days - 25569) * 86_400_000);
  const d = new Date(ms);
  const iso = d.toISOString();
  return d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
    ? iso.slice(0, 19)
    : iso.slice(0, 10);
}

/** Reads every worksheet of an XLSX workbook. */
export function readXlsx(file: string, bytes: Uint8Array): WorkbookSheet[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/.test(f.name) });
  } catch (e) {
    throw new ImportError(`not a readable XLSX workbook (${(e as Error).message})`, { file });
  }
  const text = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : null);
  const workbook = text('xl/workbook.xml');
  if (!workbook)
    throw new ImportError('not a readable XLSX workbook (no xl/workbook.xml)', { file });
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target)
      targets.set(
        id,
        target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`,
      );
  }
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const shared: string[] = [];
  const sst = text('xl/sharedStrings.xml');
  if (sst)
    for (const m of sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) shared.push(textOf(m[1] ?? ''));
  const dates = dateStyles(text('xl/styles.xml'));

  const sheets: WorkbookSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name') ?? `Sheet${sheets.length + 1}`;
    const rid = attr(m[0], 'r:id');
    const path = rid ? targets.get(rid) : undefined;
    const data = path ? files[path] : undefined;
    if (!data) continue; // a chart sheet, or a sheet the archive lacks
    sheets.push({ name, rows: readSheetXml(data, shared, dates, date1904, file, name) });
  }
  if (sheets.length === 0) throw new ImportError('the workbook holds no worksheet', { file });
  return sheets;
}

const CHUNK = 8 * 1024 * 1024;

/** Scans one sheet's XML in chunks, row by row. */
function readSheetXml(
  data: Uint8Array,
  shared: string[],
  dates: boolean[],
  date1904: boolean,
  file: string,
  sheet: string,
): Cell[][] {
  const rows: Cell[][] = [];
  const decoder = new TextDecoder();
  let carry = '';
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  const parseRow = (xml: string) => {
    const open = xml.match(/^<row\b[^>]*>/)?.[0] ?? '';
    const r = Number(attr(open, 'r')) || rows.length + 1;
    while (rows.length < r - 1) rows.push([]);
    const row: Cell[] = [];
    cellRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    let next = 0;
    while ((m = cellRe.exec(xml))) {
      const attrs = m[1]!;
      const body = m[2] ?? '';
      const ref = attrs.match(/\sr="([A-Z]+)\d+"/)?.[1];
      const col = ref ? columnOf(ref) : next;
      next = col + 1;
      const type = attrs.match(/\st="(\w+)"/)?.[1] ?? 'n';
      const style = Number(attrs.match(/\ss="(\d+)"/)?.[1] ?? 0);
      const v = body.match(/<v>([\s\S]*?)<\/v>/)?.[1];
      let value: Cell = null;
      if (type === 's') value = v !== undefined ? (shared[Number(v)] ?? null) : null;
      else if (type === 'inlineStr') value = textOf(body.match(/<is>([\s\S]*?)<\/is>/)?.[1] ?? '');
      else if (type === 'str') value = v !== undefined ? unescapeXml(v) : null;
      else if (type === 'b') value = v === '1' ? true : v === '0' ? false : null;
      else if (type === 'e')
        value = null; // #N/A, #DIV/0!: no value
      else if (type === 'd') value = v ? unescapeXml(v).slice(0, 10) : null;
      else if (v !== undefined && v !== '') {
        const n = Number(v);
        value = Number.isFinite(n) ? (dates[style] ? serialToIso(n, date1904) : n) : null;
      }
      if (value === '') value = null;
      while (row.length < col) row.push(null);
      row[col] = value;
    }
    rows.push(row);
  };
  for (let at = 0; at < data.length; at += CHUNK) {
    const part = decoder.decode(data.subarray(at, Math.min(data.length, at + CHUNK)), {
      stream: at + CHUNK < data.length,
    });
    let xml = carry + part;
    const last = xml.lastIndexOf('</row>');
    if (last < 0) {
      carry = xml;
      continue;
    }
    carry = xml.slice(last + 6);
    xml = xml.slice(0, last + 6);
    let start = xml.indexOf('<row');
    while (start >= 0) {
      // `<row ... />` (an empty row) or `<row ...>…</row>`
      const gt = xml.indexOf('>', start);
      if (gt < 0) break;
      if (xml[gt - 1] === '/') {
        parseRow(`${xml.slice(start, gt - 1)}>`);
        start = xml.indexOf('<row', gt);
        continue;
      }
      const end = xml.indexOf('</row>', gt);
      if (end < 0) break;
      parseRow(xml.slice(start, end));
      start = xml.indexOf('<row', end + 6);
    }
  }
  if (
    carry.includes('<row') &&
    /<row\b[^>]*>[\s\S]*<c\b/.test(carry) &&
    !carry.includes('</sheetData>')
  ) {
    throw new ImportError('the sheet’s XML ends in the middle of a row (the file is truncated)', {
      file,
      sheet,
      line: rows.length + 1,
    });
  }
  return rows;
}
