/** The coordinator over real DuckDB: caching, sharing, superseding, and readable errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coordinator, StaleQueryError } from '../../src/db/coordinator';
import type { QueryEngine } from '../../src/db/engine';
import { AtlasError, toReadableError } from '../../src/db/errors';
import { sql } from '../../src/sql/fragment';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

/** Wraps the real engine to count executions and hold queries until released. */
function countingEngine(inner: QueryEngine) {
  const executed: string[] = [];
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  return {
    executed,
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release: () => open(),
    engine: {
      async run(q) {
        executed.push(q.sql);
        await gate;
        return inner.run(q);
      },
    } satisfies QueryEngine,
  };
}

describe('Coordinator', () => {
  it('serves a repeated query from the cache', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine);
    const a = await coord.rows<{ x: number }>(sql('SELECT 41 + 1 AS x'));
    const b = await coord.rows<{ x: number }>(sql('SELECT 41 + 1 AS x'));
    expect(a).toEqual([{ x: 42 }]);
    expect(b).toEqual(a);
    expect(c.executed).toHaveLength(1);
  });

  it('binds parameters, and different parameters are different cache entries', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine);
    const q = (v: string) => ({ sql: 'SELECT ? AS v, length(?) AS n', params: [v, v] });
    expect(await coord.rows(q("it's"))).toEqual([{ v: "it's", n: 4 }]);
    expect(await coord.rows(q('x; DROP TABLE t'))).toEqual([{ v: 'x; DROP TABLE t', n: 15 }]);
    expect(c.executed).toHaveLength(2);
  });

  it('shares one execution between identical queries in flight', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine);
    c.hold();
    const p1 = coord.rows(sql('SELECT 7 AS v'));
    const p2 = coord.rows(sql('SELECT 7 AS v'));
    c.release();
    expect(await Promise.all([p1, p2])).toEqual([[{ v: 7 }], [{ v: 7 }]]);
    expect(c.executed).toHaveLength(1);
  });

  it('drops a queued query superseded by the same client and never delivers stale results', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine, 256, 1); // one query sent at a time
    c.hold();
    const blocker = coord.rows(sql('SELECT 0 AS v'), { client: 'other' }); // occupies the engine
    const old = coord.rows(sql('SELECT 1 AS v'), { client: 'chart' });
    const fresh = coord.rows(sql('SELECT 2 AS v'), { client: 'chart' });
    c.release();
    await expect(old).rejects.toBeInstanceOf(StaleQueryError);
    expect(await fresh).toEqual([{ v: 2 }]);
    await blocker;
    expect(c.executed).not.toContain('SELECT 1 AS v'); // never ran
  });

  it('sends up to `pipeline` queries before the first answer, in order, and queues the rest', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine, 256, 2);
    c.hold();
    const asks = [1, 2, 3, 4].map((i) => coord.rows(sql(`SELECT ${i} AS v`), { client: `c${i}` }));
    await Promise.resolve();
    expect(c.executed).toEqual(['SELECT 1 AS v', 'SELECT 2 AS v']);
    expect(coord.isIdle()).toBe(false);
    // A queued (unsent) query superseded by its client is dropped, a sent one is not.
    const newer = coord.rows(sql('SELECT 40 AS v'), { client: 'c4' });
    c.release();
    expect(await Promise.all(asks.slice(0, 3))).toEqual([[{ v: 1 }], [{ v: 2 }], [{ v: 3 }]]);
    await expect(asks[3]).rejects.toBeInstanceOf(StaleQueryError);
    expect(await newer).toEqual([{ v: 40 }]);
    expect(c.executed).toEqual([
      'SELECT 1 AS v',
      'SELECT 2 AS v',
      'SELECT 3 AS v',
      'SELECT 40 AS v',
    ]);
    expect(coord.isIdle()).toBe(true);
  });

  it('gives every component the result when several ask for the same query under one client', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine);
    c.hold();
    const asks = [1, 2, 3].map(() => coord.rows(sql('SELECT 9 AS v'), { client: 'names' }));
    c.release();
    expect(await Promise.all(asks)).toEqual([[{ v: 9 }], [{ v: 9 }], [{ v: 9 }]]);
    expect(c.executed).toHaveLength(1);
  });

  it('rejects a running query that was superseded, but caches its result', async () => {
    const c = countingEngine(db.engine);
    const coord = new Coordinator(c.engine);
    c.hold();
    const old = coord.rows(sql('SELECT 10 AS v'), { client: 'map' });
    await Promise.resolve(); // let it start
    const fresh = coord.rows(sql('SELECT 11 AS v'), { client: 'map' });
    c.release();
    await expect(old).rejects.toBeInstanceOf(StaleQueryError);
    expect(await fresh).toEqual([{ v: 11 }]);
    expect(await coord.rows(sql('SELECT 10 AS v'))).toEqual([{ v: 10 }]);
    expect(c.executed.filter((s) => s === 'SELECT 10 AS v')).toHaveLength(1);
  });

  it('passes errors on, and keeps working after them', async () => {
    const coord = new Coordinator(db.engine);
    await expect(coord.rows(sql('SELEC 1'))).rejects.toThrow(/Parser Error/);
    expect(await coord.rows(sql('SELECT 3 AS v'))).toEqual([{ v: 3 }]);
  });

  it('reports query timings', async () => {
    const coord = new Coordinator(db.engine);
    const timings: { cached: boolean }[] = [];
    coord.onQuery((t) => timings.push(t));
    await coord.rows(sql('SELECT 5'));
    await coord.rows(sql('SELECT 5'));
    expect(timings.map((t) => t.cached)).toEqual([false, true]);
  });
});

describe('readable errors from real DuckDB', () => {
  const kindOf = async (text: string) => {
    try {
      await db.engine.run(sql(text));
    } catch (e) {
      return toReadableError(e);
    }
    throw new Error(`expected ${text} to fail`);
  };

  it('classifies syntax, missing objects, binder and conversion errors', async () => {
    expect((await kindOf('SELEC 1')).kind).toBe('syntax');
    expect((await kindOf('SELECT * FROM no_such_table')).kind).toBe('missing');
    expect((await kindOf('SELECT no_such_column FROM (SELECT 1 AS a)')).kind).toBe('binder');
    expect((await kindOf("SELECT 'abc'::INTEGER")).kind).toBe('conversion');
  });

  it('keeps the first line of the engine text as the detail', async () => {
    const e = await kindOf('SELECT * FROM no_such_table');
    expect(e.detail).toMatch(/^Catalog Error: .*no_such_table/);
    expect(e.detail).not.toContain('\n');
  });

  it('handles app errors, strings and odd values', () => {
    expect(toReadableError(new AtlasError('invalid_data', 'bad manifest'))).toEqual({
      kind: 'invalid_data',
      detail: 'bad manifest',
    });
    expect(toReadableError('boom').kind).toBe('unknown');
    expect(toReadableError(undefined).kind).toBe('unknown');
    expect(toReadableError(new Error('x'.repeat(1000))).detail.length).toBeLessThanOrEqual(300);
  });
});
