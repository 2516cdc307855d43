/**
 * Records in one virtualised table over DuckDB windows, on more rows than the browser can scroll
 * through at full height (`RECORDS_TEST_SEIZURES`): scrolling to the end and back draws rows at
 * each step, sorting happens in DuckDB, the link keeps the scroll position (reopening it shows the
 * same rows), and a row opens the seizure's detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBenchDataset,
  publishDatasets,
  RECORDS_TEST_SEIZURES,
} from '../../scripts/lib/measureKit';
import { serveStatic, type RunningServer } from '../../scripts/server';
import { launchBrowser, waitForIdle, waitForShell, type RecordedBrowser } from '../helpers/browser';

const SEIZURES = RECORDS_TEST_SEIZURES;
let b: RecordedBrowser;
let server: RunningServer;
let baseUrl: string;
let unpublish: () => void = () => undefined;

beforeAll(async () => {
  // About a minute the first time on this machine; cached in .cache/datasets afterwards
  // (`npm test` makes it beside the static checks, scripts/prepare-test-data.ts).
  const dir = await ensureBenchDataset(SEIZURES);
  unpublish = publishDatasets(new Map([[SEIZURES, dir]]));
  // A server of its own: the shared one lists dist/ once, before this dataset was published.
  server = await serveStatic('dist');
  baseUrl = server.url;
  b = await launchBrowser(baseUrl);
}, 600_000);

afterAll(async () => {
  await b?.close();
  await server?.close();
  unpublish();
});

const table = () => b.page.getByTestId('records-table');
const rows = () => table().locator('tbody tr.vtable__row');

/**
 * Index and first cell of the rendered rows, once they are all loaded (and, with `near`, once the
 * first of them is within 50 rows of it: the table has caught up with a scroll).
 */
async function loadedRows(near?: number): Promise<{ index: number; id: string }[]> {
  let out: { index: number; id: string }[] = [];
  await expect
    .poll(
      async () => {
        const list = await rows().evaluateAll((trs) =>
          trs.map((tr) => ({
            index: Number(tr.getAttribute('data-index')),
            id: tr.querySelector('td')?.textContent ?? '',
            pending: !!tr.querySelector('.vtable__pending'),
          })),
        );
        const ready =
          list.length > 5 &&
          !list.some((r) => r.pending) &&
          (near === undefined || Math.abs(list[0]!.index - near) < 50);
        out = ready ? list : [];
        return ready;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return out;
}

async function scrollTo(fraction: number) {
  await table().evaluate((el, f) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
  }, fraction);
}

describe(`records at ${SEIZURES.toLocaleString('en')} seizures`, () => {
  it('scrolls to the end and back, drawing rows at each step', async () => {
    await b.page.goto(`${baseUrl}#/records?v=2&ds=s${SEIZURES}`);
    await waitForShell(b.page);
    await expect
      .poll(() => b.page.locator('[data-panel="records"] .panel__units').innerText())
      .toBe(`${SEIZURES.toLocaleString('en')} records`);
    // The scroll range is compressed (rows of 34 px would be taller than it).
    const scrollPx = await table().evaluate((el) => el.scrollHeight);
    expect(scrollPx).toBeLessThan(SEIZURES * 34);
    const seen: number[] = [];
    for (const f of [0, 0.25, 0.5, 0.75, 1, 0.5, 0]) {
      await scrollTo(f);
      // Rows are where the scroll position says, and consecutive.
      const shown = await loadedRows(f * SEIZURES - (f > 0.99 ? 20 : 0));
      const first = shown[0]!.index;
      expect(shown.map((r) => r.index)).toEqual(shown.map((_, i) => first + i));
      seen.push(first);
    }
    expect(Math.max(...seen)).toBeGreaterThan(SEIZURES - 60);
    // The last row of the data is reachable: its aria index is the last one.
    await scrollTo(1);
    await loadedRows(SEIZURES - 20);
    expect(await rows().last().getAttribute('aria-rowindex')).toBe(String(SEIZURES + 1));
  });

  it('sorts in DuckDB', async () => {
    await b.page.getByRole('button', { name: 'Sort by Rounds' }).click();
    await waitForIdle(b.page);
    const header = b.page.locator('th', {
      has: b.page.getByRole('button', { name: 'Sort by Rounds' }),
    });
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    await scrollTo(0);
    await loadedRows();
    const rounds = await rows().evaluateAll((trs) =>
      trs
        .slice(0, 10)
        .map((tr) => Number(tr.querySelectorAll('td')[7]?.textContent?.replace(/,/g, ''))),
    );
    expect(rounds).toEqual([...rounds].sort((x, y) => y - x));
    expect(rounds[0]).toBeGreaterThan(1000);
  });

  it('keeps the scroll position in the link, and the link reopens the same rows', async () => {
    await scrollTo(0.6);
    const shown = await loadedRows(0.6 * SEIZURES);
    await expect.poll(() => b.page.url(), { timeout: 10_000 }).toMatch(/[?&]row=\d+/);
    const row = Number(/[?&]row=(\d+)/.exec(b.page.url())![1]);
    expect(Math.abs(row - shown[0]!.index)).toBeLessThan(12);
    const link = b.page.url();
    const other = await launchBrowser(baseUrl);
    try {
      await other.page.goto(link);
      await waitForShell(other.page);
      const reopened = other.page.getByTestId('records-table').locator('tbody tr.vtable__row');
      await expect
        .poll(
          async () => {
            const cells = await reopened.evaluateAll((trs) =>
              trs.map((tr) => [tr.getAttribute('data-index'), tr.querySelector('td')?.textContent]),
            );
            return cells.find(([i]) => Number(i) === row)?.[1] ?? '';
          },
          { timeout: 30_000 },
        )
        .toBe(shown.find((r) => r.index === row)?.id ?? shown[0]!.id);
    } finally {
      await other.close();
    }
  });

  it('opens a seizure with its firearms, trace requests and the precision of its date and place', async () => {
    // A row inside the viewport (the first rendered ones are drawn above it).
    const row = rows().nth(12);
    const firearms = Number((await row.locator('td').nth(6).innerText()).replace(/,/g, ''));
    await row.click();
    const detail = b.page.getByTestId('seizure-detail');
    await detail.waitFor();
    await expect.poll(() => detail.innerText()).toMatch(/exact day|known to the (month|year)/);
    expect(await detail.innerText()).toMatch(/about 10 km|admin-1 centroid|country point/);
    expect(b.page.url()).toMatch(/sel=seizure~\d+/);
    await expect
      .poll(() => b.page.locator('[data-panel="seizure-detail"]').innerText())
      .toContain(`${firearms.toLocaleString('en')} firearm`);
    await expect
      .poll(() => b.page.getByTestId('seizure-firearms').locator('tbody tr').count())
      .toBe(firearms);
    expect(b.consoleErrors).toEqual([]);
  });
});
