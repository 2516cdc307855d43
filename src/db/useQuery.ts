/**
 * React binding of the coordinator: a view declares its query (a `SqlQuery` from `src/sql/`,
 * or null while it has nothing to ask) and gets rows, an error and whether it is updating.
 * The previous rows stay on screen while a new query runs, marked as loading.
 */
import type { Table } from 'apache-arrow';
import { useEffect, useState } from 'react';
import type { SqlQuery } from '../sql/types';
import { StaleQueryError, type Coordinator } from './coordinator';
import { toReadableError, type ReadableError } from './errors';

/** What a view gets back from `useQuery`. */
export interface QueryState<T> {
  rows: T[] | undefined;
  error: ReadableError | undefined;
  /** True while the result on screen is not the result of the current query. */
  loading: boolean;
}

interface Settled<R> {
  key: string;
  result: R | undefined;
  error: ReadableError | undefined;
}

/** How a result is read off the coordinator: as rows, or as the Arrow table. */
type Read<R> = (coordinator: Coordinator, query: SqlQuery, client: string) => Promise<R>;

const asRows = <T>(c: Coordinator, q: SqlQuery, client: string) => c.rows<T>(q, { client });
const asTable: Read<Table> = (c, q, client) => c.query(q, { client });

/**
 * The one query hook: runs `query` whenever its SQL or parameters change (its value, not its
 * identity: builders return new objects), keeps the previous result on screen while the next
 * runs, and drops the answers of queries a newer one replaced. `client` names the view for
 * cancellation.
 */
function useResult<R>(
  coordinator: Coordinator,
  query: SqlQuery | null,
  client: string,
  read: Read<R>,
): { result: R | undefined; error: ReadableError | undefined; loading: boolean } {
  const key = query ? JSON.stringify(query) : '';
  const [settled, setSettled] = useState<Settled<R>>({
    key: '',
    result: undefined,
    error: undefined,
  });
  useEffect(() => {
    if (!key) return;
    let alive = true;
    read(coordinator, JSON.parse(key) as SqlQuery, client).then(
      (result) => alive && setSettled({ key, result, error: undefined }),
      (e: unknown) => {
        if (!alive || e instanceof StaleQueryError) return;
        setSettled((s) => ({ key, result: s.result, error: toReadableError(e) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [coordinator, key, client, read]);
  return { ...settled, loading: key !== '' && settled.key !== key };
}

/** Rows of `query`, its error, and whether the rows on screen are not yet its own. */
export function useQuery<T>(
  coordinator: Coordinator,
  query: SqlQuery | null,
  client: string,
): QueryState<T> {
  const r = useResult(coordinator, query, client, asRows as Read<T[]>);
  return { rows: r.result, error: r.error, loading: r.loading };
}

/** What a view gets back from `useTableQuery`: the Arrow table itself (for typed arrays). */
export interface TableQueryState {
  table: Table | undefined;
  error: ReadableError | undefined;
  loading: boolean;
}

/**
 * `useQuery` keeping the Arrow table: columns go to deck.gl as typed arrays, and the table object
 * stays the same between renders until the query changes (stable data for layers).
 */
export function useTableQuery(
  coordinator: Coordinator,
  query: SqlQuery | null,
  client: string,
): TableQueryState {
  const r = useResult(coordinator, query, client, asTable);
  return { table: r.result, error: r.error, loading: r.loading };
}
