/**
 * The shell in real headless Chromium against the built app: it boots on the default dataset,
 * shows the same headline figures DuckDB computes in Node for the same file, requests nothing
 * off its origin, logs no console error, and each view has an address the back button follows.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/i18n';
import { headlineQuery, answeredShare, type HeadlineRow } from '../../src/sql/headline';
import { DEFAULT_STATE } from '../../src/model/viewState';
import { launchBrowser, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { openTestDb } from '../helpers/wasmDb';

const baseUrl = inject('baseUrl');
const ARTIFACTS = 'test-results/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

let b: RecordedBrowser;
beforeAll(async () => {
  b = await launchBrowser(baseUrl);
});
afterAll(async () => {
  await b?.close();
});

const figure = (id: string) => b.page.locator(`[data-figure="${id}"] .figure__value`).innerText();
const idle = () =>
  b.page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, {
    timeout: 60_000,
  });

describe('the shell', () => {
  it('boots and shows the headline figures DuckDB computes for the same file', async () => {
    await b.page.goto(baseUrl);
    await waitForShell(b.page);
    const db = await openTestDb('dist/data/default');
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    db.close();
    expect(h!.seizures).toBeGreaterThan(10_000);
    expect(await figure('seizures')).toBe(formatNumber(h!.seizures, 'en'));
    expect(await figure('firearms')).toBe(formatNumber(h!.firearms, 'en'));
    expect(await figure('rounds')).toBe(formatNumber(h!.rounds, 'en'));
    expect(await figure('arrests')).toBe(formatNumber(h!.arrests, 'en'));
    expect(await figure('traces')).toBe(formatNumber(h!.traces, 'en'));
    expect(await figure('answered')).toBe(formatPercent(answeredShare(h!)!, 'en'));
    expect(await figure('countries')).toBe(formatNumber(h!.countries, 'en'));
    const manifest = JSON.parse(readFileSync('dist/data/default/manifest.json', 'utf8')) as {
      title: string;
    };
    expect(await b.page.getByTestId('dataset-title').innerText()).toBe(manifest.title);
    expect(await b.page.getByTestId('date-span').innerText()).toBe('Jan 2015 – Dec 2025');
    expect(b.page.url()).toMatch(/#\/overview\?v=2$/);

    const marks = await b.page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('atlas:'))
          .map((m) => [m.name, Math.round(m.startTime)]),
      ),
    );
    expect(Object.keys(marks)).toEqual(
      expect.arrayContaining(['atlas:duckdb-ready', 'atlas:data-ready', 'atlas:figures-ready']),
    );
    console.info('start-up marks (ms since navigation):', marks);
  });

  it('shows the dataset’s own headline figures before the engine downloads, the same as DuckDB computes', async () => {
    // The manifest's figures were computed when the dataset was written; DuckDB computes them
    // again here from the file. The engine's wasm is asked for only once they are painted.
    const db = await openTestDb('dist/data/default');
    const [h] = await db.rows<HeadlineRow>(headlineQuery(db.model, DEFAULT_STATE));
    db.close();
    const early = await launchBrowser(baseUrl);
    try {
      let atWasm: { painted: boolean; summary: string } | undefined;
      await early.page.route('**/*.wasm', async (route) => {
        // Element timings are only given to observers (buffered), not by getEntriesByType.
        atWasm ??= await early.page.evaluate(
          () =>
            new Promise<{ painted: boolean; summary: string }>((resolve) => {
              const summary = document.querySelector('[data-testid="boot-summary"]')?.textContent;
              const answer = (painted: boolean) => resolve({ painted, summary: summary ?? '' });
              new PerformanceObserver((list) =>
                answer(
                  list
                    .getEntries()
                    .some((e) => (e as { identifier?: string }).identifier === 'atlas-first-view'),
                ),
              ).observe({ type: 'element', buffered: true });
              setTimeout(() => answer(false), 500);
            }),
        );
        await route.continue();
      });
      await early.page.goto(baseUrl);
      await waitForShell(early.page);
      expect(atWasm?.painted).toBe(true);
      const text = atWasm!.summary;
      for (const v of [h!.seizures, h!.firearms, h!.rounds, h!.arrests, h!.traces, h!.countries])
        expect(text).toContain(formatNumber(v, 'en'));
      expect(text).toContain(formatPercent(answeredShare(h!)!, 'en'));
      expect(early.consoleErrors).toEqual([]);
    } finally {
      await early.close();
    }
  });

  it('draws the Overview chart and ranked lists from DuckDB', async () => {
    await idle();
    const points = await b.page.locator('[data-chart="monthly"]').getAttribute('data-points');
    expect(Number(points)).toBe(132); // 11 years of months
    const paths = await b.page
      .locator('[data-chart="monthly"] path.recharts-line-curve')
      .evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
    expect(paths).toHaveLength(2);
    for (const d of paths) {
      expect(d).not.toMatch(/NaN/);
      expect((d.match(/[LC]/g) ?? []).length).toBeGreaterThan(100);
    }
    await expect(b.page.locator('[data-panel="top-routes"] tbody tr').count()).resolves.toBe(10);
    expect(await b.page.locator('[data-panel="top-routes"] tbody tr').first().innerText()).toMatch(
      /United States → Mexico/,
    );
    await b.page.screenshot({ path: `${ARTIFACTS}/overview-light.png`, fullPage: true });
  });

  it('gives each view its own address, and back and forward walk through them', async () => {
    await b.page.getByRole('link', { name: 'Records' }).click();
    await expect.poll(() => b.page.url()).toMatch(/#\/records\?v=2$/);
    await b.page.getByTestId('records-table').waitFor();
    await b.page.getByRole('link', { name: 'SQL' }).click();
    await expect.poll(() => b.page.url()).toMatch(/#\/sql\?v=2$/);
    await b.page.goBack();
    await expect.poll(() => b.page.url()).toMatch(/#\/records\?v=2$/);
    await expect(b.page.locator('[aria-current="page"]').innerText()).resolves.toBe('Records');
    await b.page.goBack();
    await expect.poll(() => b.page.url()).toMatch(/#\/overview\?v=2$/);
    await b.page.goForward();
    await expect.poll(() => b.page.url()).toMatch(/#\/records\?v=2$/);
  });

  it('sorts records in DuckDB', async () => {
    const firstRow = b.page.locator('[data-testid="records-table"] tbody tr.vtable__row').first();
    await idle();
    const header = b.page.locator('th', {
      has: b.page.getByRole('button', { name: 'Sort by Firearms' }),
    });
    for (let i = 0; i < 3 && (await header.getAttribute('aria-sort')) !== 'descending'; i++) {
      await b.page.getByRole('button', { name: 'Sort by Firearms' }).click();
    }
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => firstRow.locator('td').count()).toBeGreaterThan(6);
    const topCount = await firstRow.locator('td').nth(6).innerText();
    expect(Number(topCount.replace(/,/g, ''))).toBeGreaterThan(50);
  });

  it('switches theme from one set of tokens and keeps it in the URL', async () => {
    const bg = () => b.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    // Theme and language live in the header's Display menu.
    await b.page.getByTestId('display-menu').locator('summary').click();
    await b.page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => b.page.url()).toMatch(/th=dark/);
    expect(await b.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bg()).not.toBe(light);
    await b.page.getByLabel('Theme').selectOption('projector');
    const size = await b.page.evaluate(() =>
      parseFloat(getComputedStyle(document.documentElement).fontSize),
    );
    expect(size).toBeGreaterThanOrEqual(20);
    await b.page.screenshot({ path: `${ARTIFACTS}/records-projector.png` });
    await b.page.getByLabel('Theme').selectOption('light');
    await b.page.getByTestId('display-menu').locator('summary').click();
  });

  it('explains SQL errors in plain words and runs valid SQL', async () => {
    await b.page.getByRole('link', { name: 'SQL' }).click();
    const editor = b.page.getByLabel('SQL query');
    await editor.fill('SELECT * FROM no_such_table');
    await b.page.getByRole('button', { name: 'Run' }).click();
    await expect(b.page.getByTestId('sql-error').innerText()).resolves.toMatch(
      /does not exist[\s\S]*Catalog Error/,
    );
    await editor.fill(
      "SELECT country_iso3, count(*) AS n FROM seizures WHERE country_iso3 = 'MEX' GROUP BY 1",
    );
    await editor.press('Control+Enter');
    await b.page.getByTestId('sql-result').waitFor();
    await expect.poll(() => b.page.getByTestId('sql-result').innerText()).toContain('MEX');
    await expect(b.page.getByTestId('sql-result').locator('tbody tr').count()).resolves.toBe(1);
    await expect(b.page.getByTestId('sql-error').count()).resolves.toBe(0);
    // The dataset is read-only: writes fail with a message, the app keeps working.
    await editor.fill('DELETE FROM seizures');
    await b.page.getByRole('button', { name: 'Run' }).click();
    await b.page.getByTestId('sql-error').waitFor();
    expect(await figure('seizures')).not.toBe('0');
  });

  it('made no request off its origin and logged no console error', () => {
    const origin = new URL(baseUrl).origin;
    const off = b.requests.filter(
      (u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(off).toEqual([]);
    // The interception saw the real traffic: the engine, its worker and the dataset.
    expect(b.requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(b.requests.some((u) => u.includes('worker'))).toBe(true);
    expect(b.requests.some((u) => u.endsWith('/data/default/atlas.duckdb'))).toBe(true);
    expect(b.consoleErrors).toEqual([]);
  });
});

describe('the built page', () => {
  it('carries a strict Content-Security-Policy', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/unsafe-inline|https?:/);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script
  });
});
