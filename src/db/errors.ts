/**
 * Turns anything thrown while loading or querying into a message a person can act on. DuckDB
 * prefixes its errors with their class ("Parser Error: …", "Catalog Error: …"); that class picks
 * the explanation, and the first line of DuckDB's own text is kept as the detail.
 */

/** What went wrong, in categories the UI explains (i18n keys `errors.<kind>`). */
export type ErrorKind =
  | 'syntax'
  | 'missing'
  | 'binder'
  | 'conversion'
  | 'constraint'
  | 'memory'
  | 'io'
  | 'permission'
  | 'interrupted'
  | 'timeout'
  | 'network'
  | 'invalid_data'
  | 'sandbox'
  | 'unknown';

/** An error ready to show: its kind and the engine's own words (first line, trimmed). */
export interface ReadableError {
  kind: ErrorKind;
  detail: string;
}

const PREFIXES: [RegExp, ErrorKind][] = [
  // The sandbox (src/db/sandbox.ts): external access off, configuration locked.
  [/disabled (by|through) configuration|configuration has been locked/i, 'sandbox'],
  [/not on this app's origin|never reads from or sends to other hosts/i, 'sandbox'],
  [/attached in read-only mode|read-only database/i, 'permission'],
  [/^Parser Error/i, 'syntax'],
  [/^Catalog Error/i, 'missing'],
  [/^Binder Error/i, 'binder'],
  [/^(Conversion|Invalid Input|Out of Range) Error/i, 'conversion'],
  [/^Constraint Error/i, 'constraint'],
  [/^Out of Memory Error/i, 'memory'],
  [/^(IO|HTTP) Error/i, 'io'],
  [/^Permission Error|read-only|read only/i, 'permission'],
  [/^INTERRUPT Error|Interrupted/i, 'interrupted'],
];

/** Error raised by the app itself with a known kind. */
export class AtlasError extends Error {
  constructor(
    readonly kind: ErrorKind,
    detail: string,
  ) {
    super(detail);
    this.name = 'AtlasError';
  }
}

/** Maps any thrown value to a readable error. */
export function toReadableError(error: unknown): ReadableError {
  if (error instanceof AtlasError) return { kind: error.kind, detail: error.message };
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const firstLine =
    text
      .split('\n')
      .find((l) => l.trim().length > 0)
      ?.trim() ?? '';
  const detail = firstLine.length > 300 ? `${firstLine.slice(0, 297)}…` : firstLine;
  for (const [re, kind] of PREFIXES) if (re.test(detail)) return { kind, detail };
  if (error instanceof TypeError && /fetch|network/i.test(text)) return { kind: 'network', detail };
  return { kind: 'unknown', detail: detail || String(error) };
}

/**
 * Where in `sql` DuckDB places an error: it appends `LINE n: <text>` and a caret under the spot
 * (the text may be cut to a window around it, marked `...`). Returns the offset in `sql` and the
 * length of the word there, or null when the message has no position.
 */
export function errorPosition(message: string, sql: string): { from: number; to: number } | null {
  const m = /LINE (\d+): (.*)\n( *)\^/.exec(message);
  if (!m) return null;
  const lineNo = Number(m[1]);
  const lines = sql.split('\n');
  const line = lines[lineNo - 1];
  if (line === undefined) return null;
  let context = m[2]!;
  let caret = m[3]!.length - `LINE ${m[1]}: `.length;
  if (context.startsWith('...')) {
    context = context.slice(3);
    caret -= 3;
  }
  if (context.endsWith('...')) context = context.slice(0, -3);
  const at = Math.max(0, line.indexOf(context));
  const column = Math.min(line.length, Math.max(0, at + caret));
  const from = lines.slice(0, lineNo - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  const word = /^[\w.]+/.exec(sql.slice(from))?.[0].length ?? 1;
  return { from, to: from + word };
}
