/**
 * The sandbox on real DuckDB (the WASM engine the browser runs): once locked, every hostile
 * statement of the corpus fails, whether the console's courtesy check or DuckDB refuses it, and
 * the datasets stay readable. The worker's network guard is tested on a stand-in global scope.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DATASET_DIRECTORY,
  guardedWorkerSource,
  installNetworkGuard,
  lockDownStatements,
  type GuardedScope,
} from '../../src/db/sandbox';
import { refusalOf, splitStatements } from '../../src/sql/statements';
import { FIXTURE_DIR } from '../helpers/fixture';
import { hostileStatements } from '../helpers/hostileSql';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

const TRAP = 'http://127.0.0.1:9';
let db: TestDb | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

async function lockedDb(allowed: string[]): Promise<TestDb> {
  const d = await openTestDb();
  const bytes = new Uint8Array(readFileSync(join(FIXTURE_DIR, 'atlas.duckdb')));
  d.registerFileBuffer(`${DATASET_DIRECTORY}a.duckdb`, bytes);
  d.registerFileBuffer(`${DATASET_DIRECTORY}b.duckdb`, bytes.slice());
  await d.rows(`ATTACH '${DATASET_DIRECTORY}a.duckdb' AS atlas (READ_ONLY)`);
  for (const s of lockDownStatements(allowed)) await d.rows(s);
  return d;
}

/** Runs a script statement by statement as the console does; returns the first failure. */
async function attempt(d: TestDb, script: string): Promise<string> {
  for (const s of splitStatements(script)) {
    const refusal = refusalOf(s);
    if (refusal) return `refused: ${refusal}`;
    try {
      await d.rows(s.text);
    } catch (e) {
      return (e as Error).message.split('\n')[0]!;
    }
  }
  return 'ran';
}

describe('a locked DuckDB', () => {
  it.each([
    ['the console (nothing allowed)', [] as string[]],
    ["the views' engine (dataset directory allowed)", [DATASET_DIRECTORY]],
  ])('refuses every hostile statement: %s', async (_, allowed) => {
    db = await lockedDb(allowed);
    for (const sql of hostileStatements(TRAP)) {
      const outcome = await attempt(db, sql);
      expect(outcome, sql).not.toBe('ran');
      expect(outcome, sql).toMatch(
        /^refused|Permission Error|configuration has been locked|not in the catalog|read-only/,
      );
    }
    // The dataset is still there, and scratch work in memory is allowed.
    const [row] = await db.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM atlas.seizures');
    expect(row!.n).toBeGreaterThan(0);
    expect(
      await attempt(db, "ATTACH ':memory:' AS scratch; CREATE TABLE scratch.t AS SELECT 1"),
    ).toBe('ran');
  });

  it("lets the views' engine attach another dataset of its own, and nothing else", async () => {
    db = await lockedDb([DATASET_DIRECTORY]);
    // The app's own statement (the console's check does not apply to the views' engine).
    await db.rows(`ATTACH '${DATASET_DIRECTORY}b.duckdb' AS other (READ_ONLY)`);
    const [row] = await db.rows<{ n: number }>('SELECT count(*)::INTEGER AS n FROM other.places');
    expect(row!.n).toBeGreaterThan(0);
    await expect(db.rows(`ATTACH '${DATASET_DIRECTORY}../etc/x.duckdb' AS e`)).rejects.toThrow(
      /Permission Error/,
    );
  });

  it('lets the console attach nothing more', async () => {
    db = await lockedDb([]);
    const outcome = await db
      .rows(`ATTACH '${DATASET_DIRECTORY}b.duckdb' AS other (READ_ONLY)`)
      .then(
        () => 'ran',
        (e: Error) => e.message,
      );
    expect(outcome).toMatch(/Permission Error/);
  });
});

