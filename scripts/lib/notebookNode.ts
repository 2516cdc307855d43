/**
 * Notebooks in Node, on the same engine as the app (DuckDB-WASM) and locked down like the SQL
 * console's: the dataset attached read-only, what a cell creates kept in `memory`, no file, no
 * extension, no other host. `npm run notebooks` and the unit tests run the shipped notebooks
 * through `checkNotebooks`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userTableRows } from '../../src/db/engine';
import { lockDownStatements } from '../../src/db/sandbox';
import { BOUND_ROWS, cellQuery } from '../../src/sql/console';
import type { SqlQuery } from '../../src/sql/types';
import { parseNotebook, paramValues, type Notebook } from '../../src/features/notebooks/format';
import {
  failedCells,
  runNotebook,
  type CellOutcome,
  type CellRunner,
} from '../../src/features/notebooks/run';
import { openNodeWasm } from './wasmNode';

/** Where the shipped notebooks live. */
export const NOTEBOOK_DIR = 'notebooks';

/** A notebook engine over a dataset folder: runs cells as the app's console would. */
export async function openNotebookEngine(
  datasetDir: string,
  prelude: SqlQuery | null = null,
): Promise<{ run: CellRunner; close(): void }> {
  const { conn } = await openNodeWasm(datasetDir);
  conn.query('USE memory');
  conn.query("SET search_path = 'memory.main,atlas.main'");
  for (const s of lockDownStatements()) conn.query(s);
  const run: CellRunner = (text, params) => {
    const t0 = performance.now();
    const cell = cellQuery(text, BOUND_ROWS, prelude);
    if ('refused' in cell) return Promise.reject(new Error(cell.refused));
    try {
      const stmt = conn.prepare(cell.sql);
      try {
        const table = stmt.query(...(prelude?.params ?? []), ...params);
        const rows = userTableRows(table);
        return Promise.resolve({
          columns: table.schema.fields.map((f) => f.name),
          rows: rows.slice(0, cell.limit),
          truncated: rows.length > cell.limit,
          ms: performance.now() - t0,
        });
      } finally {
        stmt.close();
      }
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return { run, close: () => conn.close() };
}

/** The shipped notebooks' files (every `.md` but the README), sorted. */
export function shippedNotebookFiles(dir = NOTEBOOK_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => join(dir, f));
}

/** One notebook's check: what its parser said, each cell's outcome, and what failed. */
export interface NotebookCheck {
  file: string;
  notebook: Notebook;
  outcomes: Map<string, CellOutcome>;
  failures: string[];
  ms: number;
}

/**
 * Runs every notebook in `files` with its default parameters on `datasetDir`; a notebook fails
 * on a parser problem, a cell's error or a cell with no row.
 */
export async function checkNotebooks(
  files: readonly string[],
  datasetDir: string,
): Promise<NotebookCheck[]> {
  const engine = await openNotebookEngine(datasetDir);
  try {
    const out: NotebookCheck[] = [];
    for (const file of files) {
      const t0 = performance.now();
      const notebook = parseNotebook(readFileSync(file, 'utf8'));
      const outcomes = await runNotebook(notebook, paramValues(notebook.meta.params), engine.run);
      out.push({
        file,
        notebook,
        outcomes,
        failures: [...notebook.problems, ...failedCells(outcomes)],
        ms: performance.now() - t0,
      });
    }
    return out;
  } finally {
    engine.close();
  }
}
