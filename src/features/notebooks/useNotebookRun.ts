/**
 * Runs a notebook's cells on the SQL console's sandboxed engine whenever the notebook, its
 * parameter values or the dataset change; a new run stops the one before (its query cancelled).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConsoleSession } from '../../db/consoleSession';
import type { SqlQuery, SqlValue } from '../../sql/types';
import type { Notebook } from './format';
import { runNotebook, type CellOutcome, type CellRunner } from './run';

/** Time budget of one cell, in milliseconds (then it is stopped and says so). */
export const CELL_BUDGET_MS = 20_000;

/** A notebook's run: outcomes so far, the cell running, and how to run again or stop. */
export interface NotebookRun {
  outcomes: ReadonlyMap<string, CellOutcome>;
  /** The cell running now, or null when the run is over. */
  running: string | null;
  rerun(): void;
  stop(): void;
}

interface RunState {
  key: string;
  outcomes: ReadonlyMap<string, CellOutcome>;
  running: string | null;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `notebook` with `values` on `session` (each cell after `prelude`, the filtered tables when
 * the reader applies the current filters); reruns when any of them changes.
 */
export function useNotebookRun(
  notebook: Notebook | null,
  values: Readonly<Record<string, SqlValue>>,
  session: ConsoleSession,
  prelude: SqlQuery | null = null,
): NotebookRun {
  const [nonce, setNonce] = useState(0);
  const cells = useMemo(
    () => notebook?.blocks.flatMap((b) => (b.kind === 'sql' ? [b.name] : [])) ?? [],
    [notebook],
  );
  // One run per notebook content, values and "run again".
  const key = `${nonce}\u0000${JSON.stringify(values)}\u0000${JSON.stringify(prelude)}\u0000${JSON.stringify(notebook?.blocks ?? null)}`;
  const [state, setState] = useState<RunState>({ key: '', outcomes: new Map(), running: null });
  const signal = useRef<{ cancelled: boolean } | null>(null);
  useEffect(() => {
    if (!notebook) return;
    const mine = { cancelled: false };
    signal.current = mine;
    const run: CellRunner = async (sql, params) => {
      // The run before may still be stopping its query.
      for (let i = 0; session.busy && i < 100; i++) await pause(50);
      if (mine.cancelled) throw new Error('Stopped');
      return session.query(sql, params, CELL_BUDGET_MS, undefined, prelude);
    };
    void runNotebook(
      notebook,
      values,
      run,
      (name, outcome) => {
        // A stopped run still shows how its last cell ended; a replaced one shows nothing.
        if (signal.current !== mine) return;
        setState((s) => ({
          key,
          outcomes: new Map(s.key === key ? s.outcomes : []).set(name, outcome),
          running: mine.cancelled ? null : (cells[cells.indexOf(name) + 1] ?? null),
        }));
      },
      mine,
    );
    return () => {
      mine.cancelled = true;
      if (signal.current === mine) signal.current = null;
      if (session.busy) void session.cancel();
    };
    // `key` stands for the notebook's content and the values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, session]);
  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  const stop = useCallback(() => {
    if (signal.current) signal.current.cancelled = true;
    setState((s) => ({ key, outcomes: s.key === key ? s.outcomes : new Map(), running: null }));
    if (session.busy) void session.cancel();
  }, [session, key]);
  const current: RunState =
    state.key === key ? state : { key, outcomes: new Map(), running: cells[0] ?? null };
  return { outcomes: current.outcomes, running: current.running, rerun, stop };
}
