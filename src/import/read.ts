/**
 * Readers: bytes of one file → its sheets of cells. CSV/TSV/TXT with any delimiter (quoted fields
 * with delimiters and line breaks, by Papa Parse), XLSX (every sheet, `./xlsx.ts` on fflate), Parquet
 * (hyparquet, with the common codecs), JSON arrays, NDJSON and Arrow IPC. The format is told by
 * the file's first bytes, not its name; anything else (old XLS, a ZIP that is not a workbook,
 * binary junk, an empty file) gets an `ImportError` that names the file and what it is.
 *
 * Runs the same in Node (the CLI) and in a Web Worker (the browser). Nothing here touches the
 * network or evaluates a cell: a cell is text or a number, never a formula.
 */
import Papa from 'papaparse';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { tableFromIPC, DataType } from 'apache-arrow';
import { decodeText, type EncodingChoice } from './text';
import { readXlsx } from './xlsx';
import { ImportError, type Cell, type Sheet } from './types';

/** The formats the importer reads. */
export type FileFormat = 'csv' | 'xlsx' | 'parquet' | 'json' | 'ndjson' | 'arrow';

/** Choices the user can override after a first read. */
export interface ReadOptions {
  encoding?: EncodingChoice;
  /** One character; unset: detected among `, ; TAB |`. */
  delimiter?: string;
}

/** Largest file the browser reads, by format: an XLSX unpacks to many times its size. */
export const MAX_BYTES: Readonly<Record<'xlsx' | 'other', number>> = {
  xlsx: 200 * 1024 * 1024,
  other: 1024 * 1024 * 1024,
};

/** Refuses a file too large to read in a tab, before reading it. Returns the limit that applies. */
export function checkSize(name: string, bytes: number): void {
  const limit = /\.xlsx$/i.test(name) ? MAX_BYTES.xlsx : MAX_BYTES.other;
  if (bytes > limit) {
    throw new ImportError(
      `the file is ${formatBytes(bytes)}, more than this importer reads in a browser tab (${formatBytes(limit)}); split it, or prepare it with "npm run import" on the command line`,
      { file: name },
    );
  }
}

/** "12.3 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Tells a file's format from its first bytes. */
export function sniffFormat(name: string, bytes: Uint8Array): FileFormat {
  const where = { file: name };
  if (bytes.length === 0) throw new ImportError('the file is empty', where);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A ZIP: a workbook holds xl/workbook.xml; look for the name in the local file headers.
    const head = new TextDecoder('latin1').decode(
      bytes.subarray(0, Math.min(bytes.length, 1 << 20)),
    );
    if (head.includes('xl/')) return 'xlsx';
    if (head.includes('content.xml')) {
      throw new ImportError(
        'this is an OpenDocument spreadsheet (ODS); save it as XLSX or CSV',
        where,
      );
    }
    throw new ImportError(
      'this is a ZIP archive, not a workbook; unpack it and import the files inside',
      where,
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportError('this is an old Excel 97–2003 file (XLS); save it as XLSX or CSV', where);
  }
  if (startsWith(bytes, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(bytes, [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31])) return 'arrow';
  if (startsWith(bytes, [0xff, 0xff, 0xff, 0xff])) return 'arrow';
  if (startsWith(bytes, [0x1f, 0x8b])) {
    throw new ImportError('this is a gzip-compressed file; decompress it first', where);
  }
  // Text: reject binary junk before trying to parse it as a table.
  const sample = bytes.subarray(0, 8192);
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16) {
    let control = 0;
    for (const b of sample) {
      if (b === 0) {
        control = sample.length;
        break;
      }
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
    }
    if (control > sample.length * 0.01) {
      throw new ImportError(
        'this looks like a binary file, not a table; the importer reads CSV, TSV, XLSX, Parquet, JSON and Arrow',
        where,
      );
    }
  }
  const first = decodeText(sample)
    .text.replace(/^\ufeff/, '')
    .trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

/** Reads every sheet of a file. */
export async function readFile(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<Sheet[]> {
  const format = sniffFormat(name, bytes);
  switch (format) {
    case 'csv':
      return [readDelimited(name, bytes, options)];
    case 'xlsx':
      return readWorkbook(name, bytes);
    case 'parquet':
      return [await readParquet(name, bytes)];
    case 'arrow':
      return [readArrow(name, bytes)];
    case 'json':
    case 'ndjson':
      return [readJson(name, bytes, options)];
  }
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Picks the delimiter that splits the first lines into the most rows of one width (metadata rows
 * above a header do not fool it: they are a minority of the sample).
 */
export function guessDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = { delimiter: ',', score: -1 };
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, preview: 60 }).data;
    const widths = new Map<number, number>();
    for (const r of rows) if (r.length > 1) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [w, n] of widths) score = Math.max(score, n * Math.log2(w));
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}

