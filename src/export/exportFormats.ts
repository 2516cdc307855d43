/**
 * Export formats, with no DOM in them (unit-tested in Node): CSV with every formula-like cell
 * escaped, XLSX through write-excel-file, Parquet through hyparquet-writer (DuckDB-WASM has no
 * Parquet writer offline), and the sidecar that says what was exported under which filters.
 * A writer takes rows in batches, so a large export is written as it streams in. The XLSX and
 * Parquet libraries are loaded on the first export that needs them, not with every panel.
 */
import { nameFrom } from '../model/fileNames';
import type * as HyparquetWriter from 'hyparquet-writer';
import type { ColumnSource, ParquetWriter } from 'hyparquet-writer';

/** The file formats offered. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Excel's sheet holds 1,048,576 rows, one of which is the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/** One exported column: its name and the kind of values it holds. */
export interface ExportColumn {
  name: string;
  kind: 'number' | 'boolean' | 'text';
}

/** What the sidecar says about an export. */
export interface ExportSidecar {
  app: 'Firearms Flow Atlas';
  sidecarVersion: 1;
  dataset: { name: string; title: string };
  view: string;
  /** What was exported, e.g. "Seizure records" or "Leading routes". */
  what: string;
  exportedAt: string;
  /** The link that reopens the view the data came from. */
  link: string;
  /** The filters in words, as the captions say them. */
  filters: string;
  rows: number;
  columns: string[];
  format: ExportFormat;
  /** The SQL typed in the console, for console results. */
  query?: string;
  /** Briefing-safe counts: the threshold and the rule, when counts were protected. */
  suppression?: { k: number; rule: string };
  source: string;
}

/** Cells a spreadsheet would run as a formula (OWASP's CSV-injection list). */
const FORMULA_START = /^[=+\-@\t\r|%]/;

/**
 * One CSV field: text that would start a formula in a spreadsheet is prefixed with `'` (so
 * `=cmd|' /C calc'!A0` stays text), and fields with a comma, quote or line break are quoted.
 * Numbers and booleans are written as they are (a negative number is a number, not a formula).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  let text =
    value instanceof Date
      ? value.toISOString()
      : Array.isArray(value)
        ? JSON.stringify(value)
        : typeof value === 'object'
          ? JSON.stringify(value, (_, x: unknown) => (typeof x === 'bigint' ? Number(x) : x))
          : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV lines (with CRLF, per RFC 4180) for rows, in column order. */
export function csvLines(
  columns: readonly ExportColumn[],
  rows: readonly Record<string, unknown>[],
) {
  let out = '';
  for (const r of rows) out += `${columns.map((c) => csvField(r[c.name])).join(',')}\r\n`;
  return out;
}

/** A writer of one export: rows go in by batches, a Blob comes out. */
export interface ExportWriter {
  add(rows: readonly Record<string, unknown>[]): void | Promise<void>;
  finish(): Promise<Blob>;
}

/** Thrown when an export cannot be written in the chosen format (e.g. too many rows for XLSX). */
export class ExportLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportLimitError';
  }
}

/** Starts a writer for `format`; `sidecar` is embedded where the format has room for it. */
export async function createExportWriter(
  format: ExportFormat,
  columns: readonly ExportColumn[],
  sidecar: Omit<ExportSidecar, 'rows'>,
): Promise<ExportWriter> {
  if (format === 'csv') return csvWriter(columns);
  if (format === 'xlsx')
    return xlsxWriter(columns, sidecar, (await import('write-excel-file/universal')).default);
  return parquetWriter(columns, sidecar, await import('hyparquet-writer'));
}

function csvWriter(columns: readonly ExportColumn[]): ExportWriter {
  // A BOM so that spreadsheet programs read the file as UTF-8.
  const parts: string[] = ['\uFEFF', `${columns.map((c) => csvField(c.name)).join(',')}\r\n`];
  return {
    add(rows) {
      parts.push(csvLines(columns, rows));
    },
    finish: () => Promise.resolve(new Blob(parts, { type: 'text/csv;charset=utf-8' })),
  };
}

