/**
 * The data model in the browser: an aggregate-only dataset (monthly rows per Mexican state,
 * yearly rows for three countries, weights, no traces or operations; `datasets/lib/aggregate.ts`)
 * opens beside the bundled one. The header shows the sums of the weights, only the dataset's own
 * fields and measures appear, the views it cannot feed say so and are marked in the navigation,
 * the monthly series has no January spike from yearly rows and says what it leaves out, the
 * switcher lists both datasets, and a link to a dataset that is not here names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateRows } from '../../datasets/lib/aggregate';
import { loadAdmin1 } from '../../datasets/lib/geography';
import { publishNamedDatasets } from '../../scripts/lib/measureKit';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';
import { ensureAggregateFixture } from '../helpers/fixture';

let b: RecordedBrowser;
let server: RunningServer;
let unpublish: () => void = () => undefined;
const rows = aggregateRows();
const total = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
const fmt = (n: number) => n.toLocaleString('en');

beforeAll(async () => {
  const dir = await ensureAggregateFixture();
  unpublish = publishNamedDatasets([['aggregate', dir]]);
  // A server of its own: the shared one lists dist/ once, before this dataset was published.
  server = await serveStatic('dist');
  b = await launchBrowser(server.url);
}, 300_000);

afterAll(async () => {
  await b?.close();
  await server?.close();
  unpublish();
});

const figure = (id: string) => b.page.locator(`[data-figure="${id}"] .figure__value`);

describe('an aggregate-only dataset', () => {
  it('shows the sums of its weights, and only its own fields and measures', async () => {
    await b.page.goto(`${server.url}#/overview?v=2&ds=aggregate`);
    await waitForShell(b.page);
    await waitForIdle(b.page);
    expect(await figure('seizures').textContent()).toBe(fmt(total((r) => r.seizures)));
    expect(await figure('firearms').textContent()).toBe(
      fmt(total((r) => r.firearms.pistol + r.firearms.rifle + r.firearms.shotgun)),
    );
    expect(await b.page.locator('[data-figure="arrests"]').count()).toBe(0);
    expect(await b.page.locator('[data-figure="traces"]').count()).toBe(0);
    const filters = await b.page
      .locator('[data-testid^="filter-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(filters).toEqual([
      'filter-country',
      'filter-region',
      'filter-origin',
      'filter-destination',
      'filter-firearmType',
    ]);
    // The dataset's own label for a field.
    expect(await b.page.getByTestId('filter-country').innerText()).toContain('Reporting place');
    const missing = await b.page
      .locator('.nav__link[data-missing]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-missing')));
    expect(missing.sort()).toEqual(['operations', 'records', 'traces']);
  });

  it('draws no January spike from yearly rows, and says what the monthly series leaves out', async () => {
    const panel = b.page.locator('[data-panel="monthly"]');
    // 60 months of Mexican monthly rows; the yearly rows (far larger) are not drawn by month.
    expect(await panel.locator('[data-chart="monthly"]').getAttribute('data-points')).toBe('60');
    const yearly = rows.filter((r) => r.precision === 'year').length;
    expect(yearly).toBe(15);
    // The note comes with its own query, after the chart.
    const caption = panel.locator('.panel__caption');
    await expect
      .poll(() => caption.textContent(), { timeout: 30_000 })
      .toMatch(/dated less precisely than a month/);
    expect(await caption.textContent()).toContain(
      fmt(total((r) => (r.precision === 'year' ? r.seizures : 0))),
    );
    // …and offers the year grain, where every seizure is drawn.
    await panel.getByTestId('show-by-year').click();
    await b.page.waitForFunction(
      () => location.hash.startsWith('#/trends') && location.hash.includes('g=year'),
    );
    await b.page.waitForSelector('[data-panel="trend-series"][data-state="ready"]', {
      timeout: 30_000,
    });
    await b.page.goto(`${server.url}#/overview?v=2&ds=aggregate`);
    await waitForShell(b.page);
  });

  it('tells a link naming a firearm type or field the dataset does not have, and keeps the rest', async () => {
    await b.page.goto(`${server.url}#/overview?v=2&ds=aggregate&ft=pistol,machine_gun&ag=customs`);
    await b.page.reload();
    await waitForShell(b.page);
    const notice = b.page.locator('.notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ft=machine_gun');
    expect(await notice.textContent()).toContain('ag=customs');
    await waitForIdle(b.page);
    expect(await figure('firearms').textContent()).toBe(fmt(total((r) => r.firearms.pistol)));
    await b.page.goto(`${server.url}#/overview?v=2&ds=aggregate`);
    await waitForShell(b.page);
  });

  it('says, in words, what a view needs that the dataset lacks', async () => {
    await b.page.locator('.nav__link', { hasText: 'Traces' }).click();
    const note = b.page.getByTestId('missing-input');
    await note.waitFor();
    expect(await note.textContent()).toContain('This dataset has no trace requests');
    expect(await b.page.locator('[data-panel]').count()).toBe(0);
  });

  it('draws state → state and state → country arcs at the gazetteer points, and rolls them up', async () => {
    const gazetteer = new Map(loadAdmin1().map((g) => [g.code, g]));
    await b.page.goto(`${server.url}#/map?v=2&ds=aggregate&pl=admin1`);
    await b.page.reload();
    await b.page.waitForSelector('[data-panel="map"][data-state="ready"]', { timeout: 60_000 });
    const arcs = async () =>
      JSON.parse((await b.page.getByTestId('map').getAttribute('data-arcs')) ?? '[]') as [
        string,
        string,
        number,
        number,
        number,
        number,
      ][];
    const expected = new Set(
      rows
        .filter((r) => r.originAdmin1 && r.destinationAdmin1)
        .map((r) => `${r.originAdmin1}>${r.destinationAdmin1}`),
    );
    await expect.poll(async () => (await arcs()).length, { timeout: 30_000 }).toBe(expected.size);
    for (const [src, dst, sLon, sLat, dLon, dLat] of await arcs()) {
      expect(expected.has(`${src}>${dst}`), `${src}>${dst}`).toBe(true);
      expect([sLon, sLat]).toEqual([gazetteer.get(src)!.lon, gazetteer.get(src)!.lat]);
      expect([dLon, dLat]).toEqual([gazetteer.get(dst)!.lon, gazetteer.get(dst)!.lat]);
    }
    // Rolled up to countries: one USA → MEX arc (Georgia → New York is domestic, not an arc).
    await b.page.getByTestId('place-level').selectOption('country');
    await expect
      .poll(async () => (await arcs()).map(([s, d]) => `${s}>${d}`), { timeout: 30_000 })
      .toEqual(['USA>MEX']);
  });

  it('lists both datasets in the switcher and opens the bundled one from it', async () => {
    const sw = b.page.getByTestId('dataset-switcher');
    const options = await sw
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['default', 'aggregate']);
    await sw.selectOption('default');
    await b.page.waitForFunction(() => location.hash.includes('ds=') === false);
    await waitForShell(b.page);
    expect(await b.page.locator('[data-figure="arrests"]').count()).toBe(1);
    expect(await b.page.locator('.nav__link[data-missing]').count()).toBe(0);
  });

  it('names a dataset a link asks for that is not here, and offers the bundled one', async () => {
    await b.page.goto(`${server.url}#/overview?v=2&ds=nowhere`);
    await b.page.reload();
    const fatal = b.page.locator('.fatal');
    await fatal.waitFor();
    expect(await fatal.textContent()).toContain('nowhere');
    await fatal.getByRole('button', { name: 'Open the bundled dataset' }).click();
    await waitForShell(b.page);
    expect(await b.page.getByTestId('dataset-title').textContent()).toContain('Synthetic');
  });
});
