/**
 * The route map in headless Chromium (WebGL through SwiftShader): the canvas shows the bundled
 * basemap, flow arcs and hotspots (checked on pixel colours, in every theme); selecting a flow
 * changes the URL and the other views; playback advances the on-map date; an empty selection
 * says so instead of showing a blank map.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { THEME_TOKENS } from '../../src/theme/tokens';
import { THEMES } from '../../src/model/viewState';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { colourShares, saturatedShare } from '../helpers/pixels';

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

async function mapReady(r: RecordedBrowser) {
  await r.page.waitForSelector('[data-panel="map"][data-state="ready"]', { timeout: 60_000 });
  await r.page.waitForSelector('[data-testid="map"] canvas', { timeout: 60_000 });
  await waitForIdle(r.page);
  await r.page.waitForTimeout(1500); // software rendering: let a few frames land
}

describe('route map', () => {
  for (const theme of THEMES) {
    it(`draws the basemap, arcs and hotspots in the ${theme} theme`, async () => {
      const th = theme === 'light' ? '' : `&th=${theme}`;
      const tk = THEME_TOKENS[theme];
      // Arcs alone (hotspots off): the basemap is neutral, so strongly coloured pixels are arcs.
      await b.page.goto(`${baseUrl}#/map?v=2&ml=legs~firearms~40~direction~n~month~1${th}`);
      await waitForShell(b.page);
      await mapReady(b);
      const arcsOnly = await b.page.locator('[data-testid="map"]').screenshot();
      const base = colourShares(arcsOnly, { land: tk.mapLand, water: tk.mapWater }, 12);
      expect(base.land, 'land').toBeGreaterThan(0.1);
      expect(base.water, 'water').toBeGreaterThan(0.1);
      expect(saturatedShare(arcsOnly), 'arcs').toBeGreaterThan(0.002);
      // With hotspots: their ramp colours appear.
      await b.page.goto(`${baseUrl}#/map?v=2${th}`);
      await mapReady(b);
      const withHot = await b.page.locator('[data-testid="map"]').screenshot();
      await b.page.screenshot({ path: `${ARTIFACTS}/map-${theme}.png`, fullPage: true });
      const hot = colourShares(
        withHot,
        Object.fromEntries(tk.ramp.map((c, i) => [`r${i}`, c])),
        20,
      );
      expect(
        Object.values(hot).reduce((a, v) => a + v, 0),
        'hotspots',
      ).toBeGreaterThan(0.001);
    });
  }

  it('lists the leading flows and countries as text beside the canvas', async () => {
    const flows = await b.page.locator('[data-panel="map-flows"] tbody tr').allInnerTexts();
    expect(flows.length).toBe(10);
    expect(flows[0]).toMatch(/United States → Mexico/);
    expect(await b.page.getByTestId('map-legend').innerText()).toMatch(
      /Not drawn: [\d,]+ firearms/,
    );
  });

  it('selects a flow: the URL and the other views change, the map keeps its arcs', async () => {
    await b.page.goto(`${baseUrl}#/map?v=2`);
    await waitForShell(b.page);
    await mapReady(b);
    const seizuresBefore = await b.page
      .locator('[data-figure="seizures"] .figure__value')
      .innerText();
    await b.page
      .locator('[data-panel="map-flows"]')
      .getByRole('button', { name: /Türkiye → Nigeria/ })
      .click();
    await expect.poll(() => b.page.url()).toContain('x=map.routes~l~TUR~NGA');
    await waitForIdle(b.page);
    expect(await b.page.locator('[data-figure="seizures"] .figure__value').innerText()).not.toBe(
      seizuresBefore,
    );
    expect(await b.page.locator('[data-panel="map-flows"] tbody tr').count()).toBe(10); // still every flow
    expect(await b.page.locator('.chip--cross').innerText()).toContain('Türkiye → Nigeria');
    // The Overview follows: only Nigeria seizes on that leg.
    await b.page.getByRole('link', { name: 'Overview' }).click();
    await waitForIdle(b.page);
    await b.page.locator('[data-panel="top-countries"] tbody tr').first().waitFor();
    expect(await b.page.locator('[data-panel="top-countries"] tbody').innerText()).toMatch(
      /^Nigeria/,
    );
    await b.page.goBack();
    await mapReady(b);
  });

  it('clicks a country on the canvas to select it', async () => {
    // Centre the map on Brazil; click a little north-east of its centre (arcs end at the centre).
    await b.page.goto(`${baseUrl}#/map?v=2&m=-55,-10,3`);
    await waitForShell(b.page);
    await mapReady(b);
    const box = (await b.page.getByTestId('map').boundingBox())!;
    await b.page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height / 2 - 30);
    await expect.poll(() => b.page.url()).toContain('x=map.countries~p~country~BRA');
  });

  it('plays back month by month, advancing the date on the map', async () => {
    await b.page.goto(`${baseUrl}#/map?v=2&ml=legs~firearms~40~direction~n~month~4`);
    await waitForShell(b.page);
    await mapReady(b);
    const label = b.page.getByTestId('map-date');
    expect(await label.innerText()).toMatch(/All time/);
    // Month by month: the first step is the first month, the next the month after.
    const next = b.page.getByRole('button', { name: 'Next period' });
    await next.click();
    await expect.poll(() => label.innerText(), { timeout: 20_000 }).toMatch(/January 2015/);
    await expect.poll(() => b.page.url()).toMatch(/mp=2015-01-01/);
    await next.click();
    await expect.poll(() => label.innerText(), { timeout: 20_000 }).toMatch(/February 2015/);
    // Playing advances by itself (four steps a second; a loaded machine's polls may see any
    // later month), and pausing holds the month on screen and in the link.
    await b.page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => label.innerText(), { timeout: 20_000 })
      .toMatch(/^(?!February 2015)\w+ \d{4}$/);
    await b.page.getByRole('button', { name: 'Pause' }).click();
    const paused = await label.innerText();
    expect(b.page.url()).toMatch(/mp=\d{4}-\d\d-01/);
    await b.page.waitForTimeout(800);
    expect(await label.innerText()).toBe(paused);
  });

  it('says so when no seizure matches, instead of a blank map', async () => {
    await b.page.goto(`${baseUrl}#/map?v=2&c=MEX&o=LBY`);
    await waitForShell(b.page);
    await b.page.waitForSelector('[data-panel="map"][data-state="empty"]', { timeout: 60_000 });
    expect(await b.page.locator('.map-message').innerText()).toMatch(
      /No seizures match the filters/,
    );
  });

  it('made no request off its origin and logged no console error', () => {
    const origin = new URL(baseUrl).origin;
    expect(b.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
