/**
 * Runs a notebook's SQL cells in order, each on its own: a cell that fails keeps its error in
 * place and the next still runs. The engine is given (`CellRunner`): the console's sandboxed
 * DuckDB in the app (`ConsoleSession.query`), DuckDB-WASM in Node for `npm run notebooks` and the
 * tests — the same cell query (`cellQuery`) and the same bound parameters either way.
 */
import { bindPlaceholders } from '../../sql/statements';
import type { SqlValue } from '../../sql/types';
import type { Notebook } from './format';

/** The rows one cell gave. */
export interface CellRows {
  columns: string[];
  rows: Record<string, unknown>[];
  /** True when the query had more rows than were kept. */
  truncated: boolean;
  ms: number;
}

/** How one cell ended. */
export type CellOutcome = ({ status: 'ok' } & CellRows) | { status: 'error'; message: string };

/** Runs one cell's query (`?` parameters bound to `params`) on some engine. */
export type CellRunner = (sql: string, params: readonly SqlValue[]) => Promise<CellRows>;

/**
 * Runs every SQL cell of `notebook` with `values` bound to its placeholders, one after the other;
 * `onCell` hears each outcome as it comes. Resolves with every cell's outcome by name.
 */
export async function runNotebook(
  notebook: Notebook,
  values: Readonly<Record<string, SqlValue>>,
  run: CellRunner,
  onCell?: (name: string, outcome: CellOutcome) => void,
  signal?: { cancelled: boolean },
): Promise<Map<string, CellOutcome>> {
  const out = new Map<string, CellOutcome>();
  for (const block of notebook.blocks) {
    if (block.kind !== 'sql') continue;
    if (signal?.cancelled) break;
    let outcome: CellOutcome;
    try {
      const bound = bindPlaceholders(block.sql, values);
      outcome = { status: 'ok', ...(await run(bound.sql, bound.params)) };
    } catch (e) {
      outcome = { status: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    out.set(block.name, outcome);
    onCell?.(block.name, outcome);
  }
  return out;
}

/** What makes a run fail a check (`npm run notebooks`): an error, or a cell with no row. */
export function failedCells(outcomes: ReadonlyMap<string, CellOutcome>): string[] {
  const out: string[] = [];
  for (const [name, o] of outcomes) {
    if (o.status === 'error') out.push(`${name}: ${o.message}`);
    else if (o.rows.length === 0) out.push(`${name}: no rows`);
  }
  return out;
}
