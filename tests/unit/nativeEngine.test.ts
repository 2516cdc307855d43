/**
 * The native engine past the browser (`npm run serve -- --engine native`): the views' own SQL,
 * run by native DuckDB in Node and sent as Arrow IPC, gives the rows DuckDB-WASM gives; the
 * engine is locked as the browser's is (the hostile corpus reaches no other host and changes no
 * setting); and the server answers only same-origin JSON requests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToRows } from '../../src/db/engine';
import { headlineQuery } from '../../src/sql/headline';
import { monthlySeriesQuery, topCountriesQuery, topRoutesQuery } from '../../src/sql/overview';
import type { SqlQuery } from '../../src/sql/types';
import { DEFAULT_STATE, type ViewState } from '../../src/model/viewState';
import { NativeEngine } from '../../scripts/lib/nativeEngine';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { FIXTURE_DIR } from '../helpers/fixture';
import { hostileStatements } from '../helpers/hostileSql';
import { openTestDb, type TestDb } from '../helpers/wasmDb';

const NAME = FIXTURE_DIR.split('/').filter(Boolean).at(-1)!;
const ROOT = FIXTURE_DIR.replace(/\/?[^/]+\/?$/, '');

let db: TestDb;
let native: NativeEngine;
let trap: Server;
let trapHits = 0;
let trapUrl = '';
beforeAll(async () => {
  db = await openTestDb(FIXTURE_DIR);
  native = new NativeEngine(ROOT);
  trap = createServer((_, res) => {
    trapHits++;
    res.end('a\n1\n');
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(() => {
  db?.close();
  native?.close();
  trap?.close();
});

const nativeRows = async (q: SqlQuery) =>
  tableToRows<Record<string, unknown>>(
    tableFromIPC(await native.run({ dataset: NAME, sql: q.sql, params: q.params })),
  );

describe('native engine', () => {
  const filtered: ViewState = {
    ...DEFAULT_STATE,
    filters: { ...DEFAULT_STATE.filters, region: ['central_america_mexico'] },
    time: { from: '2018-01-01', to: '2022-12-31' },
  };
  it.each([
    ['headline', (s: ViewState) => headlineQuery(db.model, s)],
    ['monthly series', (s: ViewState) => monthlySeriesQuery(db.model, s)],
    ['top countries', (s: ViewState) => topCountriesQuery(db.model, s, 10, 'en')],
    ['top routes', (s: ViewState) => topRoutesQuery(db.model, s, 10, 'fr')],
  ])('answers the %s query as DuckDB-WASM does', async (_, build) => {
    for (const state of [DEFAULT_STATE, filtered]) {
      const q = build(state);
      const wasm = await db.rows(q);
      expect(wasm.length).toBeGreaterThan(0);
      expect(await nativeRows(q)).toEqual(wasm);
    }
  });

  it('answers queries sent all at once, as the coordinator sends them', async () => {
    const qs = Array.from({ length: 8 }, (_, i) =>
      headlineQuery(db.model, { ...filtered, time: { from: `${2016 + i}-01-01`, to: null } }),
    );
    const all = await Promise.all(qs.map((q) => nativeRows(q)));
    for (const [i, q] of qs.entries()) expect(all[i]).toEqual(await db.rows(q));
    // A text of several statements (no parameters) runs them all; the last one answers.
    const rows = await nativeRows({
      sql: 'CREATE OR REPLACE TEMP TABLE t AS SELECT 41 AS x; SELECT x + 1 AS y FROM t',
      params: [],
    });
    expect(rows).toEqual([{ y: 42 }]);
  });

  it('reaches no other host and keeps its settings locked', async () => {
    for (const sql of hostileStatements(trapUrl)) {
      await native.run({ dataset: NAME, sql, params: [] }).catch(() => undefined);
    }
    expect(trapHits).toBe(0);
    const rows = await nativeRows({
      sql: "SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked",
      params: [],
    });
    expect(rows).toEqual([{ ext: false, locked: true }]);
  });

  it('refuses a dataset name that is not one', async () => {
    await expect(native.run({ dataset: '../etc', sql: 'SELECT 1', params: [] })).rejects.toThrow(
      /Invalid dataset name/,
    );
    await expect(native.run({ dataset: 'absent', sql: 'SELECT 1', params: [] })).rejects.toThrow(
      /No dataset/,
    );
  });
});

describe('native engine over HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveStatic(ROOT, 0, '127.0.0.1', { native });
  });
  afterAll(async () => {
    await server?.close();
  });
  const post = (body: unknown, headers: Record<string, string>) =>
    fetch(`${server.url}api/query`, { method: 'POST', headers, body: JSON.stringify(body) });
  const origin = () => new URL(server.url).origin;

  it('answers a same-origin JSON query with Arrow IPC', async () => {
    const res = await post(
      { dataset: NAME, sql: 'SELECT 1 + ? AS x', params: [41] },
      { 'Content-Type': 'application/json', Origin: origin() },
    );
    expect(res.status).toBe(200);
    expect(tableToRows(tableFromIPC(new Uint8Array(await res.arrayBuffer())))).toEqual([{ x: 42 }]);
  });

  it('refuses other origins, other content types and broken bodies', async () => {
    const q = { dataset: NAME, sql: 'SELECT 1', params: [] };
    expect(
      (await post(q, { 'Content-Type': 'application/json', Origin: 'http://evil.test' })).status,
    ).toBe(403);
    expect((await post(q, { 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await post(q, { 'Content-Type': 'text/plain', Origin: origin() })).status).toBe(415);
    const bad = await post({ sql: 1 }, { 'Content-Type': 'application/json', Origin: origin() });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/dataset, sql, params/);
    const wrong = await post(
      { dataset: NAME, sql: 'SELECT * FROM nowhere', params: [] },
      { 'Content-Type': 'application/json', Origin: origin() },
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/nowhere/);
  });
});
