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

/** A row of the range: the row when loaded, else `undefined`. */
export interface WindowRow<R> {
  index: number;
  row: R | undefined;
}

interface Cache<R> {
  key: string;
  windows: ReadonlyMap<number, R[]>;
}

/** Rows `first…last` of `fetchRows`' rows; the cache is dropped whenever `dataKey` changes. */
export function useRowWindows<R>(
  fetchRows: (offset: number, limit: number) => Promise<R[]>,
  dataKey: string,
  total: number,
  first: number,
  last: number,
): WindowRow<R>[] {
  const [cache, setCache] = useState<Cache<R>>({ key: dataKey, windows: new Map() });
  const pending = useRef(new Set<string>());
  let windows = cache.windows;
  if (cache.key !== dataKey) {
    windows = new Map();
    setCache({ key: dataKey, windows });
  }

  const end = Math.min(last, total - 1);
  const missing: number[] = [];
  for (let w = Math.floor(Math.max(0, first) / WINDOW_ROWS); w * WINDOW_ROWS <= end; w++) {
    if (!windows.has(w)) missing.push(w);
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
              return { key: c.key, windows: next };
            }),
          )
          .catch(() => undefined) // the window is asked for again when it is next in view
          .finally(() => pending.current.delete(id));
      }
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [missingKey, dataKey, fetchRows]);

  const out: WindowRow<R>[] = [];
  for (let i = Math.max(0, first); i <= end; i++) {
    const w = Math.floor(i / WINDOW_ROWS);
    out.push({ index: i, row: windows.get(w)?.[i - w * WINDOW_ROWS] });
  }
  return out;
}
