/**
 * The importer's common types: a sheet of cells as read from a file (before any meaning is given
 * to it), and the error every step throws, which names the file, the sheet and the line or cell.
 */

/** One cell as read: text, a number, a boolean, or empty. Dates from XLSX arrive as ISO text. */
export type Cell = string | number | boolean | null;

/** A table of cells from one file (a CSV, one XLSX sheet, a Parquet file…), row by row. */
export interface Sheet {
  /** The file's name, as the user gave it. */
  file: string;
  /** The sheet's name for workbooks, else null. */
  sheet: string | null;
  /** Rows as read, including title, blank and footnote rows. */
  rows: Cell[][];
  /** How the text was decoded (text formats only). */
  encoding?: string;
  /** The delimiter found or chosen (text formats only). */
  delimiter?: string;
}

/** Where in the input something is. */
export interface Place {
  file: string;
  sheet?: string | null;
  /** 1-based line (text) or row (sheets). */
  line?: number;
  /** A1-style cell reference, for sheets. */
  cell?: string;
}

/** An import failure a person can act on: what went wrong, and where. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where: Place,
  ) {
    super(`${describePlace(where)}: ${message}`);
    this.name = 'ImportError';
  }
}

/** "data.xlsx, sheet “2021”, cell B7" */
export function describePlace(p: Place): string {
  const parts = [p.file];
  if (p.sheet) parts.push(`sheet “${p.sheet}”`);
  if (p.cell) parts.push(`cell ${p.cell}`);
  else if (p.line !== undefined) parts.push(`line ${p.line}`);
  return parts.join(', ');
}

/** The A1 name of a 0-based cell. */
export function cellName(row: number, col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) {
    name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  }
  return `${name}${row + 1}`;
}
