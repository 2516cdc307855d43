/**
 * A dataset read by HTTP ranges: the built app served from a copy of `dist/` with the default
 * dataset published a second time as `ranged`, whose manifest asks for range reads (what a file
 * above `RANGE_READ_THRESHOLD` gets without asking). The app must show the same figures as DuckDB
 * computes for the file, and every request for the DuckDB file must be a range request: DuckDB-WASM
 * silently downloads whole files unless told otherwise (`forceFullHTTPReads` defaults to on).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { formatNumber } from '../../src/i18n';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { DEFAULT_STATE } from '../../src/state/viewState';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { openTestDb } from '../helpers/wasmDb';

let dir: string;
let server: RunningServer;
let b: RecordedBrowser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-ranged-'));
  cpSync('dist', dir, { recursive: true, filter: (f) => !f.endsWith('.parquet') });
  cpSync(join(dir, 'data/default'), join(dir, 'data/ranged'), { recursive: true });
  const path = join(dir, 'data/ranged/manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    name: string;
    duckdb: { read?: string };
  };
  manifest.name = 'ranged';
  manifest.duckdb.read = 'ranges';
  writeFileSync(path, JSON.stringify(manifest));
  server = await serveStatic(dir);
  b = await launchBrowser(server.url);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a dataset read by HTTP ranges', () => {
  it('shows the right figures and fetches the DuckDB file only by ranges', async () => {
    await b.page.goto(`${server.url}#/overview?v=2&ds=ranged`);
    await waitForShell(b.page);
    await b.page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
      timeout: 60_000,
    });
    const db = await openTestDb(join(dir, 'data/ranged'));
    const [h] = await db.rows<HeadlineRow>(headlineQuery(DEFAULT_STATE));
    db.close();
    const figure = (id: string) =>
      b.page.locator(`[data-figure="${id}"] .figure__value`).innerText();
    expect(await figure('seizures')).toBe(formatNumber(h!.seizures, 'en'));
    expect(await figure('firearms')).toBe(formatNumber(h!.firearms, 'en'));
    expect(await figure('traces')).toBe(formatNumber(h!.traces, 'en'));
    // The Overview's monthly chart drew all 132 months (read from the stored cubes).
    expect(await b.page.locator('[data-chart="monthly"]').getAttribute('data-points')).toBe('132');

    const file = server.served.get('/data/ranged/atlas.duckdb')!;
    const size = statSync(join(dir, 'data/ranged/atlas.duckdb')).size;
    expect(file.requests).toBeGreaterThan(1);
    expect(file.partial).toBe(file.requests);
    expect(file.bytes).toBeLessThan(size);
    expect(b.consoleErrors).toEqual([]);
  });
});
