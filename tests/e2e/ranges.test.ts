/**
 * How a published dataset is opened, on a copy of `dist/` with the default dataset published
 * twice more:
 * - `ranged`, whose manifest asks for range reads (what a file above `RANGE_READ_THRESHOLD` gets
 *   without asking): the app must show the figures DuckDB computes for the file, and every request
 *   for the DuckDB file must be a range request (DuckDB-WASM silently downloads whole files unless
 *   told otherwise: `forceFullHTTPReads` defaults to on);
 * - `stale`, whose manifest gives its stored cubes an older version: the app must not read them
 *   but build its own in memory, with the same figures.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { formatNumber } from '../../src/i18n';
import { headlineQuery, type HeadlineRow } from '../../src/sql/headline';
import { DEFAULT_STATE } from '../../src/model/viewState';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { openTestDb } from '../helpers/wasmDb';

let dir: string;

interface Manifest {
  name: string;
  duckdb: { read?: string };
  cubes?: { version: number };
}

/** Publishes the default dataset again as `name`, its manifest edited. */
function publish(name: string, edit: (m: Manifest) => void) {
  cpSync(join(dir, 'data/default'), join(dir, `data/${name}`), { recursive: true });
  const path = join(dir, `data/${name}/manifest.json`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  manifest.name = name;
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
}

/** The headline figures on screen once everything settled. */
async function figures() {
  await waitForShell(b.page);
  await b.page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout: 60_000,
  });
  const figure = (id: string) => b.page.locator(`[data-figure="${id}"] .figure__value`).innerText();
  return {
    seizures: await figure('seizures'),
    firearms: await figure('firearms'),
    traces: await figure('traces'),
  };
}
let server: RunningServer;
let b: RecordedBrowser;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-ranged-'));
  cpSync('dist', dir, { recursive: true, filter: (f) => !f.endsWith('.parquet') });
  publish('ranged', (m) => {
    m.duckdb.read = 'ranges';
  });
  publish('stale', (m) => {
    m.cubes = { version: 1 };
  });
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
    const shown = await figures();
    const db = await openTestDb(join(dir, 'data/ranged'));
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    db.close();
    expect(shown).toEqual({
      seizures: formatNumber(h!.seizures, 'en'),
      firearms: formatNumber(h!.firearms, 'en'),
      traces: formatNumber(h!.traces, 'en'),
    });
    // The Overview's monthly chart drew all 132 months (read from the stored cubes).
    expect(await b.page.locator('[data-chart="monthly"]').getAttribute('data-points')).toBe('132');

    const file = server.served.get('/data/ranged/atlas.duckdb')!;
    const size = statSync(join(dir, 'data/ranged/atlas.duckdb')).size;
    expect(file.requests).toBeGreaterThan(1);
    expect(file.partial).toBe(file.requests);
    expect(file.bytes).toBeLessThan(size);
    expect(b.consoleErrors).toEqual([]);
  });

  it('builds its own cubes when the stored ones are of another version', async () => {
    await b.page.goto(`${server.url}?bench#/overview?v=2&ds=stale`);
    const shown = await figures();
    const sql = await b.page.evaluate(() =>
      (window.__atlasBench?.queries ?? []).map((q) => q.sql).join('\n'),
    );
    expect(sql).toContain('memory.main.seizure_cube');
    expect(sql).not.toContain('atlas.main.seizure_cube');
    const db = await openTestDb(join(dir, 'data/stale'));
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    db.close();
    expect(shown.seizures).toBe(formatNumber(h!.seizures, 'en'));
    expect(shown.firearms).toBe(formatNumber(h!.firearms, 'en'));
  });
});
