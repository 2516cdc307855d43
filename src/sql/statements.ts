/**
 * Splits SQL text into statements without executing or rewriting it: a small lexer that knows
 * DuckDB's comments (`--`, nested `/* *\/`), string literals (`'…'` with `''`, `E'…'` with
 * backslash escapes), quoted identifiers (`"…"`) and dollar-quoted strings (`$tag$…$tag$`), so a
 * semicolon or a keyword inside any of those never splits or classifies a statement.
 *
 * The console uses it to run the statement under the cursor and to refuse, with a plain message,
 * statements the sandbox forbids before they reach DuckDB. It is a courtesy layer: the sandbox
 * itself is DuckDB's locked configuration and the network guard of the worker (src/db/sandbox.ts).
 */
import { quoteLiteral } from './literal';
import type { SqlQuery, SqlValue } from './types';

/** One statement of a script: its text without the trailing semicolon, and where it stands. */
export interface SqlStatement {
  /** Offset of the statement's first significant character in the script. */
  start: number;
  /** Offset just after its last significant character (before any `;`). */
  end: number;
  text: string;
  /** The first words outside comments, upper-cased (e.g. `['FORCE', 'INSTALL', 'HTTPFS']`). */
  keywords: string[];
}

/** Length of the token starting at `i` that is skipped over (comment, string, identifier), or 0. */
function skipQuoted(sql: string, i: number): number {
  const c = sql[i];
  const next = sql[i + 1];
  if (c === '-' && next === '-') {
    const nl = sql.indexOf('\n', i);
    return (nl < 0 ? sql.length : nl) - i;
  }
  if (c === '/' && next === '*') {
    let depth = 1;
    let j = i + 2;
    while (j < sql.length && depth > 0) {
      const pair = sql.slice(j, j + 2);
      if (pair === '/*' || pair === '*/') {
        depth += pair === '/*' ? 1 : -1;
        j += 2;
      } else j++;
    }
    return j - i;
  }
  if (c === "'" || c === '"') {
    const backslashes =
      c === "'" && i > 0 && /[eE]/.test(sql[i - 1]!) && !/\w/.test(sql[i - 2] ?? '');
    let j = i + 1;
    while (j < sql.length) {
      if (backslashes && sql[j] === '\\') j += 2;
      else if (sql[j] === c) {
        if (sql[j + 1] === c) j += 2;
        else return j + 1 - i;
      } else j++;
    }
    return sql.length - i;
  }
  if (c === '$') {
    const m = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i));
    if (m && !/\w/.test(sql[i - 1] ?? '')) {
      const close = sql.indexOf(m[0], i + m[0].length);
      return (close < 0 ? sql.length : close + m[0].length) - i;
    }
  }
  return 0;
}

/** True for a token that is a comment (not part of a statement's significant text). */
function isComment(sql: string, i: number): boolean {
  return (sql[i] === '-' && sql[i + 1] === '-') || (sql[i] === '/' && sql[i + 1] === '*');
}

/** Splits a script into its statements; empty statements (`;;`, comments only) are left out. */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = -1;
  let end = -1;
  let keywords: string[] = [];
  const flush = () => {
    if (start >= 0) out.push({ start, end, text: sql.slice(start, end), keywords });
    start = -1;
    end = -1;
    keywords = [];
  };
  let i = 0;
  while (i < sql.length) {
    const skip = skipQuoted(sql, i);
    if (skip > 0) {
      if (!isComment(sql, i)) {
        if (start < 0) start = i;
        end = i + skip;
        keywords.push(''); // a literal ends the run of leading words
      }
      i += skip;
      continue;
    }
    const c = sql[i]!;
    if (c === ';') {
      flush();
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    const word = /^[A-Za-z_][\w]*/.exec(sql.slice(i, i + 64));
    if (word) {
      keywords.push(word[0].toUpperCase());
      i += word[0].length;
    } else {
      keywords.push('');
      i++;
    }
    end = i;
  }
  flush();
  for (const s of out) {
    const stop = s.keywords.indexOf('');
    s.keywords = (stop < 0 ? s.keywords : s.keywords.slice(0, stop)).slice(0, 4);
  }
  return out;
}

/**
 * The statement to run for a cursor position (or the start of a selection): the one that contains
 * it, else the nearest one before it, else the first one after it.
 */
