/**
 * Rows fetched in fixed windows and kept in a small cache, for the virtualised table: asking for
 * rows `first…last` returns what is loaded and fetches the missing windows once the range has
 * held still for a moment (windows scrolled past during a fast scroll are never asked for).
 */
import { useEffect, useRef, useState } from 'react';

/** Rows per window. */
export const WINDOW_ROWS = 200;
/** Windows kept in memory. */
const KEEP_WINDOWS = 40;
/** How long the range must hold before its windows are fetched (ms). */
const SETTLE_MS = 40;
/** A window that fails is asked for again after this long, up to `MAX_TRIES` times in all. */
const RETRY_MS = 1_000;
const MAX_TRIES = 3;

/** A row of the range: the row when loaded, else `undefined` (and `failed` when it gave up). */
export interface WindowRow<R> {
  index: number;
  row: R | undefined;
  failed?: boolean;
}

interface Cache<R> {
  key: string;
  windows: ReadonlyMap<number, R[]>;
  /** Failed tries per window. */
  failures: ReadonlyMap<number, number>;
}

/** Rows `first…last` of `fetchRows`' rows; the cache is dropped whenever `dataKey` changes. */
export function useRowWindows<R>(
  fetchRows: (offset: number, limit: number) => Promise<R[]>,
  dataKey: string,
  total: number,
  first: number,
  last: number,
): WindowRow<R>[] {
  const [cache, setCache] = useState<Cache<R>>({
    key: dataKey,
    windows: new Map(),
    failures: new Map(),
  });
  const pending = useRef(new Set<string>());
  const [retry, setRetry] = useState(0);
  let { windows, failures } = cache;
  if (cache.key !== dataKey) {
    windows = new Map();
    failures = new Map();
    setCache({ key: dataKey, windows, failures });
  }

  const end = Math.min(last, total - 1);
  const missing: number[] = [];
  const gaveUp = (w: number) => (failures.get(w) ?? 0) >= MAX_TRIES;
  for (let w = Math.floor(Math.max(0, first) / WINDOW_ROWS); w * WINDOW_ROWS <= end; w++) {
    if (!windows.has(w) && !gaveUp(w)) missing.push(w);
  }
  const missingKey = missing.join(',');

  useEffect(() => {
    if (!missingKey) return;
    const timer = setTimeout(() => {
      for (const w of missingKey.split(',').map(Number)) {
        const id = `${dataKey}\u0000${w}`;
        if (pending.current.has(id)) continue;
        pending.current.add(id);
        fetchRows(w * WINDOW_ROWS, WINDOW_ROWS)
          .then((rows) =>
            setCache((c) => {
              if (c.key !== dataKey) return c;
              const next = new Map(c.windows).set(w, rows);
              while (next.size > KEEP_WINDOWS) next.delete(next.keys().next().value!);
              return { ...c, windows: next };
            }),
          )
          .catch(() => {
            setCache((c) =>
              c.key === dataKey
                ? { ...c, failures: new Map(c.failures).set(w, (c.failures.get(w) ?? 0) + 1) }
                : c,
            );
            setTimeout(() => setRetry((r) => r + 1), RETRY_MS);
          })
          .finally(() => pending.current.delete(id));
      }
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [missingKey, dataKey, fetchRows, retry]);

  const out: WindowRow<R>[] = [];
  for (let i = Math.max(0, first); i <= end; i++) {
    const w = Math.floor(i / WINDOW_ROWS);
    const row = windows.get(w)?.[i - w * WINDOW_ROWS];
    out.push(row === undefined && gaveUp(w) ? { index: i, row, failed: true } : { index: i, row });
  }
  return out;
}
