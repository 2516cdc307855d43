/**
 * Sharing a view by link: filters and a cross-filter set through the UI, the copied link opened
 * in a fresh browser shows the same figures, chart and lists; back and forward walk through the
 * states; a link's map viewport survives the trip.
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

/** What a person sees: the figures, the chart's drawn line and the two ranked lists. */
async function snapshot(r: RecordedBrowser) {
  await waitForIdle(r.page);
  const figures = await r.page
    .locator('.figures .figure')
    .evaluateAll((els) => els.map((e) => e.textContent));
  const line = await r.page
    .locator('[data-chart="monthly"] path.recharts-line-curve')
    .first()
    .getAttribute('d');
  const routes = await r.page.locator('[data-panel="top-routes"] tbody').innerText();
  const countries = await r.page.locator('[data-panel="top-countries"] tbody').innerText();
  const chips = await r.page.locator('.filterbar__chips .chip__text').allInnerTexts();
  return { figures, line, routes, countries, chips };
}

async function pick(r: RecordedBrowser, field: string, search: string) {
  await r.page.getByRole('combobox', { name: field, exact: true }).click();
  const box = r.page.getByRole('searchbox', { name: `Search ${field}` });
  await box.fill(search);
  await r.page
    .getByRole('option', { name: new RegExp(search, 'i') })
    .first()
    .waitFor();
  await box.press('Enter');
  await box.press('Escape');
}

describe('sharing a filtered view', () => {
  let link = '';
  let shared: Awaited<ReturnType<typeof snapshot>>;
  const history: string[] = [];

  it('sets filters and a cross-filter through the UI', async () => {
    await b.page.goto(baseUrl);
    await waitForShell(b.page);
    const before = await snapshot(b);
    history.push(b.page.url());

    await pick(b, 'Region', 'Central America');
    await expect.poll(() => b.page.url()).toContain('r=central_america_mexico');
    history.push(b.page.url());
    await pick(b, 'Firearm type', 'Pistol');
    await expect.poll(() => b.page.url()).toContain('ft=pistol');
    history.push(b.page.url());
    await b.page.getByLabel('From').fill('2018-01-01');
    await expect.poll(() => b.page.url()).toContain('t=2018-01-01,');
    history.push(b.page.url());
    await waitForIdle(b.page);
    await b.page
      .locator('[data-panel="top-routes"]')
      .getByRole('button', { name: /United States → Mexico/ })
      .click();
    await expect.poll(() => b.page.url()).toContain('x=overview.routes~r~USA~MEX');
    history.push(b.page.url());

    shared = await snapshot(b);
    expect(shared.figures).not.toEqual(before.figures);
    expect(shared.chips).toEqual([
      'Dates: Jan 1, 2018 – …',
      'Region: Central America and Mexico',
      'Firearm type: Pistol',
      'Selected in leading routes: United States → Mexico',
    ]);
    // The routes panel keeps its own list (its selection is left out of its own query)…
    expect(shared.routes).toMatch(/United States → Guatemala/);
    // …while the countries panel is filtered to the selected route.
    expect(shared.countries.trim().split('\n')).toHaveLength(1);
    expect(shared.countries).toMatch(/^Mexico/);

    await b.page.getByRole('button', { name: 'Copy link' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    link = await b.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(b.page.url());
    expect(link.length).toBeLessThan(1000);
  });

  it('reopens exactly the same view from the link in a fresh browser', async () => {
    const fresh = await launchBrowser(baseUrl);
    try {
      await fresh.page.goto(link);
      await waitForShell(fresh.page);
      expect(await snapshot(fresh)).toEqual(shared);
      expect(fresh.page.url()).toBe(link);
      expect(fresh.consoleErrors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('walks back and forward through the states', async () => {
    for (let i = history.length - 2; i >= 0; i--) {
      await b.page.goBack();
      await expect.poll(() => b.page.url()).toBe(history[i]);
    }
    const start = await snapshot(b);
    expect(start.chips).toEqual([]);
    await b.page.goForward();
    await b.page.goForward();
    await expect.poll(() => b.page.url()).toBe(history[2]);
    expect((await snapshot(b)).chips).toEqual([
      'Region: Central America and Mexico',
      'Firearm type: Pistol',
    ]);
  });

  it('removes one chip, then clears all', async () => {
    await b.page.getByRole('button', { name: 'Remove Firearm type: Pistol' }).click();
    await expect.poll(() => b.page.url()).not.toContain('ft=');
    await b.page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => b.page.url()).toMatch(/#\/overview\?v=2$/);
    expect((await snapshot(b)).chips).toEqual([]);
  });

  it('brushes a period on the monthly chart: other views filter, the chart keeps its axis', async () => {
    await waitForIdle(b.page);
    const before = await snapshot(b);
    const plot = await b.page
      .locator('[data-chart="monthly"] .recharts-cartesian-grid')
      .boundingBox();
    expect(plot).not.toBeNull();
    const y = plot!.y + plot!.height / 2;
    await b.page.mouse.move(plot!.x + plot!.width * 0.5, y);
    await b.page.mouse.down();
    await b.page.mouse.move(plot!.x + plot!.width * 0.6, y, { steps: 5 });
    await b.page.mouse.move(plot!.x + plot!.width * 0.7, y, { steps: 5 });
    await b.page.mouse.up();
    await expect
      .poll(() => b.page.url())
      .toMatch(/x=overview\.monthly~i~20\d\d-\d\d-01~20\d\d-\d\d-\d\d/);
    const after = await snapshot(b);
    expect(after.figures).not.toEqual(before.figures);
    expect(after.countries).not.toEqual(before.countries);
    expect(after.line).toEqual(before.line); // its own selection does not filter it
    expect(await b.page.locator('[data-chart="monthly"] .recharts-reference-area').count()).toBe(1);
    // The drag made one history entry: back returns to the state before it.
    await b.page.goBack();
    await expect.poll(() => b.page.url()).not.toContain('overview.monthly');
  });

  it('keeps the map viewport of a link', async () => {
    const fresh = await launchBrowser(baseUrl);
    try {
      const url = `${baseUrl}#/map?v=2&c=COL&m=-75.5,12.25,4.5`;
      await fresh.page.goto(url);
      await waitForShell(fresh.page);
      expect(fresh.page.url()).toBe(url);
    } finally {
      await fresh.close();
    }
  });

  it('made no request off its origin and logged no console error', () => {
    const origin = new URL(baseUrl).origin;
    expect(b.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