export function statementAt(sql: string, cursor: number): SqlStatement | undefined {
  const all = splitStatements(sql);
  let best: SqlStatement | undefined;
  for (const s of all) {
    if (s.start <= cursor) best = s;
    if (s.start <= cursor && cursor <= s.end) return s;
  }
  return best ?? all[0];
}

/** Why the sandbox refuses a statement before it runs (i18n keys `sandbox.<reason>`). */
export type RefusalReason = 'extension' | 'files' | 'attach';

/**
 * The reason a statement is refused outright, or null. DuckDB would refuse most of these too
 * (external access is off and the configuration locked), but `INSTALL` "succeeds" there without
 * doing anything, and a plain reason reads better than an engine message.
 */
export function refusalOf(statement: SqlStatement): RefusalReason | null {
  const [first, second] = statement.keywords;
  if (first === 'INSTALL' || first === 'LOAD' || (first === 'FORCE' && second === 'INSTALL'))
    return 'extension';
  if (first === 'UPDATE' && second === 'EXTENSIONS') return 'extension';
  if (first === 'COPY' || first === 'EXPORT' || first === 'IMPORT') return 'files';
  if (first === 'ATTACH' && !/^ATTACH\s+(DATABASE\s+)?':memory:'/i.test(statement.text))
    return 'attach';
  return null;
}

/** A `{{name}}` placeholder in a notebook cell's SQL, where a reader's value is bound. */
const PLACEHOLDER = /^\{\{\s*([A-Za-z_][\w]*)\s*\}\}/;

/** A placeholder `bindPlaceholders` could not bind. */
export class PlaceholderError extends Error {
  constructor(
    message: string,
    /** The placeholder's name. */
    readonly placeholder: string,
  ) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

/**
 * Turns `{{name}}` placeholders into `?` parameters bound to `values[name]`, in order of
 * appearance; nothing a reader types is ever spliced into the text. A placeholder inside a
 * string literal, a quoted identifier or a comment is refused (it would be text, not a value:
 * write `WHERE c = {{country}}`, not `'{{country}}'`), as is one with no value.
 */
export function bindPlaceholders(
  text: string,
  values: Readonly<Record<string, SqlValue>>,
): { sql: string; params: SqlValue[]; names: string[] } {
  let out = '';
  const params: SqlValue[] = [];
  const names: string[] = [];
  let i = 0;
  while (i < text.length) {
    const skip = skipQuoted(text, i);
    if (skip > 0) {
      const quoted = text.slice(i, i + skip);
      const inside = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/.exec(quoted);
      if (inside)
        throw new PlaceholderError(
          `{{${inside[1]}}} is inside quotes or a comment; write it bare (e.g. = {{${inside[1]}}}) so its value is bound, not spliced`,
          inside[1]!,
        );
      out += quoted;
      i += skip;
      continue;
    }
    const m = text[i] === '{' ? PLACEHOLDER.exec(text.slice(i, i + 80)) : null;
    if (m) {
      const name = m[1]!;
      if (!Object.hasOwn(values, name))
        throw new PlaceholderError(
          `{{${name}}} has no value: the notebook declares no parameter ${name}`,
          name,
        );
      out += '?';
      params.push(values[name]!);
      names.push(name);
      i += m[0].length;
      continue;
    }
    out += text[i];
    i++;
  }
  return { sql: out, params, names };
}

/**
 * `query` with its `?` parameters written as escaped literals (`quoteLiteral`), for the one place
 * a value cannot be bound: a view's definition. `?` inside literals, identifiers and comments is
 * left alone.
 */
export function inlineParams(query: SqlQuery): string {
  let out = '';
  let p = 0;
  let i = 0;
  const text = query.sql;
  while (i < text.length) {
    const skip = skipQuoted(text, i);
    if (skip > 0) {
      out += text.slice(i, i + skip);
      i += skip;
      continue;
    }
    if (text[i] === '?') {
      if (p >= query.params.length) throw new RangeError('More placeholders than parameters');
      out += quoteLiteral(query.params[p++]!);
    } else out += text[i];
    i++;
  }
  if (p !== query.params.length) throw new RangeError('More parameters than placeholders');
  return out;
}
