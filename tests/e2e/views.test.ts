/**
 * The analytic views in headless Chromium on the default dataset: each renders non-empty charts
 * (series points, Sankey links, bars), a click or a brush in one changes the URL and the others,
 * and none requests anything off its origin. (`npm run screenshots` saves every view to look at.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

const baseUrl = inject('baseUrl');

let b: RecordedBrowser;
beforeAll(async () => {
  b = await launchBrowser(baseUrl);
});
afterAll(async () => {
  await b?.close();
});

async function open(view: string, extra = '') {
  await b.page.goto(`${baseUrl}#/${view}?v=2${extra}`);
  await waitForShell(b.page);
  // The view's code loads on demand: wait for its panels, then for their data.
  await b.page.waitForSelector(`#main[data-view="${view}"] [data-panel]`, { timeout: 60_000 });
  await waitForIdle(b.page);
}
const seizures = () => b.page.locator('[data-figure="seizures"] .figure__value').innerText();

describe('analytic views', () => {
  it('Overview shows key figures against the previous period, and the latest surges', async () => {
    await open('overview');
    expect(await b.page.locator('[data-key-figure]').count()).toBe(4);
    expect(
      await b.page.locator('[data-key-figure="firearms"] .key-figure__change').innerText(),
    ).toMatch(/% on the previous period/);
    expect(await b.page.getByTestId('latest-surges').locator('tbody tr').count()).toBeGreaterThan(
      0,
    );
  });

  it('Trends draws the series with surges and operation bands; a brush filters the others', async () => {
    await open('trends');
    const chart = b.page.locator('[data-chart="trends"]');
    expect(Number(await chart.getAttribute('data-points'))).toBe(132);
    expect(Number(await chart.getAttribute('data-surges'))).toBeGreaterThan(0);
    expect(await chart.locator('path.recharts-line-curve').count()).toBe(2);
    expect(await chart.locator('.recharts-reference-area').count()).toBeGreaterThanOrEqual(3); // operation bands
    expect(await b.page.getByTestId('surges').locator('tbody tr').count()).toBeGreaterThan(0);
    const before = await seizures();
    const grid = (await chart.locator('.recharts-cartesian-grid').boundingBox())!;
    await b.page.mouse.move(grid.x + grid.width * 0.3, grid.y + grid.height / 2);
    await b.page.mouse.down();
    await b.page.mouse.move(grid.x + grid.width * 0.45, grid.y + grid.height / 2, { steps: 6 });
    await b.page.mouse.up();
    await expect
      .poll(() => b.page.url())
      .toMatch(/x=trends\.series~i~\d{4}-\d{2}-01~\d{4}-\d{2}-\d{2}/);
    await waitForIdle(b.page);
    expect(await seizures()).not.toBe(before);
    expect(Number(await chart.getAttribute('data-points'))).toBe(132); // its own brush leaves it whole
    await b.page.selectOption('select:near(:text("Split by"))', 'region');
    await waitForIdle(b.page);
    expect(b.page.url()).toContain('tv=firearms~region'); // the chart's settings travel with the link
    expect(await chart.locator('path.recharts-area-area').count()).toBeGreaterThanOrEqual(5);
  });

  it('Flows draws both Sankeys; a node click filters every other view', async () => {
    await open('flows');
    const routes = b.page.locator('[data-chart="route-sankey"]');
    expect(await routes.locator('[data-link]').count()).toBeGreaterThan(20);
    expect(await routes.locator('[data-link]').first().getAttribute('d')).not.toMatch(/NaN/);
    expect(
      await b.page.locator('[data-chart="diversion-sankey"] [data-link]').count(),
    ).toBeGreaterThan(10);
    const before = await seizures();
    await routes.locator('[data-node="origin:TUR"]').click();
    await expect.poll(() => b.page.url()).toContain('x=flows.sankey~p~origin~TUR');
    await waitForIdle(b.page);
    expect(await seizures()).not.toBe(before);
    expect(await routes.locator('[data-link]').count()).toBeGreaterThan(20); // its own selection leaves it whole
  });

  it('Patterns draws breakdowns and the matrix; a bar click filters every other view', async () => {
    await open('patterns');
    expect(
      await b.page.locator('[data-panel="pattern-firearmType"] tbody tr').count(),
    ).toBeGreaterThanOrEqual(6);
    expect(await b.page.locator('[data-panel="pattern-make"] tbody tr').count()).toBe(15);
    expect(await b.page.getByTestId('type-region').locator('tbody tr').count()).toBe(5);
    const before = await seizures();
    await b.page
      .locator('[data-panel="pattern-firearmType"]')
      .getByRole('button', { name: 'Shotgun' })
      .click();
    await expect.poll(() => b.page.url()).toContain('x=patterns.firearmType~p~firearmType~shotgun');
    await waitForIdle(b.page);
    expect(await seizures()).not.toBe(before);
    expect(
      await b.page.locator('[data-panel="pattern-firearmType"] tbody tr').count(),
    ).toBeGreaterThanOrEqual(6);
  });

  it('Traces draws the SDG share, outcomes and response times', async () => {
    await open('traces');
    expect(Number(await b.page.locator('[data-chart="sdg"]').getAttribute('data-points'))).toBe(11);
    expect(
      await b.page.locator('[data-chart="sdg"] path.recharts-line-curve').getAttribute('d'),
    ).not.toMatch(/NaN/);
    expect(await b.page.locator('[data-panel="outcomes"] tbody').innerText()).toMatch(
      /Traced[\s\S]*%/,
    );
    expect(
      Number(await b.page.locator('[data-chart="response"]').getAttribute('data-points')),
    ).toBe(11);
    await b.page
      .locator('[data-panel="outcomes"]')
      .getByRole('button', { name: 'Refused' })
      .click();
    await expect.poll(() => b.page.url()).toContain('x=traces.outcomes~p~traceOutcome~refused');
  });

  it('Operations shows the published figures exactly and the seizures around each operation', async () => {
    await open('operations');
    const trigger9 = b.page.getByTestId('operation-figures-3');
    expect(await trigger9.locator('[data-figure="arrests"] dd').innerText()).toBe('14,260');
    expect(await trigger9.locator('[data-figure="firearms"] dd').innerText()).toBe('8,263');
    expect(await trigger9.locator('[data-figure="rounds"] dd').innerText()).toBe('305,000');
    expect(await trigger9.locator('[data-figure="precursorsTonnes"] dd').innerText()).toBe('372');
    const trigger8 = b.page.getByTestId('operation-figures-2');
    expect(await trigger8.locator('[data-figure="officers"] dd').innerText()).toBe('520');
    expect(await trigger8.locator('[data-figure="hotspots"] dd').innerText()).toBe('35');
    expect(
      Number(await b.page.locator('[data-chart="operation-3"]').getAttribute('data-points')),
    ).toBeGreaterThan(10);
  });

  it('made no request off its origin and logged no console error', () => {
    const origin = new URL(baseUrl).origin;
    expect(b.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