function xlsxWriter(
  columns: readonly ExportColumn[],
  sidecar: Omit<ExportSidecar, 'rows'>,
  writeXlsxFile: unknown,
): ExportWriter {
  const data: ({ value: unknown; type?: unknown } | null)[][] = [
    columns.map((c) => ({ value: c.name, fontWeight: 'bold' })),
  ];
  return {
    add(rows) {
      if (data.length - 1 + rows.length > XLSX_MAX_ROWS) {
        throw new ExportLimitError(
          `An Excel sheet holds at most ${XLSX_MAX_ROWS.toLocaleString('en')} rows; export CSV or Parquet instead.`,
        );
      }
      for (const r of rows) data.push(columns.map((c) => xlsxCell(r[c.name], c.kind)));
    },
    async finish() {
      const about = Object.entries({ ...sidecar, rows: data.length - 1 }).map(([k, v]) => [
        { value: k, fontWeight: 'bold' },
        { value: typeof v === 'string' ? v : JSON.stringify(v) },
      ]);
      const sheets = [
        { data, sheet: 'Data', stickyRowsCount: 1 },
        { data: about, sheet: 'About this export' },
      ];
      return (writeXlsxFile as unknown as (s: unknown) => { toBlob(): Promise<Blob> })(
        sheets,
      ).toBlob();
    },
  };
}

/** An XLSX cell: numbers and booleans typed, everything else text (never a formula). */
function xlsxCell(v: unknown, kind: ExportColumn['kind']) {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return null;
  if (kind === 'number' && typeof v === 'number') return { value: v, type: Number };
  if (kind === 'boolean' && typeof v === 'boolean') return { value: v, type: Boolean };
  const text =
    Array.isArray(v) || (typeof v === 'object' && !(v instanceof Date))
      ? JSON.stringify(v)
      : v instanceof Date
        ? v.toISOString()
        : String(v);
  return { value: text, type: String };
}

function parquetWriter(
  columns: readonly ExportColumn[],
  sidecar: Omit<ExportSidecar, 'rows'>,
  { ByteWriter, ParquetWriter, schemaFromColumnData }: typeof HyparquetWriter,
): ExportWriter {
  const bytes = new ByteWriter();
  let writer: ParquetWriter | undefined;
  const sources = (batch: readonly Record<string, unknown>[]): ColumnSource[] =>
    columns.map((c) => ({
      name: c.name,
      type: c.kind === 'number' ? 'DOUBLE' : c.kind === 'boolean' ? 'BOOLEAN' : 'STRING',
      nullable: true,
      data: batch.map((r) => parquetValue(r[c.name], c.kind)),
    }));
  // Each batch becomes one row group, written as it arrives.
  const add = (batch: readonly Record<string, unknown>[]) => {
    const columnData = sources(batch);
    writer ??= new ParquetWriter({
      writer: bytes,
      schema: schemaFromColumnData({ columnData }),
      kvMetadata: [{ key: 'atlas.export', value: JSON.stringify(sidecar) }],
      createdBy: 'Firearms Flow Atlas (hyparquet-writer)',
    });
    return batch.length > 0 ? writer.write({ columnData, rowGroupSize: batch.length }) : undefined;
  };
  return {
    add,
    async finish() {
      if (!writer) await add([]); // an empty result still has its schema
      await writer!.finish();
      return new Blob([bytes.getBytes().slice().buffer], {
        type: 'application/vnd.apache.parquet',
      });
    },
  };
}

function parquetValue(v: unknown, kind: ExportColumn['kind']): unknown {
  if (v === null || v === undefined) return null;
  if (kind === 'number') return typeof v === 'number' ? v : Number(v);
  if (kind === 'boolean') return Boolean(v);
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The file name of an export: dataset, what, date (e.g. `default_records_2026-12-01.csv`). */
export function exportFileName(dataset: string, what: string, date: Date, ext: string): string {
  const slug = (s: string) => nameFrom(s, 'export', { ascii: true, max: 48 });
  return `${slug(dataset)}_${slug(what)}_${date.toISOString().slice(0, 10)}.${ext}`;
}

/** The kind of a column from a sample of its values. */
export function columnKind(values: readonly unknown[]): ExportColumn['kind'] {
  const seen = values.filter((v) => v !== null && v !== undefined);
  if (seen.length > 0 && seen.every((v) => typeof v === 'number')) return 'number';
  if (seen.length > 0 && seen.every((v) => typeof v === 'boolean')) return 'boolean';
  return 'text';
}
