/**
 * What changed, as an analyst uses it: the movers of the last twelve months against the year
 * before, each opening the Overview filtered to it over the current period, where the header
 * counts what the mover's "Now" column says.
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

describe('what changed', () => {
  it('ranks movers, and a mover opens the views filtered to it', async () => {
    await b.page.goto(`${baseUrl}#/changes?v=2`);
    await waitForShell(b.page);
    await b.page.locator('[data-mover]').first().waitFor({ timeout: 60_000 });
    const caption = await b.page.locator('#main').innerText();
    expect(caption).toMatch(
      /Current period 2025-01-01 – 2025-12-31 against 2024-01-01 – 2024-12-31/,
    );
    expect(caption).toMatch(/Items tested: \d+; changed significantly: \d+/);
    // A country mover: its link filters the Overview to it over the current period.
    const mover = b.page.locator('[data-mover^="country:"]').first();
    const key = (await mover.getAttribute('data-mover'))!.split(':')[1]!;
    const now = (await mover.locator('td').nth(2).innerText()).trim();
    await mover.getByRole('link').click();
    await expect.poll(() => decodeURIComponent(b.page.url())).toContain(`c=${key}`);
    expect(decodeURIComponent(b.page.url())).toMatch(/#\/overview\?.*t=2025-01-01,2025-12-31/);
    await waitForShell(b.page);
    await waitForIdle(b.page);
    // The header counts the same seizures the mover's "Now" column does.
    await expect.poll(() => b.page.locator('[data-figure="seizures"] dd').innerText()).toBe(now);
  });
});
