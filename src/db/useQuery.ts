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

interface Settled<T> {
  key: string;
  rows: T[] | undefined;
  error: ReadableError | undefined;
}

/** Runs `query` whenever its SQL or parameters change; `client` names the view for cancellation. */
export function useQuery<T>(
  coordinator: Coordinator,
  query: SqlQuery | null,
  client: string,
): QueryState<T> {
  // The effect depends on the query's value, not its identity: builders return new objects.
  const key = query ? JSON.stringify(query) : '';
  const [settled, setSettled] = useState<Settled<T>>({
    key: '',
    rows: undefined,
    error: undefined,
  });

  useEffect(() => {
    if (!key) return;
    let alive = true;
    const q = JSON.parse(key) as SqlQuery;
    coordinator.rows<T>(q, { client }).then(
      (rows) => alive && setSettled({ key, rows, error: undefined }),
      (e: unknown) => {
        if (!alive || e instanceof StaleQueryError) return;
        setSettled((s) => ({ key, rows: s.rows, error: toReadableError(e) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [coordinator, key, client]);

  return { rows: settled.rows, error: settled.error, loading: key !== '' && settled.key !== key };
}

/** What a view gets back from `useTableQuery`: the Arrow table itself (for typed arrays). */
export interface TableQueryState {
  table: Table | undefined;
  error: ReadableError | undefined;
  loading: boolean;
}

/**
 * Like `useQuery`, but keeps the Arrow table: columns go to deck.gl as typed arrays, and the table
 * object stays the same between renders until the query changes (stable data for layers).
 */
export function useTableQuery(
  coordinator: Coordinator,
  query: SqlQuery | null,
  client: string,
): TableQueryState {
  const key = query ? JSON.stringify(query) : '';
  const [settled, setSettled] = useState<{
    key: string;
    table: Table | undefined;
    error: ReadableError | undefined;
  }>({
    key: '',
    table: undefined,
    error: undefined,
  });
  useEffect(() => {
    if (!key) return;
    let alive = true;
    coordinator.query(JSON.parse(key) as SqlQuery, { client }).then(
      (table) => alive && setSettled({ key, table, error: undefined }),
      (e: unknown) => {
        if (!alive || e instanceof StaleQueryError) return;
        setSettled((s) => ({ key, table: s.table, error: toReadableError(e) }));
      },
    );
    return () => {
      alive = false;
    };
  }, [coordinator, key, client]);
  return { table: settled.table, error: settled.error, loading: key !== '' && settled.key !== key };
}