describe('the courtesy check before DuckDB', () => {
  it('refuses extension, file and attach statements, wherever the keyword hides', () => {
    const reason = (sql: string) => splitStatements(sql).map(refusalOf);
    expect(reason('install httpfs')).toEqual(['extension']);
    expect(reason('/* x */ -- y\n  LOAD httpfs')).toEqual(['extension']);
    expect(reason('FORCE INSTALL spatial')).toEqual(['extension']);
    expect(reason("SELECT 1; COPY t TO 'x.csv'")).toEqual([null, 'files']);
    expect(reason("EXPORT DATABASE 'd'")).toEqual(['files']);
    expect(reason("ATTACH 'http://x/y.duckdb'")).toEqual(['attach']);
    expect(reason("ATTACH ':memory:' AS m")).toEqual([null]);
    // Keywords inside strings, identifiers and comments are not statements.
    expect(reason('SELECT \'install httpfs; load x\' AS "COPY"')).toEqual([null]);
  });
});

describe('the network guard inside a worker', () => {
  const origin = 'http://127.0.0.1:4173';
  function fakeScope() {
    const calls: string[] = [];
    class FakeXHR {
      open(_method: string, url: string) {
        calls.push(`xhr ${url}`);
      }
    }
    const scope: GuardedScope & { calls: string[] } = {
      calls,
      fetch: (input: unknown) => (calls.push(`fetch ${String(input)}`), Promise.resolve('ok')),
      XMLHttpRequest: FakeXHR as unknown as GuardedScope['XMLHttpRequest'],
      importScripts: (...urls: string[]) => void calls.push(`import ${urls.join(',')}`),
      WebSocket: class {},
      EventSource: class {},
      Worker: class {},
    };
    return scope;
  }

  it('lets same-origin requests through and refuses every other host', async () => {
    const scope = fakeScope();
    installNetworkGuard(origin, scope);
    await expect(scope.fetch!(`${origin}/data/default/atlas.duckdb`)).resolves.toBe('ok');
    await expect(scope.fetch!('./assets/duckdb.wasm')).resolves.toBe('ok');
    await expect(scope.fetch!('http://127.0.0.1:9999/x')).rejects.toThrow(/other hosts/);
    await expect(scope.fetch!({ url: 'https://example.org/x' })).rejects.toThrow(/other hosts/);
    const xhr = new (
      scope.XMLHttpRequest as unknown as new () => {
        open(m: string, u: string, a?: boolean): void;
      }
    )();
    xhr.open('HEAD', `${origin}/data/x.duckdb`, false);
    expect(() => xhr.open('GET', 'http://localhost:4174/x', false)).toThrow(/other hosts/);
    expect(() => scope.importScripts!('https://cdn.example/x.js')).toThrow(/other hosts/);
    expect(() => new (scope.WebSocket as new (u: string) => unknown)('ws://x')).toThrow();
    expect(() => new (scope.Worker as new (u: string) => unknown)(`${origin}/w.js`)).toThrow();
    // A nested worker from a blob: URL (it inherits the worker's CSP) is let through.
    expect(
      () => new (scope.Worker as new (u: string) => unknown)(`blob:${origin}/1234`),
    ).not.toThrow();
    expect(scope.calls).toEqual([
      `fetch ${origin}/data/default/atlas.duckdb`,
      'fetch ./assets/duckdb.wasm',
      `xhr ${origin}/data/x.duckdb`,
    ]);
    // The guard cannot be taken off again.
    expect(() => {
      (scope as { fetch: unknown }).fetch = () => 'bypassed';
    }).toThrow();
  });

  it('is serialised into a bootstrap that guards first, then imports the real worker', () => {
    const source = guardedWorkerSource('./assets/duckdb-worker.js', origin);
    const scope = fakeScope();
    runInNewContext(source, { self: scope, importScripts: scope.importScripts, URL });
    expect(scope.calls).toEqual([`import ${origin}/assets/duckdb-worker.js`]);
    expect(() => scope.importScripts!('http://127.0.0.1:9/evil.js')).toThrow(/other hosts/);
  });
});