/** CSV, TSV and other delimited text. */
export function readDelimited(name: string, bytes: Uint8Array, options: ReadOptions = {}): Sheet {
  const { text, encoding } = decodeText(bytes, options.encoding ?? 'auto');
  if (text.trim() === '') throw new ImportError('the file is empty', { file: name });
  const delimiter = options.delimiter || guessDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    throw new ImportError(`a quoted field is never closed (${quote.message})`, {
      file: name,
      line: (quote.row ?? 0) + 1,
    });
  }
  const rows = parsed.data as Cell[][];
  // A final newline gives one empty record; drop it.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return { file: name, sheet: null, rows, encoding, delimiter };
}

const isoDate = (d: Date) =>
  d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
    ? d.toISOString().slice(0, 19)
    : d.toISOString().slice(0, 10);

function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(v);
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  return JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

/** Every sheet of an XLSX workbook (`./xlsx.ts`). */
export function readWorkbook(name: string, bytes: Uint8Array): Sheet[] {
  return readXlsx(name, bytes).map((s) => ({ file: name, sheet: s.name, rows: s.rows }));
}

/** A Parquet file: its columns become the header row. */
export async function readParquet(name: string, bytes: Uint8Array): Promise<Sheet> {
  const file = bytes.slice().buffer;
  try {
    const metadata = parquetMetadata(file);
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    const objects = await parquetReadObjects({ file, metadata, compressors });
    const rows: Cell[][] = [columns];
    for (const o of objects)
      rows.push(columns.map((c) => plain((o as Record<string, unknown>)[c])));
    return { file: name, sheet: null, rows };
  } catch (e) {
    throw new ImportError(`not a readable Parquet file (${(e as Error).message})`, { file: name });
  }
}

/** An Arrow IPC file or stream. */
export function readArrow(name: string, bytes: Uint8Array): Sheet {
  try {
    const table = tableFromIPC(bytes);
    const fields = table.schema.fields;
    const rows: Cell[][] = [fields.map((f) => f.name)];
    const cols = fields.map((f, i) => ({
      vec: table.getChildAt(i)!,
      date: DataType.isDate(f.type),
    }));
    for (let r = 0; r < table.numRows; r++) {
      rows.push(
        cols.map(({ vec, date }) => {
          const v: unknown = vec.get(r);
          return date && typeof v === 'number' ? isoDate(new Date(v)) : plain(v);
        }),
      );
    }
    return { file: name, sheet: null, rows };
  } catch (e) {
    throw new ImportError(`not a readable Arrow IPC file (${(e as Error).message})`, {
      file: name,
    });
  }
}

/** A JSON array (of objects or of arrays), an object holding one, or NDJSON (one object a line). */
export function readJson(name: string, bytes: Uint8Array, options: ReadOptions = {}): Sheet {
  const { text } = decodeText(bytes, options.encoding ?? 'auto');
  let records: unknown[];
  try {
    const whole: unknown = JSON.parse(text);
    if (Array.isArray(whole)) records = whole;
    else if (whole && typeof whole === 'object') {
      const arr = Object.values(whole).find(Array.isArray);
      records = arr ?? [whole];
    } else throw new ImportError('the JSON holds no table (an array of records)', { file: name });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    records = [];
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        throw new ImportError('not valid JSON or NDJSON', { file: name, line: i + 1 });
      }
    }
  }
  if (records.length === 0) throw new ImportError('the file holds no records', { file: name });
  if (records.every(Array.isArray)) {
    return { file: name, sheet: null, rows: (records as unknown[][]).map((r) => r.map(plain)) };
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    if (!r || typeof r !== 'object' || Array.isArray(r)) {
      throw new ImportError('records must all be objects or all be arrays', { file: name });
    }
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const rows: Cell[][] = [keys];
  for (const r of records) rows.push(keys.map((k) => plain((r as Record<string, unknown>)[k])));
  return { file: name, sheet: null, rows };
}
