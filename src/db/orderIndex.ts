/**
 * Order indexes for the records table: for one set of filters and one sort, a temp table of
 * seizure ids in order (built by `recordsOrderQuery`), so that a window deep in millions of rows
 * is a range of row numbers rather than a top-N that keeps every row above it. One index lives
 * at a time; a new key builds a new one and drops the old.
 */
import type { SqlQuery } from '../sql/types';
import type { Coordinator } from './coordinator';

/** The order index of the current filters and sort, built on demand. */
export class OrderIndexes {
  private current: { key: string; table: string; ready: Promise<string> } | undefined;
  private made = 0;

  constructor(
    private readonly coordinator: Coordinator,
    private readonly drop: (table: string) => SqlQuery,
  ) {}

  /**
   * The name of the index table for `key`, once built by `build(table)`. A failed build is
   * forgotten, so the next call tries again.
   */
  ensure(key: string, build: (table: string) => SqlQuery): Promise<string> {
    if (this.current?.key === key) return this.current.ready;
    const previous = this.current;
    const table = `records_order_${++this.made}`;
    const ready = this.coordinator.query(build(table), { cache: false }).then(() => table);
    const entry = { key, table, ready };
    this.current = entry;
    ready.then(
      () => {
        if (previous)
          void this.coordinator
            .query(this.drop(previous.table), { cache: false })
            .catch(() => undefined);
      },
      () => {
        if (this.current === entry) this.current = undefined;
      },
    );
    return ready;
  }
}
